package portolan.sandbox.stack;

/**
 * A NatEntry is one row of a NAT translation table as it stands at a moment: which inside
 * endpoint talks with which remote one through which outside endpoint, why the mapping exists
 * (outbound, port-forward, hairpin), the TCP state seen from the flags, and how long it has been idle.
 *
 * @param idleNanos virtual time since the last packet; the mapping goes after {@code timeoutNanos} idle
 */
public record NatEntry(IpProtocol protocol, Endpoint inside, Endpoint outside, Endpoint remote, String kind,
        String state, long idleNanos, long timeoutNanos) {

    /** One line: "TCP  192.168.0.4:80  59.6.66.238:8081  223.38.0.2:49152  port-forward  ESTABLISHED  idle 2 s". */
    @Override
    public String toString() {
        return String.format("%-4s %-21s %-21s %-21s %-12s %-11s idle %s", protocol, inside, outside, remote, kind, state,
                seconds(idleNanos));
    }

    /** How long the mapping has been idle: "12 s", "3 min 4 s", "1 h 5 min". */
    public String idle() {
        return seconds(idleNanos);
    }

    static String seconds(long nanos) {
        long s = nanos / 1_000_000_000L;
        return s >= 3600 ? s / 3600 + " h " + s % 3600 / 60 + " min" : s >= 60 ? s / 60 + " min " + s % 60 + " s" : s + " s";
    }
}
