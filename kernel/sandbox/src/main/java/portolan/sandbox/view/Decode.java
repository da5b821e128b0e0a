package portolan.sandbox.view;

import java.util.ArrayList;
import java.util.List;
import portolan.sandbox.stack.TraceEntry;
import portolan.sandbox.wire.ArpPacket;
import portolan.sandbox.wire.EthernetFrame;
import portolan.sandbox.wire.IcmpMessage;
import portolan.sandbox.wire.Ipv4Packet;
import portolan.sandbox.wire.MalformedPacketException;
import portolan.sandbox.wire.TcpSegment;
import portolan.sandbox.wire.UdpDatagram;

/** Decode turns a traced frame into its layers (Ethernet, ARP/IPv4, ICMP/UDP/TCP), as far as they parse. */
final class Decode {
    private Decode() {
    }

    /**
     * The layers that parsed, outermost first, and the first one that did not: its type's name and
     * why ({@code broken} and {@code why} are null when every layer parsed).
     */
    record Dissection(List<Record> layers, String broken, String why) {
    }

    /** The parsed layers, outermost first; an unreadable layer ends the list. */
    static List<Record> layers(TraceEntry e) {
        return dissect(e).layers();
    }

    static Dissection dissect(TraceEntry e) {
        List<Record> layers = new ArrayList<>();
        EthernetFrame f = e.ethernet();
        if (f == null) {
            return new Dissection(layers, "EthernetFrame", "the bytes are too short for an Ethernet header "
                    + "or carry no Ethernet II type");
        }
        layers.add(f);
        String next = "";
        try {
            if (f.etherType() == EthernetFrame.ETHERTYPE_ARP) {
                next = "ArpPacket";
                layers.add(ArpPacket.parse(f.payload()));
                return new Dissection(layers, null, null);
            }
            if (f.etherType() != EthernetFrame.ETHERTYPE_IPV4) {
                return new Dissection(layers, null, null);
            }
            next = "Ipv4Packet";
            Ipv4Packet p = Ipv4Packet.parse(f.payload());
            layers.add(p);
            if (p.isFragment()) {
                return new Dissection(layers, null, null);
            }
            switch (p.protocol()) {
                case Ipv4Packet.PROTOCOL_ICMP -> {
                    next = "IcmpMessage";
                    layers.add(IcmpMessage.parse(p.payload()));
                }
                case Ipv4Packet.PROTOCOL_UDP -> {
                    next = "UdpDatagram";
                    layers.add(UdpDatagram.parse(p.payload(), p.source(), p.destination()));
                }
                case Ipv4Packet.PROTOCOL_TCP -> {
                    next = "TcpSegment";
                    layers.add(TcpSegment.parse(p.payload(), p.source(), p.destination()));
                }
                default -> {
                }
            }
        } catch (MalformedPacketException | IllegalArgumentException ex) {
            return new Dissection(layers, next, ex.getMessage());
        }
        return new Dissection(layers, null, null);
    }

    /** The TCP or UDP ports of the frame (empty for other protocols). */
    static List<Integer> ports(TraceEntry e) {
        for (Record r : layers(e)) {
            if (r instanceof TcpSegment t) {
                return List.of(t.sourcePort(), t.destinationPort());
            }
            if (r instanceof UdpDatagram u) {
                return List.of(u.sourcePort(), u.destinationPort());
            }
        }
        return List.of();
    }
}
