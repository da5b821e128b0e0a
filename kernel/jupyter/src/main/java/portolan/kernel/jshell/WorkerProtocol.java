package portolan.kernel.jshell;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The framing of the private channel between the kernel process and its worker JVM: each
 * message is a 4-byte big-endian length followed by that many bytes of UTF-8 JSON, an object
 * whose {@code "t"} member names the message type.
 *
 * <p>The channel is a loopback TCP connection, never the worker's stdout, so nothing user code
 * prints (or the JVM itself writes to file descriptor 1) can corrupt it.
 *
 * <p>Kernel to worker: {@code execute, evaluate, complete, inspect, is_complete, interrupt,
 * input_reply, history_reply, shutdown}. Worker to kernel: {@code hello} (first, carries the token),
 * {@code ready, stream, display, clear_output, result, input_request, history_request, done, reply,
 * stopping, exiting, heap_full}.
 */
public final class WorkerProtocol {

    public static final String EXECUTE = "execute";
    public static final String EVALUATE = "evaluate";
    public static final String COMPLETE = "complete";
    public static final String INSPECT = "inspect";
    public static final String IS_COMPLETE = "is_complete";
    public static final String INTERRUPT = "interrupt";
    public static final String INPUT_REPLY = "input_reply";
    public static final String SHUTDOWN = "shutdown";
    /** The kernel's answer to a {@link #HISTORY_REQUEST}: {@code text}, or {@code error}. */
    public static final String HISTORY_REPLY = "history_reply";

    public static final String HELLO = "hello";
    public static final String READY = "ready";
    public static final String STREAM = "stream";
    public static final String DISPLAY = "display";
    public static final String CLEAR_OUTPUT = "clear_output";
    public static final String RESULT = "result";
    public static final String INPUT_REQUEST = "input_request";
    /** The {@code %history} magic asks the kernel, which keeps the input history, for its text ({@code args}). */
    public static final String HISTORY_REQUEST = "history_request";
    public static final String DONE = "done";
    public static final String REPLY = "reply";
    /** The worker has called JShell's stop for an interrupt; the kernel's grace period starts now. */
    public static final String STOPPING = "stopping";
    /** Sent from a shutdown hook: the worker is exiting through {@code Runtime.exit}. */
    public static final String EXITING = "exiting";
    /**
     * The worker's heap stays full after an OutOfMemoryError ({@code used} and {@code max} in MB,
     * {@code overhead} 1 when the GC-overhead limit stopped the cell): it ends right after this.
     */
    public static final String HEAP_FULL = "heap_full";

    /** A frame larger than this is a bug, not data: refuse it rather than allocate it. */
    static final int MAX_FRAME = 64 << 20;

    private WorkerProtocol() {
    }

    /** Creates a message of type {@code type}. */
    public static JsonObject message(String type) {
        JsonObject m = new JsonObject();
        m.addProperty("t", type);
        return m;
    }

    public static String type(JsonObject message) {
        return message.has("t") ? message.get("t").getAsString() : "";
    }

    /** Writes one frame; callers serialise writers (one lock per stream). */
    public static void write(DataOutputStream out, JsonObject message) throws IOException {
        byte[] bytes = message.toString().getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
        out.flush();
    }

    /** Reads one frame, or returns null at a clean end of stream. */
    public static JsonObject read(DataInputStream in) throws IOException {
        int length = readLength(in);
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return parse(bytes);
    }

    /** The length of the next frame, whose bytes follow; -1 at a clean end of stream. */
    static int readLength(DataInputStream in) throws IOException {
        int length;
        try {
            length = in.readInt();
        } catch (EOFException end) {
            return -1;
        }
        if (length < 0 || length > MAX_FRAME) {
            throw new IOException("corrupt worker channel: frame length " + length);
        }
        return length;
    }

    /** The message in a frame's bytes. */
    static JsonObject parse(byte[] frame) {
        return JsonParser.parseString(new String(frame, StandardCharsets.UTF_8)).getAsJsonObject();
    }
}
