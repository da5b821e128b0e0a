package portolan.sandbox.stack;

import portolan.sandbox.wire.Cidr;
import portolan.sandbox.wire.Ipv4Address;

/**
 * A Route is one row of a routing table: packets for {@code destination} leave through
 * {@code nic}, either straight to the destination (a connected route, {@code gateway} null)
 * or to the next-hop router {@code gateway}.
 *
 * @param kind "connected", "static" or "default"
 */
public record Route(Cidr destination, Ipv4Address gateway, Nic nic, String kind) {

    public boolean isConnected() {
        return gateway == null;
    }

    /** The address the frame is sent to on the link: the gateway, or the destination itself. */
    public Ipv4Address nextHop(Ipv4Address finalDestination) {
        return gateway == null ? finalDestination : gateway;
    }

    @Override
    public String toString() {
        return String.format("%-18s %-15s %-6s %s", destination, gateway == null ? "-" : gateway, nic.name(), kind);
    }
}
