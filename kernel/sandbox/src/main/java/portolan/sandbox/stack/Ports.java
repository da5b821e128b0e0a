package portolan.sandbox.stack;

import java.net.BindException;
import java.util.function.IntPredicate;
import portolan.sandbox.sim.RandomStream;

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

    /** A free ephemeral port: a seeded random start, then upwards (wrapping) to the first one not in use. */
    static int ephemeral(RandomStream random, IntPredicate inUse, String protocol, String hostName) throws BindException {
        int span = EPHEMERAL_LAST - EPHEMERAL_FIRST + 1;
        int start = random.nextInt(span);
        for (int i = 0; i < span; i++) {
            int port = EPHEMERAL_FIRST + (start + i) % span;
            if (!inUse.test(port)) {
                return port;
            }
        }
        throw new BindException("no free ephemeral port: host " + hostName + " uses every " + protocol + " port "
                + EPHEMERAL_FIRST + "–" + EPHEMERAL_LAST + " (close some sockets)");
    }
}
