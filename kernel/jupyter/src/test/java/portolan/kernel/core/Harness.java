package portolan.kernel.core;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import portolan.kernel.protocol.Header;
import portolan.kernel.protocol.Message;
import portolan.kernel.protocol.Session;
import portolan.kernel.transport.Channel;
import portolan.kernel.transport.InMemoryServer;

/** A started {@link KernelCore} over an {@link InMemoryServer}, with a client's helpers. */
final class Harness implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final byte[] CLIENT_ID = "client-1".getBytes(StandardCharsets.UTF_8);

    final InMemoryServer server = new InMemoryServer();
    final FakeInterpreter interpreter;
    final KernelCore core;
    /** The first thing the kernel published. */
    final Message starting;

    Harness() {
        this(History.inMemory());
    }

    Harness(History history) {
        this(history, new FakeInterpreter());
    }

    Harness(History history, FakeInterpreter interpreter) {
        this(history, interpreter, () -> interpreter);
    }

    Harness(History history, FakeInterpreter interpreter, Supplier<Interpreter> factory) {
        this.interpreter = interpreter;
        this.core = new KernelCore(server, new Session("kernel-session", "kernel"), history, factory);
        core.start();
        try {
            starting = server.next(Channel.IOPUB, TIMEOUT);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    static JsonObject json(String text) {
        return JsonParser.parseString(text).getAsJsonObject();
    }

    static Message request(String msgType, JsonObject content) {
        Header header = Header.of(UUID.randomUUID().toString(), "client-session", "tester",
                "2026-01-01T00:00:00Z", msgType, Session.PROTOCOL_VERSION);
        return Message.of(List.of(CLIENT_ID), header, null, content);
    }

    Message send(Channel channel, String msgType, String content) {
        Message request = request(msgType, json(content));
        server.receive(channel, request);
        return request;
    }

    Message execute(String code) {
        JsonObject content = new JsonObject();
        content.addProperty("code", code);
        return send(Channel.SHELL, "execute_request", content.toString());
    }

    Message reply(Channel channel) throws InterruptedException {
        return server.next(channel, TIMEOUT);
    }

    /** Iopub messages up to and including the idle status for {@code request}. */
    List<Message> iopubUntilIdle(Message request) throws InterruptedException {
        List<Message> messages = new ArrayList<>();
        while (true) {
            Message m = server.next(Channel.IOPUB, TIMEOUT);
            messages.add(m);
            if (m.msgType().equals("status") && m.content().get("execution_state").getAsString().equals("idle")
                    && parentId(m).equals(request.header().msgId())) {
                return messages;
            }
        }
    }

    static String parentId(Message m) {
        return m.parentHeader().has("msg_id") ? m.parentHeader().get("msg_id").getAsString() : "";
    }

    /** Message types of {@code messages}, with the status state spelled out. */
    static List<String> types(List<Message> messages) {
        List<String> types = new ArrayList<>();
        for (Message m : messages) {
            types.add(m.msgType().equals("status") ? m.content().get("execution_state").getAsString() : m.msgType());
        }
        return types;
    }

    @Override
    public void close() {
        core.close();
        server.close();
    }
}
