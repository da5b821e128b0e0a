package portolan.sandbox.sim;

import java.time.Duration;

/**
 * A simulated thread: ordinary blocking Java code that runs concurrently with other simulated
 * threads in virtual time. Created by {@link Simulator#spawn(String, String, SimRunnable)}; starts
 * at the next step of the simulation after the spawning code blocks or returns.
 *
 * <p>Only one simulated thread runs at a time and the order is fixed, so results are the same on
 * every run. Its blocking calls ({@link Simulator#sleep(long)}, {@link WaitQueue#await()},
 * {@link #join()} and the sockets built on them) wait in virtual time only. What its body throws
 * is recorded as {@link #failure()} and, by default, ends the current run with a
 * {@link SimulationException} naming the thread.
 */
public final class SimThread extends Strand {
    /** Life cycle of a simulated thread. */
    public enum State {
        /** Spawned, has not run yet. */
        NEW,
        /** Running or ready to run at the current virtual time. */
        RUNNABLE,
        /** Blocked in a sandbox call; {@link #waitingFor()} says on what. */
        WAITING,
        /** Its body returned or threw, or the simulation was closed. */
        TERMINATED
    }

    final Simulator simulator;
    final long index;
    private final String place;
    private final String name;
    final SimRunnable body;
    boolean started;
    boolean terminated;
    /** Set when the simulation closes: every sandbox call then throws {@link SimulationClosedError}. */
    volatile boolean killed;
    private Throwable failure;
    private WaitQueue ended;

    SimThread(Simulator simulator, long index, String place, String name, SimRunnable body) {
        this.simulator = simulator;
        this.index = index;
        this.place = place;
        this.name = name;
        this.body = body;
    }

    /** The name given at spawn, e.g. "worker-3". */
    public String name() {
        return name;
    }

    /** Where it runs, e.g. "host server", or null if spawned without a place. */
    public String place() {
        return place;
    }

    /** The current state; {@link State#WAITING} includes sleeping. */
    public State state() {
        if (terminated) {
            return State.TERMINATED;
        }
        if (!started) {
            return State.NEW;
        }
        return waitReason != null ? State.WAITING : State.RUNNABLE;
    }

    /** True until the body has returned or thrown. */
    public boolean isAlive() {
        return !terminated;
    }

    /** What the thread waits for, in words, or null if it is not waiting. */
    public String waitingFor() {
        return waitReason == null ? null : waitReason.toString();
    }

    /** What the body threw, or null if it returned normally (or is still running). */
    public Throwable failure() {
        return failure;
    }

    /**
     * Waits in virtual time until this thread ends. From a simulated thread this blocks that
     * thread; from outside (a cell, a test) it runs the simulation until the thread ends, and
     * throws {@link SimulationDeadlockException} if it never can.
     */
    public void join() {
        if (terminated) {
            return;
        }
        checkNotSelf();
        endedQueue().awaitUntil(() -> terminated);
    }

    /** Like {@link #join()} but gives up after {@code timeoutNanos} of virtual time; true if it ended. */
    public boolean join(long timeoutNanos) {
        if (terminated) {
            return true;
        }
        checkNotSelf();
        return endedQueue().awaitUntil(() -> terminated, timeoutNanos);
    }

    /** Like {@link #join(long)} with a {@link Duration}. */
    public boolean join(Duration timeout) {
        return join(SimTime.nanos(timeout));
    }

    void markStarted() {
        started = true;
    }

    /** Ends the thread: records what it threw and wakes every joiner. */
    void markTerminated(Throwable thrown) {
        terminated = true;
        failure = thrown;
        waitReason = null;
        if (ended != null) {
            ended.signalAll();
        }
    }

    private WaitQueue endedQueue() {
        if (ended == null) {
            ended = new WaitQueue(simulator, "the end of " + describe() + " (join)");
        }
        return ended;
    }

    private void checkNotSelf() {
        if (simulator.currentThread() == this) {
            throw new IllegalStateException(describe() + " called join() on itself; it would wait forever");
        }
    }

    @Override
    String describe() {
        return "simulated thread '" + name + "'" + (place != null ? " on " + place : "");
    }

    @Override
    public String toString() {
        String waiting = waitReason != null ? ", waiting for " + waitReason : "";
        return "SimThread[" + name + (place != null ? " on " + place : "") + ", " + state() + waiting + "]";
    }
}
