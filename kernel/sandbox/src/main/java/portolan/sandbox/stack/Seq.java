package portolan.sandbox.stack;

/**
 * Sequence-number arithmetic modulo 2^32 (RFC 9293 §3.4): numbers are kept as longs in
 * 0..2^32-1 and compared by their signed 32-bit distance, so comparisons survive wrap-around.
 */
final class Seq {
    private Seq() {
    }

    static long add(long seq, long n) {
        return (seq + n) & 0xffffffffL;
    }

    /** Signed distance a − b. */
    static int diff(long a, long b) {
        return (int) (a - b);
    }

    static boolean lt(long a, long b) {
        return diff(a, b) < 0;
    }

    static boolean leq(long a, long b) {
        return diff(a, b) <= 0;
    }

    static boolean gt(long a, long b) {
        return diff(a, b) > 0;
    }

    static boolean geq(long a, long b) {
        return diff(a, b) >= 0;
    }
}
