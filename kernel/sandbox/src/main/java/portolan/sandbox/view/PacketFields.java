package portolan.sandbox.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import portolan.sandbox.wire.ArpPacket;
import portolan.sandbox.wire.EthernetFrame;
import portolan.sandbox.wire.IcmpMessage;
import portolan.sandbox.wire.Ipv4Packet;
import portolan.sandbox.wire.MalformedPacketException;
import portolan.sandbox.wire.TcpSegment;
import portolan.sandbox.wire.UdpDatagram;

/**
 * The header fields of one parsed layer as "name: value" lines, in header order, the way
 * Wireshark's packet details show them: type codes in hex with their names (EtherType
 * {@code 0x0800 (IPv4)}, protocol {@code 6 (TCP)}), flags by name, and the fields a parsed record
 * leaves out because serializing recomputes them — header length, total length, checksums, FCS —
 * read from the bytes that were on the wire, each marked correct (a layer that parsed has passed
 * its checksum check; one that did not is shown by {@link PacketView} with the reason).
 */
final class PacketFields {
    private PacketFields() {
    }

    /** The fields of {@code layer}; {@code wire} is the whole frame as traced, FCS included. */
    static List<String> of(Record layer, byte[] wire) {
        if (layer instanceof EthernetFrame f) {
            return ethernet(f, wire);
        } else if (layer instanceof ArpPacket a) {
            return arp(a);
        } else if (layer instanceof Ipv4Packet p) {
            return ipv4(p, wire);
        } else if (layer instanceof TcpSegment t) {
            return tcp(t, wire);
        } else if (layer instanceof UdpDatagram u) {
            return udp(u, wire);
        } else if (layer instanceof IcmpMessage m) {
            return icmp(m, wire);
        }
        return List.of(layer.toString());
    }

    private static List<String> ethernet(EthernetFrame f, byte[] wire) {
        List<String> out = new ArrayList<>();
        out.add("destination: " + f.destination() + (f.destination().isBroadcast() ? " (broadcast)" : ""));
        out.add("source: " + f.source());
        out.add("etherType: " + hex(f.etherType(), 4) + " (" + etherTypeName(f.etherType()) + ")");
        out.add("payload: " + f.payload().length + " bytes");
        String fcs = fcs(wire);
        if (fcs != null) {
            out.add(fcs);
        }
        return out;
    }

    /** The FCS line: the CRC-32 in the frame's last four bytes, checked. */
    private static String fcs(byte[] wire) {
        if (wire.length < EthernetFrame.MIN_FRAME) {
            return null;
        }
        long found = EthernetFrame.storedFcs(wire);
        try {
            EthernetFrame.parse(wire);
            return "fcs: " + hex(found, 8) + " (correct: the CRC-32 of the frame)";
        } catch (MalformedPacketException e) {
            return e.field().equals("FCS") ? "fcs: " + hex(found, 8) + " (wrong: " + e.getMessage() + ")" : null;
        }
    }

    private static List<String> arp(ArpPacket a) {
        String op = switch (a.operation()) {
            case ArpPacket.REQUEST -> "request";
            case ArpPacket.REPLY -> "reply";
            default -> "unknown";
        };
        return List.of("operation: " + a.operation() + " (" + op + ")", "senderMac: " + a.senderMac(),
                "senderIp: " + a.senderIp(), "targetMac: " + a.targetMac(), "targetIp: " + a.targetIp());
    }

    private static List<String> ipv4(Ipv4Packet p, byte[] wire) {
        int at = EthernetFrame.HEADER_LENGTH;
        List<String> out = new ArrayList<>();
        out.add("version: 4");
        out.add("headerLength: " + p.headerLength() + " bytes (IHL " + p.headerLength() / 4 + ")");
        out.add("dscp: " + p.dscp());
        out.add("ecn: " + p.ecn());
        out.add("totalLength: " + p.totalLength() + " bytes");
        out.add("identification: " + hex(p.identification(), 4) + " (" + p.identification() + ")");
        out.add("dontFragment: " + p.dontFragment());
        out.add("moreFragments: " + p.moreFragments());
        out.add("fragmentOffset: " + p.fragmentOffset() + (p.fragmentOffset() == 0 ? "" : " (" + p.fragmentOffset() * 8
                + " bytes into the original)"));
        out.add("ttl: " + p.ttl());
        out.add("protocol: " + p.protocol() + " (" + protocolName(p.protocol()) + ")");
        out.add("headerChecksum: " + hex(u16(wire, at + Ipv4Packet.CHECKSUM_OFFSET), 4)
                + " (correct: the header adds up)");
        out.add("source: " + p.source());
        out.add("destination: " + p.destination());
        out.add("options: " + p.options().length + " bytes");
        out.add("payload: " + p.payload().length + " bytes");
        return out;
    }

