package portolan.sandbox;

import portolan.sandbox.apps.DhcpClient;
import portolan.sandbox.apps.DhcpState;
import portolan.sandbox.sim.SimTime;
import portolan.sandbox.sim.Simulator;

/**
 * DhcpWait runs virtual time until a DHCP client is BOUND or has given up, from a notebook cell
 * (by running the simulator) or from a simulated thread (by sleeping), and turns giving up into
 * an exception that says which interface heard no server.
 */
final class DhcpWait {
    /** Longer than the client's whole DISCOVER back-off (4 + 8 + 16 + 32 s) plus probes and NAK restarts. */
    static final long LIMIT = 300 * SimTime.SECOND;

    private DhcpWait() {
    }

    static void untilBound(Simulator sim, DhcpClient client) {
        long deadline = sim.now() + LIMIT;
        if (sim.currentThread() == null) {
            sim.runUntil(() -> done(client), LIMIT);
        } else {
            while (!done(client) && sim.now() < deadline) {
                sim.sleep(100 * SimTime.MILLISECOND);
            }
        }
        if (client.state() != DhcpState.BOUND) {
            throw new IllegalStateException(client.failure() != null ? client.failure()
                    : "DHCP on " + client.nic().place() + " did not finish: it is " + client.state() + "\n" + client);
        }
    }

    private static boolean done(DhcpClient client) {
        return client.state() == DhcpState.BOUND || client.failure() != null || client.state() == DhcpState.STOPPED;
    }
}
