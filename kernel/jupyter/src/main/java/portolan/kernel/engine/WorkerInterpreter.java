package portolan.kernel.engine;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import portolan.kernel.core.Completeness;
import portolan.kernel.core.Completion;
import portolan.kernel.core.ExecuteOptions;
import portolan.kernel.core.ExecuteResult;
import portolan.kernel.core.ExpressionValue;
import portolan.kernel.core.Inspection;
import portolan.kernel.core.Interpreter;
import portolan.kernel.core.MimeBundle;
import portolan.kernel.core.Output;
import portolan.kernel.core.StdinNotAllowedException;
import portolan.kernel.jshell.WorkerProtocol;

/**
 * The kernel-side {@link Interpreter}: forwards every call to the current worker JVM and
 * routes what the worker sends back to the {@link Output} of the cell that produced it.
 * When the worker ends, the running cell gets an error saying why, and a new worker is
 * started at once so the next cell finds it warm.
 */
public final class WorkerInterpreter implements Interpreter {

    /** How much longer than the grace period a worker that never acknowledges an interrupt gets. */
    static final long UNRESPONSIVE_MILLIS = 5_000;
    static final long START_TIMEOUT_MILLIS = 60_000;
    private static final int REMEMBERED_CELLS = 64;

    /** A cell the worker may still send output for. */
    private record CellState(Output out, ExecuteOptions options) {
    }

