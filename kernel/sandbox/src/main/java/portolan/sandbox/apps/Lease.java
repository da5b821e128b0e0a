package portolan.sandbox.apps;

import portolan.sandbox.wire.Ipv4Address;
import portolan.sandbox.wire.MacAddress;

/**
 * A Lease is one row of a DHCP server's lease table: which client (by hardware address and the
 * name it gave) holds or last held which address, in what state, until when (virtual time).
 *
 * @param state OFFERED, BOUND, EXPIRED, RELEASED, DECLINED or RESERVED
 * @param expires virtual time in nanoseconds when the lease or offer ends (Long.MAX_VALUE: never)
 */
public record Lease(Ipv4Address address, MacAddress mac, String client, String state, long expires) {

    /** One line: "59.6.66.238  02:00:00:00:00:05  공유기  BOUND until 1d 00:00:00". */
    @Override
    public String toString() {
        return String.format("%-15s  %s  %-12s %-8s %s", address, mac == null ? "-" : mac, client == null ? "-" : client,
                state, expires == Long.MAX_VALUE ? "(no expiry)" : "until " + Times.format(expires));
    }
}
