package portolan.kernel.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import portolan.kernel.protocol.Message;
import portolan.kernel.protocol.Session;
import portolan.kernel.protocol.Signer;
import portolan.kernel.protocol.WireCodec;

/** ZmqServer on 127.0.0.1 with free ports, driven by a real JeroMQ client and an echoing listener. */
@Timeout(30)
class ZmqServerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final Session session = new Session("server", "kernel");
    private final ExecutorService other = Executors.newSingleThreadExecutor();
    private ZmqServer server;
    private ZmqTestClient client;

    @BeforeEach
    void bind() throws Exception {
        server = new ZmqServer(ConnectionInfo.parse("""
                {"shell_port": 0, "iopub_port": 0, "stdin_port": 0, "control_port": 0, "hb_port": 0,
                 "ip": "127.0.0.1", "key": "secret", "transport": "tcp"}"""));
        client = new ZmqTestClient(server.connectionInfo());
    }

    @AfterEach
    void close() {
        client.close();
        server.close();
        other.shutdownNow();
    }

    /** Replies "echo_reply" from another thread (as the kernel's workers do) and publishes a copy. */
    private void startEcho() {
        server.start((channel, message) -> other.submit(() -> {
            JsonObject content = message.content().deepCopy();
            server.send(channel, session.reply(message, "echo_reply", content));
            server.publish(session.message("echo", content, message)
                    .withIdentities(List.of("echo".getBytes(StandardCharsets.UTF_8))));
            return null;
        }));
    }

    @Test
    void heartbeatEchoesWithoutAListener() {
        client.heartbeat.send("ping 😀".getBytes(StandardCharsets.UTF_8), 0);
        List<byte[]> pong = ZmqTestClient.receiveFrames(client.heartbeat, TIMEOUT);
        assertNotNull(pong, "heartbeat answered");
        assertEquals("ping 😀", new String(pong.get(0), StandardCharsets.UTF_8));
    }

    @Test
    void requestsSentBeforeStartAreDeliveredAfter() throws Exception {
        Message early = client.send(client.shell, "early_request", "{\"n\":1}");
        Thread.sleep(200);
        startEcho();
        Message reply = client.receive(client.shell, TIMEOUT);
        assertEquals("echo_reply", reply.msgType());
        assertEquals(early.header().msgId(), reply.parentHeader().get("msg_id").getAsString());
    }

    @Test
    void repliesFromOtherThreadsReachEachChannel() throws Exception {
        startEcho();
        for (var socket : List.of(client.shell, client.control, client.stdin)) {
            Message request = client.send(socket, "ping_request", "{\"text\":\"한글\"}");
            Message reply = client.receive(socket, TIMEOUT);
            assertEquals(request.header().msgId(), reply.parentHeader().get("msg_id").getAsString());
            assertEquals("한글", reply.content().get("text").getAsString());
        }
        Message broadcast = client.receive(client.iopub, TIMEOUT);
        assertEquals("echo", broadcast.msgType());
    }

    @Test
    void garbageBadSignaturesAndBadJsonAreDroppedAndServingGoesOn() throws Exception {
        startEcho();
        ZmqTestClient.sendFrames(client.shell, List.of("no delimiter".getBytes(StandardCharsets.UTF_8)));
        List<byte[]> good = WireCodec.encode(ZmqTestClient.request("forged_request", "{}"),
                Signer.of("hmac-sha256", "not-the-key"));
        ZmqTestClient.sendFrames(client.shell, good);
        // Correctly signed, so it is the JSON that gets it dropped.
        Signer signer = Signer.of("hmac-sha256", "secret");
        List<byte[]> badJson = new ArrayList<>(WireCodec.encode(ZmqTestClient.request("x_request", "{}"), signer));
        badJson.set(badJson.size() - 1, "{not json".getBytes(StandardCharsets.UTF_8));
        badJson.set(1, signer.sign(badJson.subList(2, 6)).getBytes(StandardCharsets.US_ASCII));
        ZmqTestClient.sendFrames(client.shell, badJson);

        Message request = client.send(client.shell, "after_request", "{}");
        Message reply = client.receive(client.shell, TIMEOUT);
        assertEquals(request.header().msgId(), reply.parentHeader().get("msg_id").getAsString(),
                "only the good request is answered");
        assertEquals(null, ZmqTestClient.receiveFrames(client.shell, Duration.ofMillis(200)));
    }

    @Test
    void aPortInUseIsAClearError() {
        ConnectionInfo taken = server.connectionInfo();
        java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> new ZmqServer(taken));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("already in use"), e.getMessage());
    }

    @Test
    void manyPublishedMessagesArriveInOrder() throws Exception {
        server.start((channel, message) -> { });
        // A slow joiner: wait until the subscription is active before counting.
        Thread.sleep(300);
        int count = 1000;
        for (int i = 0; i < count; i++) {
            JsonObject content = new JsonObject();
            content.addProperty("i", i);
            server.publish(session.message("n", content, null).withIdentities(List.of("n".getBytes())));
        }
        for (int i = 0; i < count; i++) {
            Message m = client.receive(client.iopub, TIMEOUT);
            assertEquals(i, m.content().get("i").getAsInt());
            assertArrayEquals("n".getBytes(), m.identities().get(0));
        }
    }
}
