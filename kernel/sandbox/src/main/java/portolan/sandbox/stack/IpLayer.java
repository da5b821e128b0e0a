package portolan.sandbox.stack;

import java.util.List;
import portolan.sandbox.sim.Simulator;
import portolan.sandbox.wire.Ipv4Address;
import portolan.sandbox.wire.Ipv4Packet;

/**
 * What a transport protocol (TCP, UDP) needs from the IP layer of its host: its addresses,
 * a route's source address, a way to send, and a way to explain a drop. The host's IP stack
 * implements it; transport tests implement it with a fake that hands packets to a peer.
 */
public interface IpLayer {

    /** The simulator that owns this host's clock, events and random streams. */
    Simulator simulator();

    /** The host's name, for messages and trace places ("laptop"). */
    String hostName();

    /** Every address configured on the host's interfaces, in interface order. */
    List<Ipv4Address> localAddresses();

    /**
     * The source address the host would use to reach {@code destination}, or {@code null}
     * when no route leads there (the caller turns that into a learner-facing error).
     */
    Ipv4Address sourceAddressFor(Ipv4Address destination);

    /**
     * Sends a transport-layer payload (a serialized TCP segment or UDP datagram, checksum
     * already computed over the pseudo-header) from {@code source} to {@code destination}.
     * Routing, ARP, fragmentation and the trace are the IP layer's business.
     */
    void send(Ipv4Address source, Ipv4Address destination, int protocol, byte[] payload);

    /**
     * Records that a packet delivered to this host was dropped above the IP layer, with a
     * reason a learner can read ("no listener on TCP port 8080", "bad TCP checksum").
     */
    void dropped(Ipv4Packet packet, String reason);

    /**
     * Records that a transport found no socket for {@code packet} (a UDP datagram to a port
     * nobody has bound). The IP layer should answer with ICMP destination unreachable, code 3
     * "port unreachable" (RFC 1122 §4.1.3.1, RFC 792), and record the drop; the default only
     * records it. TCP answers such segments itself with RST and does not call this.
     */
    default void portUnreachable(Ipv4Packet packet, String reason) {
        dropped(packet, reason);
    }
}
