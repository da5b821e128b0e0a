package portolan.sandbox.apps;

import portolan.sandbox.wire.Ipv4Address;

/**
 * A LeaseEvent is one moment in an address's life at a DHCP server or client — offered, bound,
 * renewed, expired, released, declined, refused (NAK), reassigned — with its virtual time: the
 * data of a lease timeline chart.
 */
public record LeaseEvent(long time, String client, Ipv4Address address, String event, String detail) {

    @Override
    public String toString() {
        return Times.format(time) + "  " + client + "  " + event + " " + (address == null ? "" : address)
                + (detail == null || detail.isEmpty() ? "" : "  (" + detail + ")");
    }
}
