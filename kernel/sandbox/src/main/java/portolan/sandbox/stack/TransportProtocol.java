package portolan.sandbox.stack;

import portolan.sandbox.wire.IcmpMessage;
import portolan.sandbox.wire.Ipv4Packet;

/**
 * A protocol above IP on one host (TCP = 6, UDP = 17). The IP layer hands it every packet
 * addressed to the host with that protocol number, after reassembly and header checks.
 */
public interface TransportProtocol {

    /** The IPv4 protocol number this handler receives. */
    int protocolNumber();

    /** A whole (reassembled) packet for this host; the payload is the transport header and data. */
    void receive(Ipv4Packet packet);

    /**
     * An ICMP error about a packet this host sent with this protocol: from a router or host on
     * the way, or made by this host's own IP layer when it could not deliver the packet (no ARP
     * reply). {@code explanation} says who reported what, for a learner. Ignored by default.
     */
    default void icmpError(IcmpMessage.Quote about, IcmpMessage error, String explanation) {
    }
}
