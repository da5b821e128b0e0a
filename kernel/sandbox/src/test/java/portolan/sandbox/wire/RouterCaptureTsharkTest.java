package portolan.sandbox.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import portolan.sandbox.HomeStory;
import portolan.sandbox.stack.Capture;
import portolan.sandbox.stack.TraceEntry;

/**
 * Runs tshark with IP/UDP/TCP checksum validation on over the home story's capture: DHCP on the
 * ISP's access network and the LAN, and TCP rewritten by NAT and port forwarding on both sides
 * of 공유기 (whose Korean name must survive in the pcapng interface names and comments).
 */
class RouterCaptureTsharkTest {
    private static final List<String> PREFS = List.of("-o", "ip.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE",
            "-o", "udp.check_checksum:TRUE");
    private static final List<String> FIELDS = List.of("_ws.malformed", "_ws.expert.message", "ip.src", "ip.dst",
            "dhcp.option.dhcp", "tcp.srcport", "tcp.dstport", "ip.checksum.status", "udp.checksum.status",
            "tcp.checksum.status", "frame.interface_name", "frame.comment");

    @TempDir
    Path dir;

    @Test
    void dhcpAndNatRewrittenTrafficDissectCleanlyWithGoodChecksums() throws Exception {
        HomeStory s = new HomeStory(31, true);
        s.home.hairpin(true);
        assertEquals("laptop's page", HomeStory.fetch(s.net, s.phone, "59.6.66.238", 8081));
        assertEquals("laptop's page", HomeStory.fetch(s.net, s.desktop, "59.6.66.238", 8081));
        HomeStory.fetch(s.net, s.phone, "59.6.66.238", 9999); // dropped: no rule
        Capture capture = s.net.capture();
        Path file = capture.writePcapng(dir.resolve("home.pcapng"));
        List<String> lines = TsharkValidationTest.tshark(file, PREFS, FIELDS);
        List<TraceEntry> entries = capture.entries();
        assertEquals(entries.size(), lines.size());
        List<String> problems = new ArrayList<>();
        int dhcp = 0;
        int rewritten = 0;
        for (int i = 0; i < lines.size(); i++) {
            List<String> v = Arrays.asList(lines.get(i).split("\t", -1));
            String where = "frame " + (i + 1) + " (" + entries.get(i) + "): " + lines.get(i);
            String expert = v.get(1).toLowerCase();
            if (!v.get(0).isEmpty() || expert.contains("checksum") || expert.contains("malformed")
                    || v.subList(7, 10).stream().anyMatch(f -> f.contains("0"))) {
                problems.add(where); // checksum status 0 = bad, 1 = good, 2 = unverified
            }
            TraceEntry e = entries.get(i);
            assertEquals(e.place(), v.get(10), where);
            if (!v.get(4).isEmpty()) {
                dhcp++;
            }
            if (e.place().equals("공유기:eth1") && "8081".equals(v.get(5)) && e.event() == TraceEntry.Event.FORWARDED) {
                rewritten++;
                assertEquals("59.6.66.238", v.get(2), where);
                assertTrue("2".equals(v.get(9)) || "1".equals(v.get(9)), where);
            }
        }
        assertTrue(problems.isEmpty(), () -> "tshark found problems:\n" + String.join("\n", problems));
        assertTrue(dhcp >= 12, "DORA of the router, desktop, laptop and phone: " + dhcp);
        assertTrue(rewritten >= 3, "replies of the laptop leave the WAN port as 59.6.66.238:8081: " + rewritten);
        assertTrue(lines.stream().anyMatch(l -> l.contains("no port-forward rule for TCP 9999")));
    }
}
