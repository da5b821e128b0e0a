package portolan.sandbox.apps;

import portolan.sandbox.sim.SimTime;

/** Times formats virtual times on the scale of leases: "3d 04:05:06.250" (days, then clock time). */
final class Times {
    private Times() {
    }

    static String format(long nanos) {
        if (nanos == Long.MAX_VALUE) {
            return "never";
        }
        long ms = nanos / SimTime.MILLISECOND;
        long s = ms / 1000;
        String clock = String.format("%02d:%02d:%02d", s / 3600 % 24, s / 60 % 60, s % 60)
                + (ms % 1000 == 0 ? "" : String.format(".%03d", ms % 1000));
        return (s >= 86_400 ? s / 86_400 + "d " : "") + clock;
    }

    /** A duration in the largest whole unit that fits: "1d", "12h", "30 min", "45 s". */
    static String span(long seconds) {
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        return seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
    }
}
