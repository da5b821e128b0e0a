package portolan.sandbox.sim;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A place where simulated threads (or the outside caller) wait in virtual time until an event
 * handler or another thread signals them: the blocking primitive under accept(), read(),
 * connect() and join(). Create one per thing to wait for, with a description a learner can read,
 * e.g. {@code "host laptop: accept() on 0.0.0.0:80 waiting for a connection"}.
 *
 * <p>Use it like a condition variable, re-checking the state after each wake-up:
 * <pre>{@code
 * // in the socket (user side)
 * if (!readable.awaitUntil(() -> buffer.available() > 0, timeoutNanos))
 *     throw new SocketTimeoutException("Read timed out");
 * // in the stack's event handler that appends data
 * buffer.append(bytes); readable.signalAll();
 * }</pre>
 * Waiters wake in the order they started waiting; woken waiters run one at a time after the
 * signalling code blocks or returns. An outside caller (no simulated thread) that waits drives
 * the simulation until it is woken, and gets a {@link SimulationDeadlockException} naming every
 * waiter if nothing can ever wake it.
 */
public final class WaitQueue {
    private final Simulator simulator;
    /** The description, or null until {@link #describer} made it. */
    private String description;
    private final Supplier<String> describer;
    /** What a waiter waits for, as the scheduler's reports print it: the description, made when printed. */
    private final Object reason;
    /** Starts with room for one waiter (it grows as needed): every socket has up to three queues, mostly empty. */
    final ArrayDeque<Strand> waiters = new ArrayDeque<>(1);

    /** Creates a queue of the given simulation; {@code description} says what waiters wait for. */
    public WaitQueue(Simulator simulator, String description) {
        if (simulator == null) {
            throw new IllegalArgumentException("a WaitQueue needs its Simulator (got null)");
        }
        checkDescription(description);
        this.simulator = simulator;
        this.description = description;
        this.describer = null;
        this.reason = description;
    }

    /**
     * Creates a queue whose description is made only when first needed (by a report or a message):
     * for queues made by the thousand, one per socket, whose descriptions are rarely read.
     */
    public WaitQueue(Simulator simulator, Supplier<String> description) {
        if (simulator == null || description == null) {
            throw new IllegalArgumentException("a WaitQueue needs its Simulator and a description (got null)");
        }
        this.simulator = simulator;
        this.describer = description;
        this.reason = new Object() {
            @Override
            public String toString() {
                return description();
            }
        };
    }

    private static void checkDescription(String description) {
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("describe what a WaitQueue waits for, e.g. \"accept() on port 80\"");
        }
    }

    /** What waiters of this queue wait for. */
    public String description() {
        if (description == null) {
            String made = describer.get();
            checkDescription(made);
            description = made;
        }
        return description;
    }

    /** Waits until signalled. */
    public void await() {
        simulator.scheduler().await(this, reason, Long.MAX_VALUE, null);
    }

    /**
     * Waits until signalled or until {@code timeoutNanos} of virtual time passed; true if signalled,
     * false on timeout (a socket maps that to {@code SocketTimeoutException}). A zero timeout
     * returns false at once.
     */
    public boolean await(long timeoutNanos) {
        if (timeoutNanos < 0) {
            throw new IllegalArgumentException("timeout must not be negative, got " + timeoutNanos + " ns");
        }
        if (timeoutNanos == 0) {
            return false;
        }
        return simulator.scheduler().await(this, reason, timeoutNanos, null);
    }

    /** Like {@link #await(long)} with a {@link Duration}. */
    public boolean await(Duration timeout) {
        return await(SimTime.nanos(timeout));
    }

    /**
     * Waits until {@code ready} holds (checked first). A simulated thread re-checks it after every
     * signal, so the code that changes the state must signal this queue; if it forgets, the run fails
     * with a message saying so. An outside caller runs the simulation and re-checks after every step.
     */
    public void awaitUntil(BooleanSupplier ready) {
        if (ready.getAsBoolean()) {
            return;
        }
        if (simulator.currentThread() == null) {
            simulator.runUntil(ready, Long.MAX_VALUE, description());
            return;
        }
        do {
            simulator.scheduler().await(this, reason, Long.MAX_VALUE, ready);
        } while (!ready.getAsBoolean());
    }

    /**
     * Waits until {@code ready} holds or {@code timeoutNanos} of virtual time passed; true if it
     * holds. The timeout covers all wake-ups together, not each one.
     */
    public boolean awaitUntil(BooleanSupplier ready, long timeoutNanos) {
        if (timeoutNanos < 0) {
            throw new IllegalArgumentException("timeout must not be negative, got " + timeoutNanos + " ns");
        }
        if (ready.getAsBoolean()) {
            return true;
        }
        if (simulator.currentThread() == null) {
            return simulator.runUntil(ready, timeoutNanos, description());
        }
        long deadline = SimTime.plus(simulator.now(), timeoutNanos);
        do {
            long left = deadline - simulator.now();
            if (left <= 0) {
                return false;
            }
            simulator.scheduler().await(this, reason, left, ready);
        } while (!ready.getAsBoolean());
        return true;
    }

    /** Like {@link #awaitUntil(BooleanSupplier, long)} with a {@link Duration}. */
    public boolean awaitUntil(BooleanSupplier ready, Duration timeout) {
        return awaitUntil(ready, SimTime.nanos(timeout));
    }

    /** Wakes every waiter, in the order they started waiting. Never blocks. */
    public void signalAll() {
        checkSignalAccess();
        Strand waiter;
        while ((waiter = waiters.poll()) != null) {
            simulator.scheduler().wake(waiter);
        }
    }

    /** Wakes the longest waiter, if any; true if one was woken. Never blocks. */
    public boolean signalOne() {
        checkSignalAccess();
        Strand waiter = waiters.poll();
        if (waiter == null) {
            return false;
        }
        simulator.scheduler().wake(waiter);
        return true;
    }

    /** Throws unless the caller may touch the simulation; the description is made only for the message. */
    private void checkSignalAccess() {
        simulator.checkAccess("signal", reason);
    }

    /** Number of current waiters. */
    public int waiterCount() {
        return waiters.size();
    }

    @Override
    public String toString() {
        return "WaitQueue[" + description() + ", " + waiters.size() + " waiting]";
    }
}
