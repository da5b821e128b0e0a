package portolan.sandbox.sim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * A fixed set of pre-started simulated worker threads that run submitted tasks in submission
 * order: the "pre-started pool" of the notes, as opposed to a thread per connection. The workers
 * are created (and their start-up cost paid) once, before the first task.
 *
 * <p>A task that throws ends its worker with a failure naming it, like any simulated thread.
 */
public final class SimThreadPool implements Executor {
    private final String name;
    private final ArrayDeque<SimRunnable> tasks = new ArrayDeque<>();
    private final WaitQueue work;
    private final List<SimThread> workers = new ArrayList<>();
    private boolean shutdown;
    private int busy;

    /** Starts {@code size} workers named "{name}-1".."{name}-n" at {@code place} (may be null). */
    public SimThreadPool(Simulator simulator, String place, String name, int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("thread pool '" + name + "' needs at least one thread, got " + size);
        }
        this.name = name;
        this.work = new WaitQueue(simulator, "a task from thread pool '" + name + "'");
        for (int i = 1; i <= size; i++) {
            workers.add(simulator.spawn(place, name + "-" + i, this::work));
        }
    }

    private void work() throws Exception {
        while (true) {
            work.awaitUntil(() -> !tasks.isEmpty() || shutdown);
            SimRunnable task = tasks.poll();
            if (task == null) {
                return; // shut down and drained
            }
            busy++;
            try {
                task.run();
            } finally {
                busy--;
            }
        }
    }

    /** Queues {@code task}; the longest-idle worker runs it. Never blocks. */
    public void submit(SimRunnable task) {
        if (task == null) {
            throw new IllegalArgumentException("thread pool '" + name + "' cannot run a null task");
        }
        if (shutdown) {
            throw new IllegalStateException("thread pool '" + name + "' was shut down and accepts no new tasks");
        }
        tasks.add(task);
        work.signalOne();
    }

    /** {@link Executor} view of {@link #submit(SimRunnable)}. */
    @Override
    public void execute(Runnable task) {
        if (task == null) {
            throw new IllegalArgumentException("thread pool '" + name + "' cannot run a null task");
        }
        submit(task::run);
    }

    /** Lets the workers finish the queued tasks and then end; refuses new tasks. */
    public void shutdown() {
        shutdown = true;
        work.signalAll();
    }

    /** Waits in virtual time until every worker has ended (call {@link #shutdown()} first). */
    public void awaitTermination() {
        for (SimThread worker : workers) {
            worker.join();
        }
    }

    /** Tasks waiting for a worker. */
    public int queued() {
        return tasks.size();
    }

    /** Workers running a task right now. */
    public int busy() {
        return busy;
    }

    /** The workers, in creation order. */
    public List<SimThread> threads() {
        return List.copyOf(workers);
    }

    @Override
    public String toString() {
        return "SimThreadPool[" + name + ", " + workers.size() + " threads, " + busy + " busy, " + tasks.size() + " queued"
                + (shutdown ? ", shut down" : "") + "]";
    }
}
