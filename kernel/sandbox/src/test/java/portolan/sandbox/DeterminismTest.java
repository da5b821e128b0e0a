package portolan.sandbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import portolan.sandbox.stack.TraceEntry;

/** Same seed, same scenario ⇒ same fingerprint and byte-identical captures, also in a fresh JVM. */
class DeterminismTest {

    @Test
    void sameSeedGivesTheSameFingerprintAndIdenticalCaptures() {
        String fingerprint;
        byte[] pcap;
        byte[] pcapng;
        String table;
        try (Network net = DeterminismScenario.run(42)) {
            fingerprint = net.fingerprint();
            pcap = net.capture().pcapBytes();
            pcapng = net.capture().pcapngBytes();
            table = net.trace().toString();
            assertTrue(net.trace().entries().stream().anyMatch(e -> e.event() == TraceEntry.Event.LOST),
                    "the scenario exercises the seeded faults");
        }
        try (Network again = DeterminismScenario.run(42)) {
            assertEquals(fingerprint, again.fingerprint());
            assertArrayEquals(pcap, again.capture().pcapBytes());
            assertArrayEquals(pcapng, again.capture().pcapngBytes());
            assertEquals(table, again.trace().toString());
        }
        try (Network other = DeterminismScenario.run(43)) {
            assertNotEquals(fingerprint, other.fingerprint(), "another seed draws other faults");
        }
    }

    @Test
    void aFreshJvmComputesTheSameFingerprint() throws IOException, InterruptedException {
        String expected;
        try (Network net = DeterminismScenario.run(42)) {
            expected = net.fingerprint();
        }
        Path classes = Path.of("target", "classes").toAbsolutePath();
        Path testClasses = Path.of("target", "test-classes").toAbsolutePath();
        assertTrue(Files.isDirectory(classes) && Files.isDirectory(testClasses),
                "run from the kernel/sandbox module after compiling; missing " + classes + " or " + testClasses);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-cp", classes + File.pathSeparator + testClasses,
                DeterminismScenario.class.getName(), "42")).redirectErrorStream(true).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the fresh JVM did not finish within 120 s");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.exitValue(), out);
        assertEquals(expected, out);
    }
}
