package portolan.kernel.transport;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import portolan.kernel.protocol.Header;
import portolan.kernel.protocol.MalformedMessageException;
import portolan.kernel.protocol.Message;
import portolan.kernel.protocol.Signer;
import portolan.kernel.protocol.WireCodec;

/**
 * A Jupyter client over real JeroMQ sockets, for tests: DEALERs for shell, control and stdin
 * (shell and stdin share an identity, as in jupyter_client), a SUB for iopub, a REQ for the
 * heartbeat. Every receive has a timeout so a test cannot hang.
 */
public final class ZmqTestClient implements AutoCloseable {

    private final ZMQ.Context context = ZMQ.context(1);
    private final Signer signer;
    public final ZMQ.Socket shell;
    public final ZMQ.Socket control;
    public final ZMQ.Socket stdin;
    public final ZMQ.Socket iopub;
    public final ZMQ.Socket heartbeat;

    public ZmqTestClient(ConnectionInfo info) {
        signer = Signer.of(info.signatureScheme(), info.key());
        byte[] identity = ("client-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        shell = connect(SocketType.DEALER, info.address(info.shellPort()), identity);
        control = connect(SocketType.DEALER, info.address(info.controlPort()), null);
        stdin = connect(SocketType.DEALER, info.address(info.stdinPort()), identity);
        iopub = context.socket(SocketType.SUB);
        iopub.setLinger(0);
        iopub.subscribe(new byte[0]);
        iopub.connect(info.address(info.iopubPort()));
        heartbeat = connect(SocketType.REQ, info.address(info.hbPort()), null);
    }

    private ZMQ.Socket connect(SocketType type, String address, byte[] identity) {
        ZMQ.Socket socket = context.socket(type);
        socket.setLinger(0);
        if (identity != null) {
            socket.setIdentity(identity);
        }
        socket.connect(address);
        return socket;
    }

    public static Message request(String msgType, String content) {
        Header header = Header.of(UUID.randomUUID().toString(), "client-session", "tester",
                "2026-01-01T00:00:00Z", msgType, "5.4");
        return Message.of(List.of(), header, null, com.google.gson.JsonParser.parseString(content).getAsJsonObject());
    }

    /** Sends a request built from type and JSON content; returns it. */
    public Message send(ZMQ.Socket socket, String msgType, String content) {
        Message request = request(msgType, content);
        sendFrames(socket, WireCodec.encode(request, signer));
        return request;
    }

    public Message send(ZMQ.Socket socket, Message message) {
        sendFrames(socket, WireCodec.encode(message, signer));
        return message;
    }

    public static void sendFrames(ZMQ.Socket socket, List<byte[]> frames) {
        ZmqServer.sendFrames(socket, frames);
    }

    /** The next message on {@code socket}; fails after {@code timeout}. */
    public Message receive(ZMQ.Socket socket, Duration timeout) throws MalformedMessageException {
        List<byte[]> frames = receiveFrames(socket, timeout);
        if (frames == null) {
            throw new AssertionError("no message within " + timeout);
        }
        return WireCodec.decode(frames, signer);
    }

    /** The frames of the next message, or null after {@code timeout}. */
    public static List<byte[]> receiveFrames(ZMQ.Socket socket, Duration timeout) {
        socket.setReceiveTimeOut((int) timeout.toMillis());
        byte[] first = socket.recv(0);
        return first == null ? null : ZmqServer.withRest(socket, first);
    }

    /** Iopub messages until the idle status of {@code request}. */
    public List<Message> iopubUntilIdle(Message request, Duration timeout) throws MalformedMessageException {
        List<Message> messages = new ArrayList<>();
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            Duration left = Duration.ofNanos(Math.max(1_000_000, end - System.nanoTime()));
            Message m = receive(iopub, left);
            messages.add(m);
            JsonObject parent = m.parentHeader();
            if (m.msgType().equals("status") && m.content().get("execution_state").getAsString().equals("idle")
                    && parent.has("msg_id") && parent.get("msg_id").getAsString().equals(request.header().msgId())) {
                return messages;
            }
        }
    }

    @Override
    public void close() {
        for (ZMQ.Socket socket : List.of(shell, control, stdin, iopub, heartbeat)) {
            socket.close();
        }
        context.term();
    }
}
