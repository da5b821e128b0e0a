package portolan.sandbox.sim;

import java.util.concurrent.locks.LockSupport;

/**
 * Notices that the simulation made no progress for too long in real time while the driving
 * thread waits for the baton. This is the ONLY class of the sandbox that reads the real clock;
 * it decides when to give up waiting, never what happens in virtual time, so no simulated result
 * depends on it (the source-scanning layering test enforces that).
 *
 * <p>Stall time accumulates only at the rate the watchdog itself polls: if one poll comes back
 * much later than asked (a long garbage collection, an overloaded machine, a suspended laptop),
 * the gap counts as two poll intervals, so a pause that stopped everyone is not blamed on the
 * simulated thread.
 */
final class Watchdog {
    private final long thresholdNanos;
    private final long pollNanos;
    private long lastProgress = Long.MIN_VALUE;
    private long lastPoll;
    private long stalled;

    Watchdog(long thresholdNanos) {
        this.thresholdNanos = thresholdNanos;
        this.pollNanos = Math.max(1_000_000L, Math.min(thresholdNanos / 8, 100_000_000L));
    }

    /** Parks the calling thread for one poll interval, or until unparked. */
    void pause(Object blocker) {
        LockSupport.parkNanos(blocker, pollNanos);
    }

    /**
     * True if {@code progress} (a counter the simulation bumps at every step) has not changed for
     * the threshold of real time, counted from the first call that saw the current value.
     */
    boolean expired(long progress) {
        long realNow = System.nanoTime();
        if (progress != lastProgress) {
            lastProgress = progress;
            lastPoll = realNow;
            stalled = 0;
            return false;
        }
        stalled += Math.min(realNow - lastPoll, 2 * pollNanos);
        lastPoll = realNow;
        return stalled >= thresholdNanos;
    }

    /**
     * True if the last {@link #expired} calls saw no progress for at least {@code nanos} of real
     * time (the same count the threshold is compared with).
     */
    boolean stalledFor(long nanos) {
        return stalled >= nanos;
    }

    /** Waits up to the threshold of real time for a thread to end; true if it ended. */
    boolean join(Thread thread) {
        long deadline = System.nanoTime() + thresholdNanos;
        while (thread.isAlive()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                thread.join(Math.max(1, left / 1_000_000L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !thread.isAlive();
            }
        }
        return true;
    }
}
