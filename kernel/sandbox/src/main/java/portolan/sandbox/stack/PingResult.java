package portolan.sandbox.stack;

import portolan.sandbox.sim.SimTime;
import portolan.sandbox.wire.Ipv4Address;

/**
 * A PingResult is the outcome of one ICMP echo request: the round-trip time and the reply's TTL
 * when it succeeded, otherwise an explanation of what went wrong and where.
 *
 * @param from who answered: the target, or a router that reported an ICMP error; null on timeout
 * @param rttNanos virtual round-trip time, -1 without a reply
 * @param ttl TTL of the reply as it arrived, -1 without a reply
 */
public record PingResult(Ipv4Address target, boolean success, Ipv4Address from, long rttNanos, int ttl,
        String explanation) {

    /** Like ping's line: "reply from 10.0.0.1: time=3.2 ms TTL=61" or the explanation. */
    @Override
    public String toString() {
        return success ? "reply from " + from + ": time=" + SimTime.format(rttNanos) + " TTL=" + ttl
                : "ping " + target + " failed: " + explanation;
    }
}
