package portolan.sandbox.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import portolan.sandbox.Host;
import portolan.sandbox.Network;
import portolan.sandbox.stack.Link;
import portolan.sandbox.stack.TraceEntry;
import portolan.sandbox.wire.EthernetFrame;
import portolan.sandbox.wire.Ipv4Address;
import portolan.sandbox.wire.Ipv4Packet;

/** The packet view shows header fields as Wireshark does: type codes named, checksums read from the wire and checked. */
class PacketViewTest {

    private static List<String> fields(PacketView view, String layer) {
        return view.layers().stream().filter(l -> l.name().equals(layer)).findFirst().orElseThrow(
                () -> new AssertionError("no " + layer + " layer in " + view)).fields();
    }

    private static String field(PacketView view, String layer, String name) {
        return fields(view, layer).stream().filter(f -> f.startsWith(name + ": ")).findFirst().orElseThrow(
                () -> new AssertionError("no field " + name + " in " + layer + " of " + view)).substring(name.length() + 2);
    }

    private static String hex16(byte[] b, int at) {
        return String.format(Locale.ROOT, "0x%02x%02x", b[at] & 0xff, b[at + 1] & 0xff);
    }

    @Test
    void aSynShowsNamedTypesAndTheChecksumsThatWereOnTheWire() {
        try (Network net = new Network(3)) {
            var lan = net.lan("lan");
            Host a = net.host("a").attach(lan, "10.0.0.1/24");
            Host b = net.host("b").attach(lan, "10.0.0.2/24");
            a.spawn("try", () -> {
                try {
                    a.sockets().connect(b.ip(), 8080).close();
                } catch (java.io.IOException refused) {
                    // nobody listens: a RST; the SYN is what this test looks at
                }
            });
            net.runUntilIdle();
            TraceEntry syn = net.trace().where(e -> e.summary().contains("[SYN]")).get(0);
            byte[] frame = syn.frame();
            PacketView view = net.packet(syn.number());

            assertEquals("0x0800 (IPv4)", field(view, "EthernetFrame", "etherType"));
            assertTrue(field(view, "EthernetFrame", "fcs").endsWith("(correct: the CRC-32 of the frame)"), view.toString());
            assertEquals("6 (TCP)", field(view, "Ipv4Packet", "protocol"));
            assertEquals("20 bytes (IHL 5)", field(view, "Ipv4Packet", "headerLength"));
            assertEquals(hex16(frame, 14 + 10) + " (correct: the header adds up)", field(view, "Ipv4Packet", "headerChecksum"));
            assertEquals("0x002 [SYN]", field(view, "TcpSegment", "flags"));
            assertEquals("24 bytes (data offset 6)", field(view, "TcpSegment", "headerLength"));
            assertEquals(hex16(frame, 14 + 20 + 16) + " (correct: segment and pseudo-header add up)",
                    field(view, "TcpSegment", "checksum"));
            assertTrue(field(view, "TcpSegment", "acknowledgmentNumber").endsWith("(ACK not set)"));

            TraceEntry arp = net.trace().where(e -> e.protocol().equals("ARP")).get(0);
            PacketView who = net.packet(arp.number());
            assertEquals("0x0806 (ARP)", field(who, "EthernetFrame", "etherType"));
            assertTrue(field(who, "EthernetFrame", "destination").endsWith("(broadcast)"));
            assertEquals("1 (request)", field(who, "ArpPacket", "operation"));
        }
    }

    @Test
    void aFrameDamagedOnTheCableShowsItsWrongFcsAndStillItsLayers() {
        try (Network net = new Network(62)) {
            Link wire = net.link("cable");
            Host a = net.host("a").attach(wire, "10.0.0.1/30");
            net.host("b").attach(wire, "10.0.0.2/30");
            wire.corruption(1.0);
            a.ping("10.0.0.2");
            TraceEntry dropped = net.trace().drops().get(0);
            PacketView view = net.packet(dropped.number());
            String fcs = field(view, "EthernetFrame", "fcs");
            assertTrue(fcs.contains("(wrong: Ethernet FCS is"), fcs);
            assertEquals("EthernetFrame", view.layers().get(0).name());
        }
    }

    @Test
    void anIpHeaderThatDoesNotAddUpEndsTheLayersWithTheReason() {
        try (Network net = new Network(4)) {
            var lan = net.lan("lan");
            Host a = net.host("a").attach(lan, "10.0.0.1/24");
            Host b = net.host("b").attach(lan, "10.0.0.2/24");
            byte[] packet = Ipv4Packet.of(a.ip(), b.ip(), Ipv4Packet.PROTOCOL_UDP, 64, 4242, new byte[26]).toBytes();
            packet[11] ^= 0x01; // one bit of the header checksum
            a.nic("eth0").send(new EthernetFrame(b.nic("eth0").mac(), a.nic("eth0").mac(), 0x0800, packet));
            net.runFor(Duration.ofMillis(1));
            TraceEntry drop = net.trace().drops().get(0);
            PacketView view = net.packet(drop.number());
            List<PacketView.Layer> layers = view.layers();
            assertEquals(List.of("EthernetFrame", "Ipv4Packet"), layers.stream().map(PacketView.Layer::name).toList());
            PacketView.Layer broken = layers.get(1);
            assertTrue(broken.summary().startsWith("cannot be read: IPv4 header checksum is"), broken.summary());
            assertEquals(List.of(), broken.fields());
            assertTrue(view.toString().contains("▾ Ipv4Packet: cannot be read: IPv4 header checksum is"), view.toString());
        }
    }
}
