package portolan.sandbox.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import portolan.sandbox.Host;
import portolan.sandbox.Network;
import portolan.sandbox.wire.EthernetFrame;
import portolan.sandbox.wire.IcmpMessage;
import portolan.sandbox.wire.Ipv4Address;
import portolan.sandbox.wire.Ipv4Packet;
import portolan.sandbox.wire.MacAddress;

class LinkLayerTest {

    @Test
    void corruptedFramesAreDroppedCountedAndExplainedByTheNic() {
        try (Network net = new Network(5)) {
            Link cable = net.link("cable").corruption(1.0);
            Host a = net.host("a").attach(cable, "10.0.0.1/30");
            Host b = net.host("b").attach(cable, "10.0.0.2/30");
            PingResult r = a.ping("10.0.0.2");
            assertFalse(r.success());
            net.runUntilIdle(); // the ARP cache's third and last request goes out as the ping gives up
            Nic nic = b.nics().get(0);
            assertEquals(3, nic.badFcsDrops(), "three ARP requests, each corrupted: " + nic);
            assertEquals(0, nic.framesReceived());
            List<TraceEntry> drops = net.trace().at("b:eth0");
            assertEquals(3, drops.size());
            drops.forEach(d -> {
                assertEquals(TraceEntry.Event.DROPPED, d.event());
                assertTrue(d.reason().startsWith("bad FCS"), d.reason());
            });
            assertTrue(nic.toString().contains("bad FCS 3"), nic.toString());
        }
    }

    @Test
    void framesForAnotherMacAreDroppedAsNotMine() {
        try (Network net = new Network(5)) {
            Switch lan = net.lan("lan");
            Host a = net.host("a").attach(lan, "10.0.0.1/24");
            Host b = net.host("b").attach(lan, "10.0.0.2/24");
            Host c = net.host("c").attach(lan, "10.0.0.3/24");
            Nic nic = a.nics().get(0);
            MacAddress stranger = MacAddress.parse("02:00:00:00:99:99");
            Ipv4Packet p = Ipv4Packet.of(a.ip(), Ipv4Address.parse("10.0.0.9"), Ipv4Packet.PROTOCOL_ICMP, 64, 1,
                    IcmpMessage.echoRequest(1, 1, new byte[8]).toBytes());
            nic.send(new EthernetFrame(stranger, nic.mac(), EthernetFrame.ETHERTYPE_IPV4, p.toBytes()));
            net.runUntilIdle();
            for (Host h : List.of(b, c)) {
                Nic n = h.nics().get(0);
                assertEquals(1, n.notMyMacDrops(), "the switch floods a frame for an unknown MAC: " + n);
                TraceEntry e = net.trace().at(n.place()).get(0);
                assertEquals("not my MAC: the frame is for 02:00:00:00:99:99 but " + n.place() + " is " + n.mac(),
                        e.reason());
            }
        }
    }

    @Test
    void switchLearnsSourceAddressesAndStopsFlooding() {
        try (Network net = new Network(5)) {
            Switch lan = net.lan("lan");
            Host a = net.host("a").attach(lan, "10.0.0.1/24");
            Host b = net.host("b").attach(lan, "10.0.0.2/24");
            Host c = net.host("c").attach(lan, "10.0.0.3/24");
            assertTrue(lan.macTable().entries().isEmpty());
            assertTrue(a.ping("10.0.0.2").success());
            List<Switch.Learned> table = lan.macTable().entries();
            assertEquals(2, table.size(), lan.macTable().toString());
            assertEquals(2, lan.macTable().portOf(b.nics().get(0).mac()));
            assertEquals(0, lan.macTable().portOf(c.nics().get(0).mac()), "c never sent anything");
            assertEquals(a.nics().get(0).mac(), table.get(0).mac());
            assertEquals(1, table.get(0).port());
            assertEquals(b.nics().get(0).mac(), table.get(1).mac());
            assertEquals(2, table.get(1).port());
            assertTrue(lan.macTable().toString().contains(a.nics().get(0).mac() + "  1"), lan.macTable().toString());
            // c saw only the broadcast ARP request; the unicast echo went to b's port alone
            assertEquals(List.of("ARP"), net.trace().at("c").stream().map(TraceEntry::protocol).toList());
            assertEquals(0, c.nics().get(0).notMyMacDrops());
            net.runFor(Duration.ofSeconds(301));
            assertTrue(lan.macTable().entries().isEmpty(), "entries age out after 300 s: " + lan.macTable());
        }
    }

    @Test
    void linkSerializationAndLatencyDelayFrames() {
        try (Network net = new Network(5)) {
            Link slow = net.link("slow").latency(Duration.ofMillis(10)).bandwidth(1_000_000);
            Host a = net.host("a").attach(slow, "10.0.0.1/30");
            net.host("b").attach(slow, "10.0.0.2/30");
            a.ping("10.0.0.2");
            TraceEntry request = net.trace().get(1);
            TraceEntry arrived = net.trace().get(2);
            // 64-byte ARP frame at 1 Mbit/s = 512 µs, plus 10 ms latency
            assertEquals(10_512_000, arrived.time() - request.time());
        }
    }

    @Test
    void lossDuplicationAndReorderingAreSeededAndVisible() {
        try (Network net = new Network(11)) {
            Link lossy = net.link("lossy").loss(0.3).duplication(0.3).reordering(0.3);
            Host a = net.host("a").attach(lossy, "10.0.0.1/30");
            net.host("b").attach(lossy, "10.0.0.2/30");
            for (int i = 0; i < 20; i++) {
                a.ping("10.0.0.2");
            }
            long lost = net.trace().entries().stream().filter(e -> e.event() == TraceEntry.Event.LOST).count();
            assertTrue(lost > 0, net.trace().toString());
            net.trace().entries().stream().filter(e -> e.event() == TraceEntry.Event.LOST)
                    .forEach(e -> assertTrue(e.reason().startsWith("lost on link lossy"), e.reason()));
            long sentByA = net.trace().at("a:eth0").stream().filter(e -> e.event() == TraceEntry.Event.SENT).count();
            long receivedByB = net.trace().at("b:eth0").stream().filter(e -> e.event() != TraceEntry.Event.SENT).count();
            assertTrue(receivedByB > sentByA - lost, "some frames were duplicated: " + sentByA + " sent, " + lost
                    + " lost, " + receivedByB + " arrived");
        }
    }
}
