package portolan.sandbox.stack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import portolan.sandbox.Host;
import portolan.sandbox.Network;
import portolan.sandbox.Node;
import portolan.sandbox.Router;
import portolan.sandbox.Topologies;
import portolan.sandbox.wire.EthernetFrame;
import portolan.sandbox.wire.IcmpMessage;
import portolan.sandbox.wire.Ipv4Address;
import portolan.sandbox.wire.Ipv4Packet;
import portolan.sandbox.wire.UdpDatagram;

class IpLayerTest {

    /** A transport that keeps what it receives, or rejects it through the dropped() up-call. */
    static final class Collector implements TransportProtocol {
        final List<Ipv4Packet> received = new ArrayList<>();
        final IpLayer ip;
        final String rejectWith;

        Collector(IpLayer ip, String rejectWith) {
            this.ip = ip;
            this.rejectWith = rejectWith;
        }

        @Override
        public int protocolNumber() {
            return Ipv4Packet.PROTOCOL_UDP;
        }

        @Override
        public void receive(Ipv4Packet packet) {
            if (rejectWith != null) {
                ip.dropped(packet, rejectWith);
            } else {
                received.add(packet);
            }
        }
    }

    private static byte[] udp(Node from, Node to, int size) {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) (i * 7);
        }
        return new UdpDatagram(5000, 9, data).toBytes(from.ip(), to.ip());
    }

    private static List<IcmpMessage> icmpReceivedBy(Network net, String place) {
        return net.trace().at(place).stream().filter(e -> e.event() == TraceEntry.Event.RECEIVED)
                .map(TraceEntry::ipv4).filter(p -> p != null && p.protocol() == Ipv4Packet.PROTOCOL_ICMP)
                .map(p -> IcmpMessage.parse(p.payload())).toList();
    }

    @Test
    void ttlExpiryIsReportedToTheSenderByTheRouterWhereItHappened() {
        try (Network net = Topologies.threeRouters(3)) {
            PingResult r = net.node("pc").ping("10.0.3.10", 2, Duration.ofSeconds(2));
            assertFalse(r.success());
            assertEquals(Ipv4Address.parse("10.0.12.2"), r.from(), "r2's port towards pc answers");
            assertTrue(r.explanation().contains("time exceeded in transit"), r.explanation());
            TraceEntry drop = net.trace().drops().get(0);
            assertEquals("r2:eth0", drop.place());
            assertTrue(drop.reason().startsWith("TTL expired"), drop.reason());
            IcmpMessage back = icmpReceivedBy(net, "pc:eth0").get(0);
            assertEquals(IcmpMessage.TYPE_TIME_EXCEEDED, back.type());
        }
    }

    @Test
    void packetsAreFragmentedAtASmallMtuAndReassembledAtTheDestination() {
        try (Network net = Topologies.threeRouters(3)) {
            ((Link) net.node("r1").nic("eth1").link()).mtu(576);
            Host pc = (Host) net.node("pc");
            Host server = (Host) net.node("server");
            Collector udp = new Collector(server.stack(), null);
            server.register(udp);
            byte[] payload = udp(pc, server, 1400);
            pc.stack().send(pc.ip(), server.ip(), Ipv4Packet.PROTOCOL_UDP, payload);
            net.runUntilIdle();
            assertEquals(1, udp.received.size(), net.trace().toString());
            assertArrayEquals(payload, udp.received.get(0).payload());
            List<Ipv4Packet> onSmallLink = net.trace().at("r1:eth1").stream().map(TraceEntry::ipv4)
                    .filter(p -> p != null).toList();
            assertEquals(3, onSmallLink.size(), "1408 bytes in 552-byte pieces: " + onSmallLink);
            onSmallLink.forEach(p -> assertTrue(p.totalLength() <= 576, p.toString()));
            assertEquals(List.of(0, 552, 1104), onSmallLink.stream().map(Ipv4Packet::payloadOffset).toList());
            assertEquals(List.of(true, true, false), onSmallLink.stream().map(Ipv4Packet::moreFragments).toList());
            assertEquals(0, server.stack().reassembler().waiting());
        }
    }

    @Test
    void dontFragmentTooBigGetsFragmentationNeededWithTheMtu() {
        try (Network net = Topologies.threeRouters(3)) {
            ((Link) net.node("r1").nic("eth1").link()).mtu(576);
            Host pc = (Host) net.node("pc");
            Node server = net.node("server");
            pc.stack().send(new Ipv4Packet(0, 0, 77, true, false, 0, 64, Ipv4Packet.PROTOCOL_UDP, pc.ip(), server.ip(),
                    new byte[0], udp(pc, server, 1000)));
            net.runUntilIdle();
            TraceEntry drop = net.trace().drops().get(0);
            assertEquals("r1:eth0", drop.place());
            assertTrue(drop.reason().contains("larger than the MTU 576 of r1:eth1, and Don't Fragment is set"),
                    drop.reason());
            IcmpMessage back = icmpReceivedBy(net, "pc:eth0").get(0);
            assertEquals(IcmpMessage.CODE_FRAGMENTATION_NEEDED, back.code());
            assertEquals(576, back.nextHopMtu());
        }
    }

    @Test
    void missingFragmentsTimeOutWithIcmpReassemblyTimeExceeded() {
        try (Network net = Topologies.threeRouters(3)) {
            ((Link) net.node("r1").nic("eth1").link()).mtu(576);
            Router r2 = (Router) net.node("r2");
            r2.onIngress((p, nic) -> {
                if (p.fragmentOffset() == 552 / 8) {
                    r2.stack().drop(p, "test: the firewall of r2 eats the middle fragment");
                    return null;
                }
                return p;
            });
            Host pc = (Host) net.node("pc");
            Host server = (Host) net.node("server");
            Collector udp = new Collector(server.stack(), null);
            server.register(udp);
            pc.stack().send(pc.ip(), server.ip(), Ipv4Packet.PROTOCOL_UDP, udp(pc, server, 1400));
            net.runFor(Duration.ofSeconds(29));
            assertEquals(1, server.stack().reassembler().waiting());
            net.runFor(Duration.ofSeconds(2));
            assertEquals(0, server.stack().reassembler().waiting());
            assertTrue(udp.received.isEmpty());
            assertTrue(net.trace().drops().stream().anyMatch(d -> d.place().equals("r2:eth0")
                    && d.reason().contains("eats the middle fragment")));
            TraceEntry timeout = net.trace().drops().stream().filter(d -> d.node().equals("server")).findFirst().orElseThrow();
            assertTrue(timeout.reason().startsWith("reassembly timeout"), timeout.reason());
            IcmpMessage back = icmpReceivedBy(net, "pc:eth0").get(0);
            assertEquals(IcmpMessage.TYPE_TIME_EXCEEDED, back.type());
            assertEquals(IcmpMessage.CODE_REASSEMBLY_TIME_EXCEEDED, back.code());
        }
    }

    @Test
    void noTransportMeansNoListenerAndPortUnreachable() {
        try (Network net = Topologies.threeRouters(3)) {
            Host pc = (Host) net.node("pc");
            Node server = net.node("server");
            pc.stack().send(pc.ip(), server.ip(), Ipv4Packet.PROTOCOL_UDP, udp(pc, server, 10));
            net.runUntilIdle();
            TraceEntry drop = net.trace().drops().get(0);
            assertEquals("server:eth0", drop.place());
            assertTrue(drop.reason().startsWith("no listener"), drop.reason());
            IcmpMessage back = icmpReceivedBy(net, "pc:eth0").get(0);
            assertEquals(IcmpMessage.CODE_PORT_UNREACHABLE, back.code());
            assertTrue(back.toString().contains("port 9 unreachable"), back.toString());
        }
    }

    @Test
    void aTransportsDropReasonLandsOnTheFrameThatCarriedIt() {
        try (Network net = Topologies.threeRouters(3)) {
            Host pc = (Host) net.node("pc");
            Host server = (Host) net.node("server");
            server.register(new Collector(server.stack(), "no listener on UDP port 9"));
            pc.stack().send(pc.ip(), server.ip(), Ipv4Packet.PROTOCOL_UDP, udp(pc, server, 10));
            net.runUntilIdle();
            List<TraceEntry> drops = net.trace().drops();
            assertEquals(1, drops.size());
            assertEquals("server:eth0", drops.get(0).place());
            assertEquals("UDP", drops.get(0).protocol());
            assertEquals("no listener on UDP port 9", drops.get(0).reason());
        }
    }

    @Test
    void aCorruptedIpHeaderIsDroppedForItsChecksum() {
        try (Network net = Topologies.threeRouters(3)) {
            Host pc = (Host) net.node("pc");
            Node r1 = net.node("r1");
            assertTrue(pc.ping("192.168.0.1").success()); // learn r1's MAC
            byte[] ip = Ipv4Packet.of(pc.ip(), r1.ip(), Ipv4Packet.PROTOCOL_ICMP, 64, 9,
                    IcmpMessage.echoRequest(9, 9, new byte[4]).toBytes()).toBytes();
            ip[8] = 3; // change the TTL without fixing the checksum
            Nic nic = pc.nics().get(0);
            nic.send(new EthernetFrame(r1.nics().get(0).mac(), nic.mac(), EthernetFrame.ETHERTYPE_IPV4, ip));
            net.runUntilIdle();
            TraceEntry drop = net.trace().drops().get(0);
            assertEquals("r1:eth0", drop.place());
            assertTrue(drop.reason().startsWith("bad IP checksum"), drop.reason());
        }
    }

    @Test
    void arpEntriesExpireAndAreResolvedAgain() {
        try (Network net = Topologies.threeRouters(3)) {
            Host pc = (Host) net.node("pc");
            Ipv4Address gateway = Ipv4Address.parse("192.168.0.1");
            assertTrue(pc.ping("192.168.0.1").success());
            assertEquals(net.node("r1").nics().get(0).mac(), pc.arpTable().lookup(gateway));
            assertTrue(pc.arpTable().toString().contains("192.168.0.1"), pc.arpTable().toString());
            net.runFor(Duration.ofSeconds(61));
            assertNull(pc.arpTable().lookup(gateway));
            assertTrue(pc.arpTable().entries().isEmpty());
            int before = net.trace().protocol("ARP").size();
            assertTrue(pc.ping("192.168.0.1").success());
            assertEquals(before + 4, net.trace().protocol("ARP").size(), "request and reply again, each sent and received");
        }
    }

    @Test
    void repliesCanTakeADifferentPathAndTheTraceShowsIt() {
        try (Network net = new Network(9)) {
            var left = net.lan("left");
            var right = net.lan("right");
            var a = net.link("r1-r2");
            var b = net.link("r1-r3");
            var c = net.link("r2-r4");
            var d = net.link("r3-r4");
            Host pc = net.host("pc").attach(left, "192.168.1.10/24").gateway("192.168.1.1");
            net.router("r1").attach(left, "192.168.1.1/24").attach(a, "10.0.12.1/30").attach(b, "10.0.13.1/30")
                    .defaultRoute("10.0.12.2");
            net.router("r2").attach(a, "10.0.12.2/30").attach(c, "10.0.24.1/30").defaultRoute("10.0.24.2");
            net.router("r3").attach(b, "10.0.13.2/30").attach(d, "10.0.34.1/30").defaultRoute("10.0.13.1");
            net.router("r4").attach(c, "10.0.24.2/30").attach(d, "10.0.34.2/30").attach(right, "172.16.0.1/24")
                    .route("192.168.1.0/24", "10.0.34.1");
            net.host("server").attach(right, "172.16.0.10/24").gateway("172.16.0.1");
            PingResult r = pc.ping("172.16.0.10");
            assertTrue(r.success(), r + "\n" + net.trace());
            List<TraceEntry> forwarded = net.trace().where(e -> e.event() == TraceEntry.Event.FORWARDED
                    && e.protocol().equals("ICMP"));
            List<String> requestPath = forwarded.stream().filter(e -> e.summary().contains("echo request"))
                    .map(TraceEntry::node).toList();
            List<String> replyPath = forwarded.stream().filter(e -> e.summary().contains("echo reply"))
                    .map(TraceEntry::node).toList();
            assertEquals(List.of("r1", "r2", "r4"), requestPath);
            assertEquals(List.of("r4", "r3", "r1"), replyPath);
        }
    }
}
