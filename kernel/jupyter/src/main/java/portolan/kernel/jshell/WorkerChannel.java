package portolan.kernel.jshell;

import com.google.gson.JsonObject;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** The worker's end of the loopback connection to the kernel: thread-safe sends, one reader. */
final class WorkerChannel {

    /** Places for a number in {@link #HEAP_FULL_BODY}: JSON allows the spaces that pad it. */
    private static final int DIGITS = 12;
    private static final String HEAP_FULL_BODY = "{\"t\":\"" + WorkerProtocol.HEAP_FULL + "\",\"used\":"
            + " ".repeat(DIGITS) + ",\"max\":" + " ".repeat(DIGITS) + ",\"overhead\":0}";
    /** Where the figures go in the frame (after its 4-byte length). */
    private static final int USED_AT = 4 + HEAP_FULL_BODY.indexOf("\"used\":") + "\"used\":".length();
    private static final int MAX_AT = 4 + HEAP_FULL_BODY.indexOf("\"max\":") + "\"max\":".length();
    private static final int OVERHEAD_AT = 4 + HEAP_FULL_BODY.indexOf("\"overhead\":") + "\"overhead\":".length();

    private final byte[] heapFull = heapFullFrame();

    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;

    WorkerChannel(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
        out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 1 << 16));
    }

    /** Sends one message; throws UncheckedIOException when the kernel has gone away. */
    void send(JsonObject message) {
        try {
            synchronized (out) {
                WorkerProtocol.write(out, message);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the kernel connection is closed", e);
        }
    }

    /**
     * Reads the next message; null when the kernel closed the connection. Only one thread reads.
     * Running out of memory on the way (while a cell fills the heap) loses no message: the
     * allocation is tried again until the cell's own error has freed memory (see {@link FullHeap#retrying}).
     */
    JsonObject receive() throws IOException {
        int length = WorkerProtocol.readLength(in);
        if (length < 0) {
            return null;
        }
        byte[] frame = FullHeap.retrying(() -> new byte[length]);
        in.readFully(frame);
        return FullHeap.retrying(() -> WorkerProtocol.parse(frame));
    }

    /**
     * Sends {@link WorkerProtocol#HEAP_FULL} from a frame made in advance, with the figures
     * written into it in place: a worker whose heap is full can allocate nothing, not even this.
     */
    void sendHeapFull(long usedMegabytes, long maxMegabytes, boolean overhead) throws IOException {
        synchronized (out) {
            put(heapFull, USED_AT, usedMegabytes);
            put(heapFull, MAX_AT, maxMegabytes);
            heapFull[OVERHEAD_AT] = (byte) (overhead ? '1' : '0');
            out.write(heapFull);
            out.flush();
        }
    }

    private static byte[] heapFullFrame() {
        byte[] body = HEAP_FULL_BODY.getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array();
    }

    /** Writes {@code value} right-aligned in the {@value #DIGITS} places at {@code at}, spaces before it. */
    private static void put(byte[] frame, int at, long value) {
        long rest = Math.max(0, value);
        for (int i = at + DIGITS - 1; i >= at; i--) {
            frame[i] = (byte) (rest == 0 && i < at + DIGITS - 1 ? ' ' : '0' + rest % 10);
            rest /= 10;
        }
    }
}
