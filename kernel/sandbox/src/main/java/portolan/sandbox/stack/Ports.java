package portolan.sandbox.stack;

/**
 * Port number rules shared by TCP and UDP: the 16-bit range, the privileged range 0–1023 and
 * the ephemeral range 49152–65535 from which connect() picks a local port (RFC 6335 §6).
 */
public final class Ports {
    public static final int MAX = 65535;
    /** Ports below this need a privileged process to bind (the Unix rule). */
    public static final int FIRST_UNPRIVILEGED = 1024;
    public static final int EPHEMERAL_FIRST = 49152;
    public static final int EPHEMERAL_LAST = 65535;

    private Ports() {
    }

    /** Throws a learner-readable {@link IllegalArgumentException} for a port outside 0–65535. */
    public static int check(int port) {
        if (port < 0 || port > MAX) {
            throw new IllegalArgumentException("port " + port
                    + " is out of range: TCP and UDP ports are 16-bit numbers, 0–65535");
        }
        return port;
    }

    /** True for 1–1023 (port 0 means "any free port" and is not privileged). */
    public static boolean isPrivileged(int port) {
        return port > 0 && port < FIRST_UNPRIVILEGED;
    }
}
