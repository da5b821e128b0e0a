package portolan.kernel.jshell;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The worker's {@code System.in}: when a cell reads past what it has, it asks the front end
 * for one line ({@code input_request}) and continues with the reply plus a newline, so
 * {@code Scanner} and {@code BufferedReader} work. Reading fails at once with a clear
 * {@link IOException} when the request said {@code allow_stdin: false}, and with an
 * {@link InterruptedIOException} when the cell is interrupted while waiting.
 *
 * <p>{@code System.console()} stays null under JShell; notebooks read with {@code Scanner}.
 */
final class InputRouter extends InputStream {

    static final String NOT_ALLOWED =
            "this cell cannot read input: the front end said allow_stdin=false";

    private final WorkerChannel channel;
    private final OutputRouter output;
    private final AtomicLong ids = new AtomicLong();
    private byte[] buffer = new byte[0];
    private int position;
    /** The cell whose input the buffer holds: what one cell's reply left unread is not another cell's input. */
    private long bufferCell = Long.MIN_VALUE;
    private volatile CompletableFuture<JsonObject> waiting;
    private volatile Session.Cell cell;

    InputRouter(WorkerChannel channel, OutputRouter output) {
        this.channel = channel;
        this.output = output;
    }

    static InputRouter install(WorkerChannel channel, OutputRouter output) {
        InputRouter in = new InputRouter(channel, output);
        System.setIn(in);
        return in;
    }

    /** The running cell (null between cells); its options decide whether input may be asked for. */
    void setCell(Session.Cell running) {
        this.cell = running;
    }

    @Override
    public synchronized int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return buffer[position++] & 0xFF;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, buffer.length - position);
        System.arraycopy(buffer, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public synchronized int available() {
        return bufferCell == output.cellOfCurrentThread() ? buffer.length - position : 0;
    }

    /**
     * Gets a new line from the front end when the buffer is used up, or holds what an earlier cell
     * left unread (a terminal would keep it; in a notebook each cell asks for its own input, so
     * with allow_stdin false a later cell must not quietly read an earlier answer); false never
     * happens today.
     */
    private boolean fill() throws IOException {
        if (position < buffer.length && bufferCell == output.cellOfCurrentThread()) {
            return true;
        }
        Session.Cell running = cell;
        if (running == null || running.id != output.cellOfCurrentThread()) {
            throw explain(new IOException("input can only be read while the cell that reads it is running"));
        }
        if (!running.allowStdin) {
            throw explain(new IOException(NOT_ALLOWED));
        }
        output.flush(); // a prompt printed with print() must appear before the input box
        CompletableFuture<JsonObject> reply = new CompletableFuture<>();
        long id = ids.incrementAndGet();
        JsonObject request = WorkerProtocol.message(WorkerProtocol.INPUT_REQUEST);
        request.addProperty("id", id);
        request.addProperty("cell", running.id);
        request.addProperty("prompt", "");
        request.addProperty("password", false);
        waiting = reply;
        if (running.interrupted) {
            throw new InterruptedIOException("the cell was interrupted while waiting for input");
        }
        channel.send(request);
        JsonObject answer;
        try {
            answer = reply.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("the cell was interrupted while waiting for input");
        } catch (ExecutionException e) {
            throw new InterruptedIOException("the cell was interrupted while waiting for input");
        } finally {
            waiting = null;
        }
        if (answer.has("error")) {
            throw explain(new IOException(answer.get("error").getAsString()));
        }
        buffer = (answer.get("value").getAsString() + "\n").getBytes(StandardCharsets.UTF_8);
        position = 0;
        bufferCell = running.id;
        return true;
    }

    /** Scanner hides IOExceptions behind "No line found", so the reason is also printed. */
    private static IOException explain(IOException e) {
        System.err.println("Reading System.in failed: " + e.getMessage());
        return e;
    }

    /** The kernel's answer to an input request. */
    void reply(JsonObject answer) {
        CompletableFuture<JsonObject> w = waiting;
        if (w != null) {
            w.complete(answer);
        }
    }

    /** Wakes a read blocked on the front end (interrupt). */
    void cancel() {
        CompletableFuture<JsonObject> w = waiting;
        if (w != null) {
            w.completeExceptionally(new InterruptedIOException("interrupted"));
        }
    }
}
