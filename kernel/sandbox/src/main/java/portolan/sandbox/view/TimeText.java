package portolan.sandbox.view;

/** TimeText formats virtual nanoseconds as seconds with microsecond digits, like Wireshark. */
final class TimeText {
    private static final long SECOND = 1_000_000_000L;

    private TimeText() {
    }

    static String seconds(long nanos) {
        return nanos / SECOND + "." + String.format("%06d", nanos % SECOND / 1_000);
    }
}
