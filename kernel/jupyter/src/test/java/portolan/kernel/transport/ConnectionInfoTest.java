package portolan.kernel.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionInfoTest {

    private static final String FILE = """
            {"shell_port": 5001, "iopub_port": 5002, "stdin_port": 5003, "control_port": 5004,
             "hb_port": 5005, "ip": "127.0.0.1", "key": "abc", "transport": "tcp",
             "signature_scheme": "hmac-sha256", "kernel_name": "portolan"}""";

    @TempDir
    Path dir;

    @Test
    void readsTcpFile() throws IOException {
        Path file = dir.resolve("kernel-1.json");
        Files.writeString(file, FILE);
        ConnectionInfo info = ConnectionInfo.read(file);
        assertEquals(5001, info.shellPort());
        assertEquals(5005, info.hbPort());
        assertEquals("abc", info.key());
        assertEquals("tcp://127.0.0.1:5002", info.address(info.iopubPort()));
    }

    @Test
    void ipcAddressesUseADash() {
        ConnectionInfo info = ConnectionInfo.parse(FILE.replace("\"tcp\"", "\"ipc\"").replace("127.0.0.1", "/tmp/k"));
        assertEquals("ipc:///tmp/k-5001", info.address(info.shellPort()));
    }

    @Test
    void ipcNeedsAPortOfItsOwnForEachChannel() {
        String ipc = FILE.replace("\"tcp\"", "\"ipc\"").replace("127.0.0.1", "/tmp/k");
        assertEquals(Path.of("/tmp/k-5003"), ConnectionInfo.parse(ipc).socketFile(5003));
        assertMessage("a port of its own", ipc.replace("5003", "0"));
        assertMessage("a port of its own", ipc.replace("5003", "5001"));
        assertEquals(0, ConnectionInfo.parse(FILE.replace("5003", "0")).stdinPort(), "tcp: 0 picks a free port");
    }

    @Test
    void defaultsForOptionalFields() {
        ConnectionInfo info = ConnectionInfo.parse("""
                {"shell_port": 1, "iopub_port": 2, "stdin_port": 3, "control_port": 4, "hb_port": 5}""");
        assertEquals("tcp", info.transport());
        assertEquals("127.0.0.1", info.ip());
        assertEquals("", info.key());
        assertEquals("hmac-sha256", info.signatureScheme());
    }

    @Test
    void badFilesNameTheProblem() throws IOException {
        assertMessage("hb_port", FILE.replace("\"hb_port\": 5005,", ""));
        assertMessage("udp", FILE.replace("\"tcp\"", "\"udp\""));
        assertMessage("not valid JSON", "{\"shell_port\": ");
        assertMessage("shell_port", FILE.replace("5001", "\"five\""));
        assertMessage("shell_port", FILE.replace("5001", "70000"));
        Path missing = dir.resolve("missing.json");
        IOException e = assertThrows(IOException.class, () -> ConnectionInfo.read(missing));
        assertTrue(e.getMessage().contains("missing.json"), e.getMessage());
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "[]");
        IOException badFile = assertThrows(IOException.class, () -> ConnectionInfo.read(bad));
        assertTrue(badFile.getMessage().contains("bad.json") && badFile.getMessage().contains("JSON object"),
                badFile.getMessage());
    }

    private static void assertMessage(String expected, String json) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConnectionInfo.parse(json));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
