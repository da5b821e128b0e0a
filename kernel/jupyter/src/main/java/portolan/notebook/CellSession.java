package portolan.notebook;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import portolan.kernel.core.ExecuteOptions;
import portolan.kernel.core.ExecuteResult;
import portolan.kernel.core.Interpreter;

/**
 * Runs cells one after another in one interpreter, with a time limit per cell and optionally
 * one for the whole session. A cell over its limit is interrupted; if it does not stop within
 * a grace period, or the worker dies (System.exit, OutOfMemoryError), the interpreter is closed
 * and relaunched, and the cells that succeeded before are replayed silently, so one bad cell
 * costs only itself and the cells that depend on it.
 */
public final class CellSession implements AutoCloseable {

    /**
     * The {@code ename} with which the engine ({@code portolan.kernel.engine}) reports that its
     * worker JVM ended during the cell (System.exit, OutOfMemoryError, killed after an ignored
     * interrupt); it starts a fresh worker itself, so the earlier cells must be run again.
     */
    static final String PROCESS_ENDED = "JavaProcessEnded";
    /** How long a new worker JVM may take to answer its first cell (a loaded grading machine is slow). */
    private static final Duration STARTUP = Duration.ofMinutes(2);

    private final InterpreterFactory factory;
    private final Duration cellTimeout;
    private final Duration grace;
    private final Duration sessionTimeout;
    private long deadlineNanos = Long.MAX_VALUE;
    private final List<String> succeeded = new ArrayList<>();
    private ExecutorService thread = newThread();
    private Interpreter interpreter;
    private int count;
    /** The worker was replaced behind our back (the engine restarts a dead worker itself): replay before the next cell. */
    private boolean stateLost;

    /**
     * @param cellTimeout     limit per cell
     * @param sessionTimeout  limit for all cells together, or null for none
     * @param grace           how long an interrupted cell may take to stop before the worker is killed
     */
    public CellSession(InterpreterFactory factory, Duration cellTimeout, Duration sessionTimeout, Duration grace) {
        this.factory = factory;
        this.cellTimeout = cellTimeout;
        this.grace = grace;
        this.sessionTimeout = sessionTimeout;
    }

    /** Runs one cell with the session's per-cell limit; never throws for anything the cell does. */
    public CellRun execute(String code) {
        return execute(code, cellTimeout);
    }