    /** The worker command line, computed again for each start (the class-data archive may now exist). */
    private final java.util.function.Supplier<List<String>> command;
    private final AtomicLong cellIds = new AtomicLong();
    private final Map<Long, CellState> cells = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, CellState> eldest) {
            return size() > REMEMBERED_CELLS;
        }
    };
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "portolan-engine-timer");
        t.setDaemon(true);
        return t;
    });
    private final Events events = new Events();
    private final Object lifecycle = new Object();
    private WorkerProcess worker;
    private String startFailure;
    private volatile boolean closed;
    private volatile long runningCell;
    private volatile String deathWhileIdle;
    private volatile Thread inputThread;
    private volatile long interruptedCell;
    /** How long a cell may keep running after the worker called stop before the worker is replaced. */
    private final long stopGraceMillis;

    WorkerInterpreter(java.util.function.Supplier<List<String>> command, long stopGraceMillis) {
        this.command = command;
        this.stopGraceMillis = stopGraceMillis;
        startWorker();
    }

    /** The process id of the current worker (tests and benchmarks watch its CPU time). */
    public long workerPid() {
        WorkerProcess w = readyWorker();
        return w == null ? -1 : w.pid();
    }

    private void startWorker() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            try {
                worker = WorkerProcess.start(command.get(), events);
                startFailure = null;
            } catch (IOException e) {
                worker = null;
                startFailure = "the worker JVM could not be started (" + e.getMessage() + "): check that "
                        + command.get().get(0) + " is a working java launcher";
            }
        }
    }

    /** The current worker once it has connected, restarting it if needed; null if it cannot start. */
    private WorkerProcess readyWorker() {
        for (int attempt = 0; attempt < 2; attempt++) {
            WorkerProcess w;
            synchronized (lifecycle) {
                if (closed) {
                    return null;
                }
                if (worker == null || (!worker.alive() && attempt > 0)) {
                    startWorker();
                }
                w = worker;
            }
            if (w == null) {
                return null;
            }
            try {
                w.awaitConnected(START_TIMEOUT_MILLIS);
                return w;
            } catch (WorkerProcess.DiedException e) {
                synchronized (lifecycle) {
                    startFailure = "the worker JVM ended while starting: " + e.getMessage();
                    if (worker == w) {
                        worker = null;
                    }
                }
            }
        }
        return null;
    }

    @Override
    public ExecuteResult execute(String code, ExecuteOptions options, Output out) {
        WorkerProcess w = readyWorker();
        if (w == null) {
            return ExecuteResult.error("KernelError", String.valueOf(startFailure), List.of(String.valueOf(startFailure)));
        }
        String notice = deathWhileIdle;
        deathWhileIdle = null;
        if (notice != null && !options.silent()) {
            out.stream("stderr", notice + "\n");
        }
        long cell = cellIds.incrementAndGet();
        synchronized (cells) {
            cells.put(cell, new CellState(out, options));
        }
        JsonObject request = WorkerProtocol.message(WorkerProtocol.EXECUTE);
        request.addProperty("cell", cell);
        request.addProperty("count", options.executionCount());
        request.addProperty("silent", options.silent());
        request.addProperty("allow_stdin", options.allowStdin());
        request.addProperty("code", code);
        runningCell = cell;
        try {
            JsonObject done = w.request(request).get();
            return toResult(done);
        } catch (ExecutionException e) {
            String reason = e.getCause() == null ? String.valueOf(e) : e.getCause().getMessage();
            if (w.heapFull() != null) {
                return WorkerExit.heapFull(w.heapFull());
            }
            return ExecuteResult.error("JavaProcessEnded", WorkerExit.message(reason), WorkerExit.lines(reason));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExecuteResult.error("Interrupted", "the kernel was interrupted while waiting for the cell", List.of());
        } finally {
            runningCell = 0;
        }
    }

    private static ExecuteResult toResult(JsonObject done) {
        if (done.get("ok").getAsBoolean()) {
            return ExecuteResult.success();
        }
        List<String> traceback = new ArrayList<>();
        JsonArray lines = done.getAsJsonArray("traceback");
        if (lines != null) {
            for (JsonElement line : lines) {
                traceback.add(line.getAsString());
            }
        }
        return ExecuteResult.error(done.get("ename").getAsString(), done.get("evalue").getAsString(), traceback);
    }

    @Override
    public ExpressionValue evaluate(String expression) {
        JsonObject request = WorkerProtocol.message(WorkerProtocol.EVALUATE);
        request.addProperty("code", expression);
        JsonObject reply = ask(request, 30_000);
        if (reply == null) {
            return ExpressionValue.error("KernelError", "the worker did not answer", List.of());
        }
        if (reply.has("ok") && reply.get("ok").getAsBoolean()) {
            return ExpressionValue.of(MimeBundle.text(reply.get("text").getAsString()));
        }
        ExecuteResult r = toResult(reply);
        return ExpressionValue.error(r.ename(), r.evalue(), r.traceback());
    }

    @Override
    public Completion complete(String code, int cursor) {
        JsonObject request = WorkerProtocol.message(WorkerProtocol.COMPLETE);
        request.addProperty("code", code);
        request.addProperty("cursor", cursor);
        JsonObject reply = ask(request, 5_000);
        if (reply == null || !reply.has("matches")) {
            return new Completion(List.of(), cursor, cursor, null);
        }
        List<String> matches = new ArrayList<>();
        reply.getAsJsonArray("matches").forEach(m -> matches.add(m.getAsString()));
        return new Completion(matches, reply.get("cursor_start").getAsInt(), reply.get("cursor_end").getAsInt(), null);
    }

    @Override
    public Inspection inspect(String code, int cursor, int detailLevel) {
        JsonObject request = WorkerProtocol.message(WorkerProtocol.INSPECT);
        request.addProperty("code", code);
        request.addProperty("cursor", cursor);
        request.addProperty("detail", detailLevel);
        JsonObject reply = ask(request, 10_000);
        if (reply == null || !reply.has("found") || !reply.get("found").getAsBoolean()) {
            return Inspection.notFound();
        }
        return new Inspection(true, new MimeBundle(reply.getAsJsonObject("data"), null));
    }

    @Override
    public Completeness isComplete(String code) {
        JsonObject request = WorkerProtocol.message(WorkerProtocol.IS_COMPLETE);
        request.addProperty("code", code);
        JsonObject reply = ask(request, 5_000);
        if (reply == null || !reply.has("status")) {
            return Completeness.UNKNOWN;
        }
        return switch (reply.get("status").getAsString()) {
            case "complete" -> Completeness.COMPLETE;
            case "invalid" -> Completeness.INVALID;
            case "incomplete" -> Completeness.incomplete(reply.get("indent").getAsString());
            default -> Completeness.UNKNOWN;
        };
    }

    /** A request with a deadline; null when the worker is gone, busy past the deadline, or failed. */
    private JsonObject ask(JsonObject request, long timeoutMillis) {
        WorkerProcess w = readyWorker();
        if (w == null) {
            return null;
        }
        try {
            return w.request(request).get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException e) {
            return null;
        }
    }

    @Override
    public void interrupt() {
        long cell = runningCell;
        WorkerProcess w;
        synchronized (lifecycle) {
            w = worker;
        }
        if (cell == 0 || w == null) {
            return;
        }
        interruptedCell = cell;
        w.send(WorkerProtocol.message(WorkerProtocol.INTERRUPT));
        Thread waiting = inputThread;
        if (waiting != null) {
            waiting.interrupt();
        }
        // The grace period starts when the worker reports that it called stop (see Events);
        // a worker too busy to even say so is ended after a longer wait.
        endLaterIfStillRunning(w, cell, stopGraceMillis + UNRESPONSIVE_MILLIS);
    }

    /** Ends the worker after {@code millis} if the cell still runs; nothing once the kernel is closing. */
    private void endLaterIfStillRunning(WorkerProcess w, long cell, long millis) {
        try {
            timers.schedule(() -> endIfStillRunning(w, cell), millis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // close() stopped the timers: the worker is being shut down anyway.
        }
    }

    private void endIfStillRunning(WorkerProcess w, long cell) {
        if (runningCell == cell && w.alive()) {
            w.kill("the cell did not stop within " + stopGraceMillis + " ms of the interrupt, so the process was ended");
        }
    }

    @Override
    public void close() {
        WorkerProcess w;
        synchronized (lifecycle) {
            closed = true;
            w = worker;
            worker = null;
        }
        timers.shutdownNow();
        if (w != null) {
            // The worker halts by itself (writing its class-data archive on the way); it is
            // killed only if it is still there after a grace period.
            WorkerProcess ending = w;
            boolean sent = ending.send(WorkerProtocol.message(WorkerProtocol.SHUTDOWN));
            if (!sent) {
                ending.kill("the kernel is shutting down");
                return;
            }
            Thread reaper = new Thread(() -> {
                try {
                    Thread.sleep(3000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                ending.kill("the kernel is shutting down");
            }, "portolan-worker-reaper");
            reaper.setDaemon(true);
            reaper.start();
        }
    }

    private CellState cell(JsonObject message) {
        long id = message.has("cell") ? message.get("cell").getAsLong() : 0;
        synchronized (cells) {
            return cells.get(id);
        }
    }

    /** What workers send: output routed to its cell, input requests, and their ends. */
    private final class Events implements WorkerProcess.Events {

        @Override
        public void message(WorkerProcess w, JsonObject m) {
            CellState state = cell(m);
            String type = WorkerProtocol.type(m);
            if (type.equals(WorkerProtocol.STOPPING)) {
                long cell = interruptedCell;
                endLaterIfStillRunning(w, cell, stopGraceMillis);
                return;
            }
            if (type.equals(WorkerProtocol.INPUT_REQUEST)) {
                answerInput(w, m, state);
                return;
            }
            if (type.equals(WorkerProtocol.HISTORY_REQUEST)) {
                answerHistory(w, m, state);
                return;
            }
            if (state == null) {
                if (type.equals(WorkerProtocol.STREAM)) {
                    System.err.print(m.get("text").getAsString());
                }
                return;
            }
            switch (type) {
                case WorkerProtocol.STREAM -> state.out().stream(m.get("name").getAsString(), m.get("text").getAsString());
                case WorkerProtocol.RESULT -> state.out().result(bundle(m));
                case WorkerProtocol.DISPLAY -> state.out().display(bundle(m),
                        m.has("display_id") ? m.get("display_id").getAsString() : null, m.get("update").getAsBoolean());
                case WorkerProtocol.CLEAR_OUTPUT -> state.out().clearOutput(m.get("wait").getAsBoolean());
                default -> {
                    // ready, exiting: nothing to route
                }
            }
        }

        @Override
        public void rawOutput(WorkerProcess w, String name, String text) {
            long id = runningCell;
            CellState state;
            synchronized (cells) {
                state = cells.get(id);
            }
            if (state != null) {
                state.out().stream(name, text);
            } else {
                System.err.print(text);
            }
        }

        @Override
        public void died(WorkerProcess w, String reason) {
            boolean current;
            synchronized (lifecycle) {
                current = worker == w;
            }
            if (!current || closed) {
                return;
            }
            if (runningCell == 0) {
                deathWhileIdle = "Note: " + WorkerExit.message(reason);
            }
            startWorker();
        }

        /** Answered here, on the reading thread: the history is in memory, nothing waits for the front end. */
        private void answerHistory(WorkerProcess w, JsonObject m, CellState state) {
            JsonObject reply = WorkerProtocol.message(WorkerProtocol.HISTORY_REPLY);
            reply.addProperty("id", m.get("id").getAsLong());
            try {
                if (state == null) {
                    reply.addProperty("error", "the cell that asked for the history has ended");
                } else {
                    reply.addProperty("text", state.out().history(m.get("args").getAsString()));
                }
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                reply.addProperty("error", e.getMessage());
            }
            w.send(reply);
        }

        private void answerInput(WorkerProcess w, JsonObject m, CellState state) {
            Thread t = new Thread(() -> {
                inputThread = Thread.currentThread();
                JsonObject reply = WorkerProtocol.message(WorkerProtocol.INPUT_REPLY);
                reply.addProperty("id", m.get("id").getAsLong());
                try {
                    if (state == null || !state.options().allowStdin()) {
                        reply.addProperty("error", "this cell cannot read input: the front end said allow_stdin=false");
                    } else {
                        reply.addProperty("value", state.out().input(m.get("prompt").getAsString(),
                                m.get("password").getAsBoolean()));
                    }
                } catch (StdinNotAllowedException e) {
                    reply.addProperty("error", e.getMessage());
                } catch (InterruptedException e) {
                    reply.addProperty("error", "interrupted while waiting for input");
                } catch (RuntimeException e) {
                    reply.addProperty("error", "the front end did not answer the input request: " + e.getMessage());
                } finally {
                    inputThread = null;
                }
                w.send(reply);
            }, "portolan-input");
            t.setDaemon(true);
            t.start();
        }
    }

    private static MimeBundle bundle(JsonObject m) {
        return new MimeBundle(m.getAsJsonObject("data"), m.getAsJsonObject("metadata"));
    }
}
