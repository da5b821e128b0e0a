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

    /** The parsed layers, outermost first; an unreadable layer ends the list. */
    static List<Record> layers(TraceEntry e) {
        List<Record> layers = new ArrayList<>();
        EthernetFrame f = e.ethernet();
        if (f == null) {
            return layers;
        }
        layers.add(f);
        try {
            if (f.etherType() == EthernetFrame.ETHERTYPE_ARP) {
                layers.add(ArpPacket.parse(f.payload()));
                return layers;
            }
            Ipv4Packet p = e.ipv4();
            if (p == null) {
                return layers;
            }
            layers.add(p);
            if (p.isFragment()) {
                return layers;
            }
            switch (p.protocol()) {
                case Ipv4Packet.PROTOCOL_ICMP -> layers.add(IcmpMessage.parse(p.payload()));
                case Ipv4Packet.PROTOCOL_UDP -> layers.add(UdpDatagram.parse(p.payload(), p.source(), p.destination()));
                case Ipv4Packet.PROTOCOL_TCP -> layers.add(TcpSegment.parse(p.payload(), p.source(), p.destination()));
                default -> {
                }
            }
        } catch (MalformedPacketException | IllegalArgumentException ex) {
            // a damaged layer: show what parsed so far
        }
        return layers;
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
