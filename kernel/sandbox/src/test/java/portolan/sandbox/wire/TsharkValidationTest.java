package portolan.sandbox.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Has Wireshark's command-line dissector, tshark, read the capture files we write and check
 * every checksum (IPv4, ICMP, UDP, TCP, and the Ethernet FCS in a file that keeps it), then
 * compares the fields it decodes with the values we put in. tshark is an independent
 * implementation, so agreement means our bytes are what real tools expect. The test fails,
 * and says how to install tshark, when it is missing.
 */
class TsharkValidationTest {
    private static final String[] CHECKSUM_PREFS = {"-o", "ip.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE",
        "-o", "udp.check_checksum:TRUE"};

    @TempDir
    Path dir;

    @Test
    void pcapDecodesWithGoodChecksumsAndOurFields() throws Exception {
        List<SampleTraffic.Packet> packets = SampleTraffic.build();
        Path file = dir.resolve("sample.pcap");
        SampleTraffic.writePcap(packets, Files.newOutputStream(file));
        compare(file, packets, false);
    }

    @Test
    void pcapngDecodesWithInterfacesAndComments() throws Exception {
        List<SampleTraffic.Packet> packets = SampleTraffic.build();
        Path file = dir.resolve("sample.pcapng");
        SampleTraffic.writePcapng(packets, Files.newOutputStream(file));
        compare(file, packets, true);
    }

    @Test
    void framesWithTheirFcsPassWiresharksFcsCheck() throws Exception {
        List<SampleTraffic.Packet> packets = SampleTraffic.build();
        Path file = dir.resolve("with-fcs.pcap");
        try (PcapWriter pcap = new PcapWriter(Files.newOutputStream(file))) {
            for (SampleTraffic.Packet p : packets) {
                pcap.write(p.timestampNanos(), p.frame().toBytes());
            }
        }
        List<String> lines = tshark(file, List.of("-o", "eth.fcs:Always", "-o", "eth.check_fcs:TRUE"),
                List.of("eth.fcs.status"));
        assertEquals(packets.size(), lines.size());
        lines.forEach(status -> assertEquals("1", status, "eth.fcs.status 1 means Good"));
    }

    private void compare(Path file, List<SampleTraffic.Packet> packets, boolean pcapng) throws Exception {
        Set<String> names = new LinkedHashSet<>(List.of("frame.time_epoch", "_ws.malformed", "_ws.expert.message"));
        if (pcapng) {
            names.addAll(List.of("frame.interface_name", "frame.comment"));
        }
        packets.forEach(p -> names.addAll(p.expected().keySet()));
        List<String> fields = List.copyOf(names);
        List<String> lines = tshark(file, List.of(CHECKSUM_PREFS), fields);
        assertEquals(packets.size(), lines.size(), () -> "tshark saw a different number of packets:\n" + lines);
        for (int i = 0; i < packets.size(); i++) {
            SampleTraffic.Packet p = packets.get(i);
            List<String> values = Arrays.asList(lines.get(i).split("\t", -1));
            String where = "packet " + (i + 1) + " (" + p.frame() + "): " + lines.get(i);
            assertEquals(fields.size(), values.size(), where);
            String expert = values.get(fields.indexOf("_ws.expert.message"));
            assertTrue(values.get(fields.indexOf("_ws.malformed")).isEmpty(), "malformed " + where);
            assertFalse(expert.toLowerCase().contains("checksum") || expert.toLowerCase().contains("malformed"),
                    "expert info " + expert + " in " + where);
            long seconds = p.timestampNanos() / 1_000_000_000L;
            assertEquals(String.format("%d.%09d", seconds, p.timestampNanos() % 1_000_000_000L),
                    values.get(fields.indexOf("frame.time_epoch")), "nanosecond timestamp of " + where);
            if (pcapng) {
                assertEquals(p.interfaceName(), values.get(fields.indexOf("frame.interface_name")), where);
                assertEquals(p.comment() == null ? "" : p.comment(), values.get(fields.indexOf("frame.comment")), where);
            }
            for (Map.Entry<String, String> e : p.expected().entrySet()) {
                String first = values.get(fields.indexOf(e.getKey())).split("\\|", -1)[0];
                assertEquals(e.getValue(), first, e.getKey() + " of " + where);
            }
        }
    }

    /**
     * Runs tshark on {@code file} printing {@code fields}, one line per packet, fields separated
     * by tabs and repeated occurrences (e.g. the quoted header inside an ICMP error) by '|'.
     */
    static List<String> tshark(Path file, List<String> prefs, List<String> fields) throws IOException,
            InterruptedException {
        String tshark = findTshark();
        List<String> command = new ArrayList<>(List.of(tshark, "-n", "-r", file.toString()));
        command.addAll(prefs);
        command.addAll(List.of("-T", "fields", "-E", "occurrence=a", "-E", "aggregator=|", "-E", "separator=/t"));
        fields.forEach(f -> command.addAll(List.of("-e", f)));
        ProcessBuilder builder = new ProcessBuilder(command);
        // Keep the user's own Wireshark preferences out of the test.
        Path config = Files.createTempDirectory(file.getParent(), "wireshark-config");
        builder.environment().put("WIRESHARK_CONFIG_DIR", config.toString());
        builder.redirectError(file.getParent().resolve("tshark.err").toFile());
        Process process = builder.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> {
            try {
                process.getInputStream().transferTo(out);
            } catch (IOException e) {
                out.writeBytes(("[reading tshark output failed: " + e + "]").getBytes(StandardCharsets.UTF_8));
            }
        });
        reader.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("tshark did not finish within 120 s: " + command);
        }
        reader.join();
        String stderr = Files.readString(file.getParent().resolve("tshark.err"));
        assertEquals(0, process.exitValue(), () -> "tshark failed: " + command + "\n" + stderr);
        String text = out.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }

    private static String findTshark() {
        List<Path> candidates = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, "tshark"));
            }
        }
        candidates.add(Path.of("/usr/bin/tshark"));
        return candidates.stream().filter(Files::isExecutable).findFirst().map(Path::toString).orElseGet(() -> fail(
                "tshark (Wireshark's command-line dissector) is needed to validate the capture files but was not found "
                        + "on PATH or at /usr/bin/tshark. Install it with: sudo apt-get install tshark"));
    }
}
