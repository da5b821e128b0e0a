package portolan.kernel.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import portolan.kernel.core.Completeness;
import portolan.kernel.core.Completion;
import portolan.kernel.core.ExecuteOptions;
import portolan.kernel.core.ExecuteResult;
import portolan.kernel.core.ExpressionValue;
import portolan.kernel.core.History;
import portolan.kernel.core.Inspection;
import portolan.kernel.core.Interpreter;
import portolan.kernel.core.KernelCore;
import portolan.kernel.core.Output;
import portolan.kernel.protocol.Message;
import portolan.kernel.protocol.Session;
import portolan.kernel.protocol.Signer;
import portolan.kernel.protocol.WireCodec;

/**
 * The ipc transport: a kernel core over {@link ZmqServer} with an ipc connection info in a
 * temporary directory, reached by a real ZMTP peer (JeroMQ's, over a test-side forwarder from
 * loopback TCP to the kernel's Unix domain socket files), and {@link UnixSocketBridge} alone.
 */
@Timeout(60)
class IpcTransportTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final UnixSocketForwarder forwarder = new UnixSocketForwarder();

    @AfterEach
    void closeForwarder() {
        forwarder.close();
    }

    private ConnectionInfo ipc(String prefix) {
        return ConnectionInfo.parse("""
                {"shell_port": 1, "iopub_port": 2, "stdin_port": 3, "control_port": 4, "hb_port": 5,
                 "ip": "%s", "key": "secret", "transport": "ipc"}""".formatted(dir.resolve(prefix)));
    }

    private static List<Path> socketFiles(ConnectionInfo info) {
        return Stream.of(info.shellPort(), info.iopubPort(), info.stdinPort(), info.controlPort(), info.hbPort())
                .map(info::socketFile).toList();
    }

    @Test
    void shellIopubAndHeartbeatWorkOverTheSocketFilesWhichShutdownRemoves() throws Exception {
        ConnectionInfo info = ipc("kernel-test-ipc");
        List<Path> files = socketFiles(info);
        HeldCells engine = new HeldCells();
        ZmqServer server = new ZmqServer(info);
        KernelCore core = new KernelCore(server, new Session("kernel-session", "kernel"), History.inMemory(),
                () -> engine);
        core.start();
        try (ZmqTestClient client = new ZmqTestClient(forwarder.tcpView(info))) {
            for (Path file : files) {
                assertTrue(Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther(),
                        file + " is a socket");
                assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file),
                        "only the owner may connect to " + file);
            }
            try (Stream<Path> all = Files.list(dir)) {
                assertEquals(Set.copyOf(files), Set.copyOf(all.toList()), "the socket files and nothing else");
            }

            // kernel_info until the SUB's subscription has reached the PUB (a slow joiner, as
            // jupyter_client's wait_for_ready knows); then the request's status arrives on iopub.
            Signer signer = Signer.of("hmac-sha256", "secret");
            Set<String> asked = new HashSet<>();
            Message status = null;
            for (int attempt = 0; status == null && attempt < 20; attempt++) {
                Message request = client.send(client.shell, "kernel_info_request", "{}");
                asked.add(request.header().msgId());
                Message reply = client.receive(client.shell, TIMEOUT);
                assertEquals("kernel_info_reply", reply.msgType());
                assertEquals(request.header().msgId(), parentId(reply));
                assertEquals("java", reply.content().getAsJsonObject("language_info").get("name").getAsString());
                List<byte[]> frames = ZmqTestClient.receiveFrames(client.iopub, Duration.ofMillis(500));
                status = frames == null ? null : WireCodec.decode(frames, signer);
            }
            assertNotNull(status, "nothing arrived on iopub");
            assertEquals("status", status.msgType());
            assertTrue(asked.contains(parentId(status)), "the status of a kernel_info_request: " + status);

            assertHeartbeat(client, "ping");
            Message execute = client.send(client.shell, "execute_request", "{\"code\": \"held\", \"silent\": false}");
            assertTrue(engine.running.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS), "the cell started");
            assertHeartbeat(client, "while a cell runs");
            engine.release.countDown();
            Message executeReply = client.receive(client.shell, TIMEOUT);
            assertEquals(execute.header().msgId(), parentId(executeReply));
            assertEquals("ok", executeReply.content().get("status").getAsString());

            Message shutdown = client.send(client.control, "shutdown_request", "{\"restart\": false}");
            Message shutdownReply = client.receive(client.control, TIMEOUT);
            assertEquals(shutdown.header().msgId(), parentId(shutdownReply));
            assertTrue(core.awaitShutdown(TIMEOUT.toSeconds(), TimeUnit.SECONDS), "shut down");
            files.forEach(file -> assertTrue(Files.exists(file, LinkOption.NOFOLLOW_LINKS), file + " still there"));
        } finally {
            core.close();
            server.close();
        }
        files.forEach(file -> assertFalse(Files.exists(file, LinkOption.NOFOLLOW_LINKS), file + " removed"));
    }

    @Test
    void staleFilesAtThePathsAreReplaced() throws Exception {
        ConnectionInfo info = ipc("stale");
        Path shellFile = info.socketFile(info.shellPort());
        Path hbFile = info.socketFile(info.hbPort());
        // A socket file whose process has gone, and a plain file.
        try (ServerSocketChannel gone = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            gone.bind(UnixDomainSocketAddress.of(shellFile));
        }
        Files.writeString(hbFile, "left behind");
        try (ZmqServer server = new ZmqServer(info);
             ZmqTestClient client = new ZmqTestClient(forwarder.tcpView(info))) {
            assertTrue(Files.readAttributes(hbFile, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther());
            assertHeartbeat(client, "ping");
            server.start((channel, message) -> server.send(channel, message));
            Message echoed = client.send(client.shell, "echo_request", "{}");
            assertEquals(echoed.header().msgId(), client.receive(client.shell, TIMEOUT).header().msgId());
        }
        assertFalse(Files.exists(shellFile, LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(hbFile, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void unusablePathsAreClearErrorsThatLeaveNothingBehind() throws IOException {
        assertError(ipc("missing/kernel"), "the directory " + dir.resolve("missing") + " does not exist");
        assertError(ipc("k".repeat(UnixSocketBridge.MAX_PATH_BYTES)), "too long for a Unix domain socket");
        ConnectionInfo blocked = ipc("blocked");
        Path hbFile = blocked.socketFile(blocked.hbPort());
        Files.createDirectory(hbFile);
        assertError(blocked, "a directory has that name");
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(hbFile), left.toList(), "the four files made before the failure are gone");
        }
    }

    private static void assertError(ConnectionInfo info, String expected) {
        IOException e = assertThrows(IOException.class, () -> new ZmqServer(info).close());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains("an existing directory this user can write to"), e.getMessage());
    }

    @Test
    @Timeout(20)
    void bytesGoBothWaysAndWhenEitherSideClosesTheOtherIsClosed() throws Exception {
        Path file = dir.resolve("pair-1");
        try (ServerSocketChannel tcpServer = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            UnixSocketBridge bridge = UnixSocketBridge.open(Map.of(file,
                    (InetSocketAddress) tcpServer.getLocalAddress()));
            try {
                SocketChannel unix = SocketChannel.open(UnixDomainSocketAddress.of(file));
                SocketChannel tcp = tcpServer.accept();
                byte[] big = new byte[3 << 20];
                new Random(7).nextBytes(big);
                CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> write(unix, big));
                assertArrayEquals(big, read(tcp, big.length), "3 MB arrive intact");
                sent.join();
                write(tcp, "back".getBytes(StandardCharsets.UTF_8));
                assertEquals("back", new String(read(unix, 4), StandardCharsets.UTF_8));
                unix.close();
                assertEquals(-1, tcp.read(ByteBuffer.allocate(1)), "the Unix side closed, so the TCP side ends");
                tcp.close();

                SocketChannel unix2 = SocketChannel.open(UnixDomainSocketAddress.of(file));
                SocketChannel tcp2 = tcpServer.accept();
                tcp2.close();
                assertEquals(-1, unix2.read(ByteBuffer.allocate(1)), "the TCP side closed, so the Unix side ends");
                unix2.close();
            } finally {
                bridge.close();
            }
        }
        assertFalse(Files.exists(file, LinkOption.NOFOLLOW_LINKS));
    }

    private static void assertHeartbeat(ZmqTestClient client, String text) {
        client.heartbeat.send(text.getBytes(StandardCharsets.UTF_8), 0);
        List<byte[]> pong = ZmqTestClient.receiveFrames(client.heartbeat, TIMEOUT);
        assertNotNull(pong, "the heartbeat answered " + text);
        assertEquals(text, new String(pong.get(0), StandardCharsets.UTF_8));
    }

    private static String parentId(Message message) {
        return message.parentHeader().get("msg_id").getAsString();
    }

    private static void write(SocketChannel channel, byte[] bytes) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] read(SocketChannel channel, int count) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(count);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new AssertionError("the end after " + buffer.position() + " of " + count + " bytes");
            }
        }
        return buffer.array();
    }

    /** An engine whose cells run until the test releases them; nothing else is asked of it here. */
    private static final class HeldCells implements Interpreter {
        final CountDownLatch running = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public ExecuteResult execute(String code, ExecuteOptions options, Output out) {
            running.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ExecuteResult.success();
        }

        @Override
        public ExpressionValue evaluate(String expression) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Completion complete(String code, int cursor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Inspection inspect(String code, int cursor, int detailLevel) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Completeness isComplete(String code) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void interrupt() {
            release.countDown();
        }

        @Override
        public void close() {
            release.countDown();
        }
    }
}