    /** Where the IPv4 payload starts in the frame. */
    private static int transport(byte[] wire) {
        return EthernetFrame.HEADER_LENGTH + (wire[EthernetFrame.HEADER_LENGTH] & 15) * 4;
    }

    private static List<String> tcp(TcpSegment t, byte[] wire) {
        List<String> out = new ArrayList<>();
        out.add("sourcePort: " + t.sourcePort());
        out.add("destinationPort: " + t.destinationPort());
        out.add("sequenceNumber: " + t.sequenceNumber());
        out.add("acknowledgmentNumber: " + t.acknowledgmentNumber() + (t.has(TcpSegment.ACK) ? "" : " (ACK not set)"));
        out.add("headerLength: " + t.dataOffset() * 4 + " bytes (data offset " + t.dataOffset() + ")");
        out.add("flags: " + hex(t.flags(), 3) + " [" + t.flagsString() + "]");
        out.add("window: " + t.window());
        out.add("checksum: " + hex(u16(wire, transport(wire) + TcpSegment.CHECKSUM_OFFSET), 4)
                + " (correct: segment and pseudo-header add up)");
        out.add("urgentPointer: " + t.urgentPointer());
        out.add("options: " + t.options());
        out.add("payload: " + t.payload().length + " bytes");
        return out;
    }

    private static List<String> udp(UdpDatagram u, byte[] wire) {
        int checksum = u16(wire, transport(wire) + UdpDatagram.CHECKSUM_OFFSET);
        return List.of("sourcePort: " + u.sourcePort(), "destinationPort: " + u.destinationPort(),
                "length: " + (UdpDatagram.HEADER_LENGTH + u.payload().length) + " bytes",
                "checksum: " + hex(checksum, 4) + (checksum == 0 ? " (none: the sender computed no checksum)"
                        : " (correct: datagram and pseudo-header add up)"),
                "payload: " + u.payload().length + " bytes");
    }

    private static List<String> icmp(IcmpMessage m, byte[] wire) {
        List<String> out = new ArrayList<>();
        out.add("type: " + m.type() + " (" + IcmpMessage.typeName(m.type()) + ")");
        String code = IcmpMessage.codeName(m.type(), m.code());
        out.add("code: " + m.code() + (code == null ? "" : " (" + code + ")"));
        out.add("checksum: " + hex(u16(wire, transport(wire) + IcmpMessage.CHECKSUM_OFFSET), 4)
                + " (correct: the message adds up)");
        if (m.isEcho()) {
            out.add("identifier: " + m.identifier());
            out.add("sequence: " + m.sequence());
        } else if (m.type() == IcmpMessage.TYPE_DESTINATION_UNREACHABLE
                && m.code() == IcmpMessage.CODE_FRAGMENTATION_NEEDED) {
            out.add("nextHopMtu: " + m.nextHopMtu());
        }
        out.add((m.isError() ? "body: the first " + m.body().length + " bytes of the packet it reports"
                : "body: " + m.body().length + " bytes"));
        return out;
    }

    static String etherTypeName(int type) {
        return switch (type) {
            case EthernetFrame.ETHERTYPE_IPV4 -> "IPv4";
            case EthernetFrame.ETHERTYPE_ARP -> "ARP";
            case 0x86dd -> "IPv6";
            case 0x8100 -> "802.1Q VLAN tag";
            default -> "unknown to this sandbox";
        };
    }

    static String protocolName(int protocol) {
        return switch (protocol) {
            case Ipv4Packet.PROTOCOL_ICMP -> "ICMP";
            case Ipv4Packet.PROTOCOL_TCP -> "TCP";
            case Ipv4Packet.PROTOCOL_UDP -> "UDP";
            default -> "unknown to this sandbox";
        };
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }

    /** {@code value} as 0x and {@code digits} lower-case hex digits, e.g. {@code 0x0800}. */
    private static String hex(long value, int digits) {
        return "0x" + String.format(Locale.ROOT, "%0" + digits + "x", value);
    }
}
