package portolan.sandbox.sim;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * Conversions for virtual time, which the simulator counts in integer nanoseconds (never
 * {@code double}, so sums are exact and runs repeat bit for bit).
 */
public final class SimTime {
    /** Nanoseconds per millisecond. */
    public static final long MILLISECOND = 1_000_000L;
    /** Nanoseconds per second. */
    public static final long SECOND = 1_000_000_000L;

    /**
     * The instant virtual time 0 stands for, fixed so that clock readings and capture timestamps
     * are the same on every run: 2024-03-01T00:00:00Z.
     */
    public static final Instant EPOCH = Instant.parse("2024-03-01T00:00:00Z");

    private SimTime() {
    }

    /**
     * Converts a duration to nanoseconds, saturating at {@code Long.MAX_VALUE} so that very long
     * timeouts (e.g. {@code Duration.ofDays(100_000)}) mean "practically forever" instead of failing.
     */
    public static long nanos(Duration duration) {
        if (duration == null) {
            throw new IllegalArgumentException("duration is null; pass e.g. Duration.ofMillis(100)");
        }
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration " + duration + " is negative; virtual time only moves forward");
        }
        try {
            return duration.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    /** Adds a non-negative delay to a time, saturating at {@code Long.MAX_VALUE}. */
    static long plus(long time, long delay) {
        long sum = time + delay;
        return sum < time ? Long.MAX_VALUE : sum;
    }

    /**
     * Formats nanoseconds for a learner: the largest unit that keeps the number readable, exact
     * digits, no trailing zeros ("0 s", "1.5 ms", "2 s", "1.234567891 s", "750 ns").
     */
    public static String format(long nanos) {
        if (nanos == Long.MAX_VALUE) {
            return "forever";
        }
        long magnitude = Math.abs(nanos);
        if (nanos == 0 || magnitude >= SECOND) {
            return scaled(nanos, 9) + " s";
        }
        if (magnitude >= MILLISECOND) {
            return scaled(nanos, 6) + " ms";
        }
        if (magnitude >= 1_000) {
            return scaled(nanos, 3) + " µs";
        }
        return nanos + " ns";
    }

    private static String scaled(long nanos, int scale) {
        return BigDecimal.valueOf(nanos, scale).stripTrailingZeros().toPlainString();
    }
}