    /** Runs one cell with its own time limit (e.g. a slow test cell); never throws for anything the cell does. */
    public CellRun execute(String code, Duration timeout) {
        int executionCount = ++count;
        if (executionCount == 1 && sessionTimeout != null) {
            // the session's clock starts with its first cell
            deadlineNanos = System.nanoTime() + sessionTimeout.toNanos();
        }
        CellOutputs out = new CellOutputs(executionCount);
        if (deadlineNanos - System.nanoTime() <= 0) {
            out.error("SubmissionTimeout", "not run: the time limit for the whole notebook was used up", List.of());
            return new CellRun(CellRun.Status.SKIPPED, out.toJson(), executionCount, 0);
        }
        Interpreter worker;
        try {
            worker = interpreter();
        } catch (Exception e) {
            out.error("WorkerStartError", "could not start the Java worker: " + e.getMessage(), List.of());
            return new CellRun(CellRun.Status.CRASHED, out.toJson(), executionCount, 0);
        }
        long start = System.nanoTime();
        long remaining = Math.max(1, deadlineNanos - start);
        long limit = Math.min(timeout.toNanos(), remaining);
        boolean sessionLimit = limit < timeout.toNanos();
        Future<ExecuteResult> running = thread.submit(() -> worker.execute(code, new ExecuteOptions(executionCount, false, false), out));
        CellRun.Status status;
        try {
            ExecuteResult result = running.get(limit, TimeUnit.NANOSECONDS);
            if (result.ok()) {
                status = CellRun.Status.OK;
                succeeded.add(code);
            } else {
                status = PROCESS_ENDED.equals(result.ename()) ? CellRun.Status.CRASHED : CellRun.Status.ERROR;
                stateLost |= status == CellRun.Status.CRASHED;
                out.error(result.ename(), result.evalue(), result.traceback());
            }
        } catch (TimeoutException e) {
            status = CellRun.Status.TIMEOUT;
            stop(worker, running);
            String what = sessionLimit ? "the time limit for the whole notebook ran out during this cell"
                    : "the cell ran longer than " + seconds(timeout) + " and was stopped";
            out.error("CellTimeoutError", what + " (an endless loop, or waiting for something that never comes?)", List.of());
        } catch (ExecutionException e) {
            status = CellRun.Status.CRASHED;
            discard();
            Throwable cause = e.getCause();
            out.error("WorkerCrashed", "the Java worker stopped while running this cell ("
                    + cause.getClass().getSimpleName() + ": " + cause.getMessage()
                    + "); it was restarted and the earlier cells were run again", List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.interrupt();
            status = CellRun.Status.TIMEOUT;
            out.error("Interrupted", "the run was interrupted", List.of());
        }
        return new CellRun(status, out.toJson(), executionCount, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    private void stop(Interpreter worker, Future<ExecuteResult> running) {
        worker.interrupt();
        try {
            ExecuteResult stopped = running.get(grace.toMillis(), TimeUnit.MILLISECONDS);
            stateLost |= PROCESS_ENDED.equals(stopped.ename());
            return;
        } catch (TimeoutException | ExecutionException e) {
            // did not stop in time, or died while stopping: replace the worker below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        discard();
    }

    /** Closes the current worker; the next cell starts a new one and replays the cells that succeeded. */
    private void discard() {
        if (interpreter != null) {
            try {
                interpreter.close();
            } catch (RuntimeException ignored) {
                // already dead
            }
            interpreter = null;
        }
        // A cell that ignored interrupt and close may still hold the old thread: start afresh.
        thread.shutdownNow();
        thread = newThread();
    }

    private static ExecutorService newThread() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "portolan-cell-runner");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The worker, started (or re-primed after it lost its state) if needed: it first answers a
     * no-op cell, so that JVM start-up never counts against a cell's limit, then the cells that
     * succeeded so far run again silently.
     */
    private Interpreter interpreter() throws Exception {
        for (int attempt = 0; interpreter == null || stateLost; attempt++) {
            if (attempt > succeeded.size() + 1) {
                throw new IllegalStateException("the worker kept failing while the earlier cells were run again");
            }
            if (interpreter == null) {
                interpreter = factory.launch();
            }
            stateLost = false;
            Interpreter worker = interpreter;
            if (!quietly(worker, "// worker start-up", STARTUP)) {
                continue;
            }
            for (Iterator<String> it = succeeded.iterator(); it.hasNext(); ) {
                if (!quietly(worker, it.next(), cellTimeout)) {
                    it.remove(); // it broke the worker this time: leave it out of further replays
                    break;
                }
            }
        }
        return interpreter;
    }

    /** Runs {@code code} without output, stopped like a cell after {@code limit}; true if the worker is still intact. */
    private boolean quietly(Interpreter worker, String code, Duration limit) throws InterruptedException {
        Future<ExecuteResult> run = thread.submit(() -> worker.execute(code, new ExecuteOptions(0, true, false), new CellOutputs(0)));
        try {
            stateLost |= PROCESS_ENDED.equals(run.get(limit.toNanos(), TimeUnit.NANOSECONDS).ename());
        } catch (TimeoutException e) {
            stop(worker, run);
        } catch (ExecutionException e) {
            discard();
        }
        return interpreter == worker && !stateLost;
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : String.format("%.1f s", ms / 1000.0);
    }

    @Override
    public void close() {
        discard();
        thread.shutdownNow();
    }
}
