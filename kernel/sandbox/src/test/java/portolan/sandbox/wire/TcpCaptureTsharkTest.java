package portolan.sandbox.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import portolan.sandbox.Host;
import portolan.sandbox.Network;
import portolan.sandbox.TcpServerSocket;
import portolan.sandbox.TcpSocket;
import portolan.sandbox.Topologies;
import portolan.sandbox.stack.Capture;
import portolan.sandbox.stack.TraceEntry;

/**
 * Runs tshark with TCP checksum validation over a capture of real sandbox TCP traffic (handshake,
 * a segmented transfer, both closes, a refused connection) and checks that it finds no bad
 * checksum or malformed segment and reads the same ports, flags, sequence and acknowledgment
 * numbers, windows and lengths as our own decoder.
 */
class TcpCaptureTsharkTest {
    private static final List<String> PREFS = List.of("-o", "tcp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE",
            "-o", "tcp.relative_sequence_numbers:FALSE");
    private static final List<String> FIELDS = List.of("_ws.malformed", "_ws.expert.message", "tcp.srcport",
            "tcp.dstport", "tcp.seq_raw", "tcp.ack_raw", "tcp.flags", "tcp.window_size_value", "tcp.len",
            "tcp.options.mss_val");

    @TempDir
    Path dir;

    @Test
    void tsharkReadsOurTcpAsWeWroteIt() throws Exception {
        try (Network net = Topologies.threeRouters(31)) {
            Host pc = (Host) net.node("pc");
            Host server = (Host) net.node("server");
            TcpServerSocket ss = server.serverSocket(8080);
            server.spawn("srv", () -> {
                try (TcpSocket s = ss.accept()) {
                    s.getInputStream().readNBytes(100);
                    s.getOutputStream().write(new byte[5000]);
                }
            });
            try (TcpSocket c = pc.connect("10.0.3.10", 8080)) {
                c.getOutputStream().write(new byte[100]);
                assertEquals(5000, c.getInputStream().readAllBytes().length);
            }
            try {
                pc.connect("10.0.3.10", 9);
            } catch (java.net.ConnectException expected) {
                // produces a SYN and an RST,ACK in the capture
            }
            net.runUntilIdle();
            Capture capture = net.capture("server:eth0");
            Path file = capture.writePcap(dir.resolve("tcp.pcap"));
            List<String> lines = TsharkValidationTest.tshark(file, PREFS, FIELDS);
            List<TraceEntry> entries = capture.entries();
            assertEquals(entries.size(), lines.size(), () -> "tshark saw a different number of frames:\n" + lines);
            int tcp = 0;
            List<String> problems = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                Ipv4Packet p = entries.get(i).ipv4();
                List<String> v = Arrays.asList(lines.get(i).split("\t", -1));
                String where = "frame " + (i + 1) + ": " + lines.get(i);
                if (!v.get(0).isEmpty() || v.get(1).toLowerCase().contains("checksum")
                        || v.get(1).toLowerCase().contains("malformed")) {
                    problems.add(where);
                }
                if (p == null || p.protocol() != Ipv4Packet.PROTOCOL_TCP) {
                    continue;
                }
                tcp++;
                TcpSegment s = TcpSegment.parse(p.payload(), p.source(), p.destination());
                assertEquals(String.valueOf(s.sourcePort()), v.get(2), where);
                assertEquals(String.valueOf(s.destinationPort()), v.get(3), where);
                assertEquals(String.valueOf(s.sequenceNumber()), v.get(4), where);
                assertEquals(s.has(TcpSegment.ACK) ? String.valueOf(s.acknowledgmentNumber()) : v.get(5), v.get(5), where);
                assertEquals(String.format("0x%04x", s.flags()), v.get(6), where);
                assertEquals(String.valueOf(s.window()), v.get(7), where);
                assertEquals(String.valueOf(s.payload().length), v.get(8), where);
                assertEquals(s.mss().isPresent() ? String.valueOf(s.mss().getAsInt()) : "", v.get(9), where);
            }
            assertTrue(problems.isEmpty(), () -> "tshark found problems:\n" + String.join("\n", problems));
            assertTrue(tcp >= 14, "handshake, data, acks, FINs and a refused SYN: " + tcp + " TCP frames");
        }
    }
}
