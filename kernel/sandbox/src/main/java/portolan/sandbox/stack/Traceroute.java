package portolan.sandbox.stack;

import java.util.List;
import portolan.sandbox.sim.SimTime;
import portolan.sandbox.wire.Ipv4Address;

/**
 * A Traceroute is the path to a destination as traceroute finds it: one echo request per TTL
 * 1, 2, 3, ..., each answered by the router where the TTL ran out, until the destination itself
 * replies.
 */
public record Traceroute(Ipv4Address target, List<PingResult> hops) {

    public Traceroute {
        hops = List.copyOf(hops);
    }

    /** True if the destination answered at the end. */
    public boolean reached() {
        return !hops.isEmpty() && hops.get(hops.size() - 1).success();
    }

    /** Like traceroute's output: hop number, who answered, round-trip time. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("traceroute to " + target + "\n");
        for (int i = 0; i < hops.size(); i++) {
            PingResult h = hops.get(i);
            s.append(String.format("%2d  %-15s  %s%n", i + 1, h.from() == null ? "*" : h.from(),
                    h.from() == null ? h.explanation() : SimTime.format(h.rttNanos())));
        }
        return s.toString();
    }
}
