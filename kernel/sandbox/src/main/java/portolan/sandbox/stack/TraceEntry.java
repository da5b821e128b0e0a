package portolan.sandbox.stack;

import java.util.Arrays;
import portolan.sandbox.sim.SimTime;
import portolan.sandbox.wire.ArpPacket;
import portolan.sandbox.wire.EthernetFrame;
import portolan.sandbox.wire.IcmpMessage;
import portolan.sandbox.wire.Ipv4Packet;
import portolan.sandbox.wire.MalformedPacketException;
import portolan.sandbox.wire.TcpSegment;
import portolan.sandbox.wire.UdpDatagram;

/**
 * A TraceEntry is one row of the packet trace: a frame seen at one interface at one virtual
 * instant, what happened to it there, and for a drop the reason in words a learner can read.
 *
 * <p>The entry is plain data; source, destination, protocol and summary are decoded from the
 * stored bytes on demand, so recording a frame costs no string formatting.
 *
 * @param number 1-based position in the network's trace (like Wireshark's "No.")
 * @param time virtual nanoseconds since the simulation started
 * @param node the host, router or switch where the frame was seen
 * @param iface the interface ("eth0"), the link name for a frame lost on a link
 * @param event what happened there
 * @param wire the frame as on the wire, FCS included (callers must not modify it)
 * @param reason why a frame was dropped or lost, null otherwise
 */
public record TraceEntry(long number, long time, String node, String iface, Event event, byte[] wire, String reason) {

    /** What happened to a frame at a place. */
    public enum Event {
        /** Put on the wire by this interface (the node originated it). */
        SENT,
        /** Put on the wire by this interface after the node forwarded it (a router hop). */
        FORWARDED,
        /** Accepted by this interface and handled by the node. */
        RECEIVED,
        /** Thrown away at this place; {@code reason} says why. */
        DROPPED,
        /** Lost on a link (fault injection); {@code reason} says so. */
        LOST
    }

    /** The place as "node:iface", the interface name used in pcapng files. */
    public String place() {
        return node + ":" + iface;
    }

    /** The frame without its FCS, as capture files store it. */
    public byte[] frame() {
        return Arrays.copyOf(wire, Math.max(0, wire.length - EthernetFrame.FCS_LENGTH));
    }

    public boolean isDrop() {
        return event == Event.DROPPED || event == Event.LOST;
    }

    TraceEntry withDrop(String why) {
        return new TraceEntry(number, time, node, iface, Event.DROPPED, wire, why);
    }

    /** The Ethernet frame, or null if the bytes cannot be read as one (FCS is not checked here). */
    public EthernetFrame ethernet() {
        try {
            return EthernetFrame.parseWithoutFcs(frame());
        } catch (MalformedPacketException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The IPv4 packet inside, or null for ARP, damaged or non-IP frames. */
    public Ipv4Packet ipv4() {
        EthernetFrame f = ethernet();
        if (f == null || f.etherType() != EthernetFrame.ETHERTYPE_IPV4) {
            return null;
        }
        try {
            return Ipv4Packet.parse(f.payload());
        } catch (MalformedPacketException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Source column: the IP source for IP, the MAC source otherwise. */
    public String source() {
        Ipv4Packet p = ipv4();
        if (p != null) {
            return p.source().toString();
        }
        EthernetFrame f = ethernet();
        return f == null ? "?" : f.source().toString();
    }

    /** Destination column: the IP destination for IP, the MAC destination otherwise. */
    public String destination() {
        Ipv4Packet p = ipv4();
        if (p != null) {
            return p.destination().toString();
        }
        EthernetFrame f = ethernet();
        return f == null ? "?" : f.destination().isBroadcast() ? "broadcast" : f.destination().toString();
    }

    /** Highest protocol recognised: "ARP", "ICMP", "UDP", "TCP", "IPv4", "Ethernet" or "?". */
    public String protocol() {
        EthernetFrame f = ethernet();
        if (f == null) {
            return "?";
        }
        if (f.etherType() == EthernetFrame.ETHERTYPE_ARP) {
            return "ARP";
        }
        Ipv4Packet p = ipv4();
        if (p == null) {
            return f.etherType() == EthernetFrame.ETHERTYPE_IPV4 ? "IPv4" : "Ethernet";
        }
        if (p.fragmentOffset() != 0) {
            return "IPv4";
        }
        return switch (p.protocol()) {
            case Ipv4Packet.PROTOCOL_ICMP -> "ICMP";
            case Ipv4Packet.PROTOCOL_UDP -> "UDP";
            case Ipv4Packet.PROTOCOL_TCP -> "TCP";
            default -> "IPv4";
        };
    }

    /** A tcpdump-like one-line summary of the frame's content. */
    public String summary() {
        EthernetFrame f = ethernet();
        if (f == null) {
            return "unreadable frame of " + wire.length + " bytes";
        }
        if (f.etherType() == EthernetFrame.ETHERTYPE_ARP) {
            try {
                return ArpPacket.parse(f.payload()).toString();
            } catch (MalformedPacketException | IllegalArgumentException e) {
                return "ARP (damaged: " + e.getMessage() + ")";
            }
        }
        if (f.etherType() != EthernetFrame.ETHERTYPE_IPV4) {
            return f.toString();
        }
        Ipv4Packet p = ipv4();
        if (p == null) {
            return "IPv4 (damaged header)";
        }
        if (p.isFragment()) {
            return p.toString();
        }
        String ttl = " [TTL " + p.ttl() + "]";
        try {
            return switch (p.protocol()) {
                case Ipv4Packet.PROTOCOL_ICMP -> IcmpMessage.parse(p.payload()) + ttl;
                case Ipv4Packet.PROTOCOL_UDP -> UdpDatagram.parse(p.payload(), p.source(), p.destination()) + ttl;
                case Ipv4Packet.PROTOCOL_TCP -> TcpSegment.parse(p.payload(), p.source(), p.destination()) + ttl;
                default -> p.toString();
            };
        } catch (MalformedPacketException | IllegalArgumentException e) {
            return p + " (" + e.getMessage() + ")";
        }
    }

    /** One table row. */
    @Override
    public String toString() {
        String row = String.format("%5d %11s %-18s %-9s %-15s %-15s %-5s %s", number, seconds(time), place(),
                event.name().toLowerCase(java.util.Locale.ROOT), source(), destination(), protocol(), summary());
        return reason == null ? row : row + "  ⇒ " + reason;
    }

    /** Virtual time as seconds with microsecond digits, like Wireshark's time column. */
    static String seconds(long nanos) {
        return nanos / SimTime.SECOND + "." + String.format("%06d", nanos % SimTime.SECOND / 1_000);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TraceEntry e && number == e.number && time == e.time && node.equals(e.node)
                && iface.equals(e.iface) && event == e.event && Arrays.equals(wire, e.wire)
                && java.util.Objects.equals(reason, e.reason);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(number) * 31 + Arrays.hashCode(wire);
    }
}
