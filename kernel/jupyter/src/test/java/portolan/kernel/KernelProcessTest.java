package portolan.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import portolan.kernel.protocol.Message;
import portolan.kernel.transport.ConnectionInfo;
import portolan.kernel.transport.UnixSocketForwarder;
import portolan.kernel.transport.ZmqTestClient;

/** The kernel as a separate process, driven over real JeroMQ sockets (over tcp, and over ipc through a forwarder). */
@Timeout(120)
class KernelProcessTest {

    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void answersDuringStartupBeatsDropsGarbageAndExitsOnShutdown() throws Exception {
        String json = """
                {"shell_port": %d, "iopub_port": %d, "stdin_port": %d, "control_port": %d, "hb_port": %d,
                 "ip": "127.0.0.1", "key": "a0b1c2", "transport": "tcp", "signature_scheme": "hmac-sha256",
                 "kernel_name": "portolan"}""".formatted(freePort(), freePort(), freePort(), freePort(), freePort());
        Path connection = dir.resolve("kernel-test.json");
        Files.writeString(connection, json);
        ConnectionInfo info = ConnectionInfo.parse(json);

        try (ZmqTestClient client = new ZmqTestClient(info)) {
            // Sent before the kernel process exists: it waits in the client's queue until the kernel binds.
            Message early = client.send(client.shell, "kernel_info_request", "{}");
            Process kernel = start(connection);
            try {
                Message info1 = client.receive(client.shell, STARTUP);
                assertEquals("kernel_info_reply", info1.msgType());
                assertEquals(early.header().msgId(), info1.parentHeader().get("msg_id").getAsString());
                assertEquals("java", info1.content().getAsJsonObject("language_info").get("name").getAsString());

                client.heartbeat.send("ping".getBytes(StandardCharsets.UTF_8), 0);
                List<byte[]> pong = ZmqTestClient.receiveFrames(client.heartbeat, TIMEOUT);
                assertNotNull(pong, "heartbeat echoed");
                assertEquals("ping", new String(pong.get(0), StandardCharsets.UTF_8));

                ZmqTestClient.sendFrames(client.shell, List.of("garbage".getBytes(StandardCharsets.UTF_8),
                        "<IDS|MSG>".getBytes(StandardCharsets.UTF_8), "bad-signature".getBytes(StandardCharsets.UTF_8),
                        "{}".getBytes(), "{}".getBytes(), "{}".getBytes(), "{}".getBytes()));
                Message second = client.send(client.shell, "kernel_info_request", "{}");
                Message info2 = client.receive(client.shell, TIMEOUT);
                assertEquals(second.header().msgId(), info2.parentHeader().get("msg_id").getAsString());

                // A cell through the whole stack: shell -> core -> worker JVM (JShell) -> iopub.
                Message execute = client.send(client.shell, "execute_request",
                        "{\"code\": \"System.out.println(\\\"h\u00e9 \uD83D\uDE00\\\"); 1 + 1\", \"silent\": false}");
                Message executeReply = client.receive(client.shell, STARTUP);
                assertEquals("ok", executeReply.content().get("status").getAsString(), executeReply.content().toString());
                assertEquals(1, executeReply.content().get("execution_count").getAsInt());
                List<Message> iopub = client.iopubUntilIdle(execute, TIMEOUT);
                String printed = iopub.stream().filter(m -> m.msgType().equals("stream"))
                        .map(m -> m.content().get("text").getAsString()).reduce("", String::concat);
                assertEquals("h\u00e9 \uD83D\uDE00\n", printed);
                assertTrue(iopub.stream().anyMatch(m -> m.msgType().equals("execute_result")
                        && m.content().getAsJsonObject("data").get("text/plain").getAsString().equals("2")),
                        iopub.toString());

                Message shutdown = client.send(client.control, "shutdown_request", "{\"restart\": true}");
                Message reply = client.receive(client.control, TIMEOUT);
                long replied = System.nanoTime();
                assertEquals("shutdown_reply", reply.msgType());
                assertEquals(shutdown.header().msgId(), reply.parentHeader().get("msg_id").getAsString());
                assertTrue(kernel.waitFor(10, TimeUnit.SECONDS), "the kernel process exits after shutdown");
                long exitMillis = (System.nanoTime() - replied) / 1_000_000;
                System.err.println("kernel process exited " + exitMillis + " ms after the shutdown reply");
                assertEquals(0, kernel.exitValue());
            } finally {
                kernel.destroyForcibly();
            }
            assertEquals("", Files.readString(dir.resolve("stdout.txt")), "the kernel writes nothing to stdout");
            String stderr = Files.readString(dir.resolve("stderr.txt"));
            assertTrue(stderr.contains("bad HMAC signature"), stderr);
            assertTrue(Files.exists(dir.resolve("data/portolan/history.jsonl")), "history under XDG_DATA_HOME");
        }
    }

