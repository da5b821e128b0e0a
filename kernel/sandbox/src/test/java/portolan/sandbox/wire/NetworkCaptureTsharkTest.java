package portolan.sandbox.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import portolan.sandbox.Network;
import portolan.sandbox.Node;
import portolan.sandbox.Topologies;
import portolan.sandbox.sim.SimTime;
import portolan.sandbox.stack.Capture;
import portolan.sandbox.stack.Link;
import portolan.sandbox.stack.TraceEntry;

/**
 * Runs tshark, with IP/ICMP/UDP/TCP checksum validation on, over captures exported from a
 * simulated network (pings across three routers, fragmented UDP, ICMP errors and drops) and
 * checks that it finds nothing malformed, no bad checksum, and the same header fields we decode.
 */
class NetworkCaptureTsharkTest {
    private static final List<String> PREFS = List.of("-o", "ip.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE",
            "-o", "udp.check_checksum:TRUE"); // ICMP checksums are always checked
    private static final List<String> FIELDS = List.of("frame.time_epoch", "_ws.malformed", "_ws.expert.message",
            "eth.src", "eth.dst", "ip.src", "ip.dst", "ip.ttl", "ip.id", "ip.proto", "frame.interface_name",
            "frame.comment");

    @TempDir
    Path dir;

    private static Network scenario() {
        Network net = Topologies.threeRouters(5);
        ((Link) net.node("r1").nic("eth1").link()).mtu(600);
        Node pc = net.node("pc");
        Node server = net.node("server");
        pc.ping("10.0.3.10");
        pc.ping("10.0.3.10", 2, Duration.ofSeconds(1));
        pc.ping("172.31.0.1");
        byte[] data = new byte[1200];
        Arrays.fill(data, (byte) 'x');
        pc.stack().send(pc.ip(), server.ip(), Ipv4Packet.PROTOCOL_UDP, new UdpDatagram(40000, 9, data).toBytes(pc.ip(),
                server.ip()));
        net.runUntilIdle();
        return net;
    }

    @Test
    void pcapngOfASimulatedNetworkDissectsCleanlyAndAgreesWithOurFields() throws Exception {
        try (Network net = scenario()) {
            Capture capture = net.capture();
            Path file = capture.writePcapng(dir.resolve("network.pcapng"));
            check(capture.entries(), TsharkValidationTest.tshark(file, PREFS, FIELDS), true);
        }
    }

    @Test
    void perInterfacePcapDissectsCleanlyWithVirtualTimestamps() throws Exception {
        try (Network net = scenario()) {
            Capture capture = net.capture("r2:eth0");
            assertTrue(capture.size() > 5, capture.toString());
            Path file = capture.writePcap(dir.resolve("r2-eth0.pcap"));
            check(capture.entries(), TsharkValidationTest.tshark(file, PREFS, FIELDS), false);
        }
    }

    private static void check(List<TraceEntry> entries, List<String> lines, boolean pcapng) {
        assertEquals(entries.size(), lines.size(), () -> "tshark saw a different number of frames:\n" + lines);
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            TraceEntry e = entries.get(i);
            List<String> v = Arrays.asList(lines.get(i).split("\t", -1));
            String where = "frame " + (i + 1) + " (" + e + "): " + lines.get(i);
            assertEquals(FIELDS.size(), v.size(), where);
            String expert = v.get(2).toLowerCase();
            if (!v.get(1).isEmpty() || expert.contains("checksum") || expert.contains("malformed")) {
                problems.add(where);
            }
            long stamp = SimTime.EPOCH.getEpochSecond() * SimTime.SECOND + e.time();
            assertEquals(String.format("%d.%09d", stamp / SimTime.SECOND, stamp % SimTime.SECOND), v.get(0), where);
            EthernetFrame f = e.ethernet();
            assertEquals(f.source().toString(), v.get(3), where);
            assertEquals(f.destination().toString(), v.get(4), where);
            Ipv4Packet p = e.ipv4();
            if (p != null) {
                assertEquals(p.source().toString(), first(v.get(5)), where);
                assertEquals(p.destination().toString(), first(v.get(6)), where);
                assertEquals(String.valueOf(p.ttl()), first(v.get(7)), where);
                assertEquals(String.format("0x%04x", p.identification()), first(v.get(8)), where);
                assertEquals(String.valueOf(p.protocol()), first(v.get(9)), where);
            }
            if (pcapng) {
                assertEquals(e.place(), v.get(10), where);
                assertEquals(e.reason() == null ? "" : e.event().name().toLowerCase() + ": " + e.reason(), v.get(11), where);
            }
        }
        assertTrue(problems.isEmpty(), () -> "tshark found problems:\n" + String.join("\n", problems));
        assertFalse(entries.isEmpty());
    }

    private static String first(String field) {
        return field.split("\\|", -1)[0];
    }
}
