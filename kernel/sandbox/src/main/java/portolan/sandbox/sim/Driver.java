package portolan.sandbox.sim;

import java.util.function.BooleanSupplier;

/**
 * The outside thread (a notebook cell's thread, a test thread) while it runs the simulation: one
 * per run. It holds the baton between steps and gets it back when its goal is reached.
 */
final class Driver extends Strand {
    /** Why a run ended; set by whoever holds the baton when it decides to hand it back. */
    enum Outcome {
        /** The run's condition holds. */
        CONDITION,
        /** The driver's own wait was signalled or timed out. */
        WOKEN,
        /** No runnable thread and no event up to the run's limit. */
        IDLE,
        /** Interrupted, or {@link Simulator#stop()}. */
        STOPPED,
        /** A simulated thread or an event threw. */
        FAILED,
        /** Too many steps in one run or at one instant. */
        LIMIT,
        /** The watchdog gave up on the baton holder. */
        WATCHDOG
    }

    /** What the run is for, in words, e.g. "runUntilIdle()". */
    final String purpose;
    /** The last virtual time the run may reach; events after it stay queued. */
    final long limit;
    /** Ends the run as soon as it holds; null if the run has no condition. */
    final BooleanSupplier condition;
    /** Watches the baton holder while this driver waits for it. */
    final Watchdog watchdog;

    Outcome outcome;
    /** The real interrupt arrived while parked (its flag was cleared to park again). */
    boolean interrupted;
    /** The holder was interrupted once because a stop found it stuck in real code (see Scheduler.awaitBaton). */
    boolean nudged;
    /** Message of a LIMIT or WATCHDOG outcome. */
    String message;

    Driver(Thread thread, String purpose, long limit, BooleanSupplier condition, long watchdogNanos) {
        this.thread = thread;
        this.purpose = purpose;
        this.limit = limit;
        this.condition = condition;
        this.watchdog = new Watchdog(watchdogNanos);
    }

    /**
     * "the caller (thread 'main', outside the simulation)"; a thread with a made-up name such as a
     * notebook cell's "Thread-10" is not named, since the name means nothing to the reader.
     */
    @Override
    String describe() {
        String name = thread.getName();
        boolean madeUp = name.startsWith("Thread-") && name.substring(7).chars().allMatch(Character::isDigit);
        return "the caller (" + (madeUp ? "" : "thread '" + name + "', ") + "outside the simulation)";
    }
}