    @Test
    void overIpcTheSocketFilesAnswerAndAreGoneAfterTheProcessIsTerminated() throws Exception {
        String json = """
                {"shell_port": 1, "iopub_port": 2, "stdin_port": 3, "control_port": 4, "hb_port": 5,
                 "ip": "%s", "key": "a0b1c2", "transport": "ipc", "signature_scheme": "hmac-sha256"}"""
                .formatted(dir.resolve("kernel-test-ipc"));
        Path connection = dir.resolve("kernel-test.json");
        Files.writeString(connection, json);
        ConnectionInfo info = ConnectionInfo.parse(json);
        List<Path> files = Stream.of(1, 2, 3, 4, 5).map(info::socketFile).toList();

        Process kernel = start(connection);
        try (UnixSocketForwarder forwarder = new UnixSocketForwarder();
             ZmqTestClient client = new ZmqTestClient(forwarder.tcpView(info))) {
            // The forwarder drops connections until the files exist, and JeroMQ tries again.
            Message request = client.send(client.shell, "kernel_info_request", "{}");
            Message reply = client.receive(client.shell, STARTUP);
            assertEquals(request.header().msgId(), reply.parentHeader().get("msg_id").getAsString());
            files.forEach(file -> assertTrue(Files.exists(file, LinkOption.NOFOLLOW_LINKS), file + " exists"));
            // SIGTERM: the JVM exits through its shutdown hooks, which remove the files.
            kernel.destroy();
            assertTrue(kernel.waitFor(10, TimeUnit.SECONDS), "the kernel process exits on SIGTERM");
        } finally {
            kernel.destroyForcibly();
        }
        files.forEach(file -> assertFalse(Files.exists(file, LinkOption.NOFOLLOW_LINKS), file + " removed at exit"));
    }

    @Test
    void anUnusableIpcPathStopsTheKernelWithAClearError() throws Exception {
        Path connection = dir.resolve("kernel-test.json");
        Files.writeString(connection, """
                {"shell_port": 1, "iopub_port": 2, "stdin_port": 3, "control_port": 4, "hb_port": 5,
                 "ip": "%s", "key": "a0b1c2", "transport": "ipc"}""".formatted(dir.resolve("no-such-dir/kernel")));
        Process kernel = start(connection);
        try {
            assertTrue(kernel.waitFor(30, TimeUnit.SECONDS), "the kernel process exits");
            assertEquals(1, kernel.exitValue());
        } finally {
            kernel.destroyForcibly();
        }
        String stderr = Files.readString(dir.resolve("stderr.txt"));
        assertTrue(stderr.contains("portolan: ") && stderr.contains(dir.resolve("no-such-dir") + " does not exist"),
                stderr);
    }

    private Process start(Path connection) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "portolan.kernel.Main", connection.toString());
        builder.environment().put("XDG_DATA_HOME", dir.resolve("data").toString());
        builder.redirectOutput(dir.resolve("stdout.txt").toFile());
        builder.redirectError(dir.resolve("stderr.txt").toFile());
        return builder.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
