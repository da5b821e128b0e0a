package portolan.kernel.jshell;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The worker's side of the {@code %history} magic: the kernel process keeps the input history
 * (it sees every {@code execute_request}), so the magic asks it over the channel and waits for
 * the text to print.
 */
final class HistoryClient {

    private static final long TIMEOUT_SECONDS = 10;

    private final WorkerChannel channel;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonObject>> waiting = new ConcurrentHashMap<>();

    HistoryClient(WorkerChannel channel) {
        this.channel = channel;
    }

    /**
     * The text of {@code %history args} run in {@code cell}.
     *
     * @throws IllegalArgumentException what the kernel said is wrong with {@code args}
     * @throws IOException              when the kernel did not answer
     */
    String history(long cell, String args) throws IOException {
        long id = ids.incrementAndGet();
        CompletableFuture<JsonObject> reply = new CompletableFuture<>();
        waiting.put(id, reply);
        JsonObject request = WorkerProtocol.message(WorkerProtocol.HISTORY_REQUEST);
        request.addProperty("id", id);
        request.addProperty("cell", cell);
        request.addProperty("args", args);
        try {
            channel.send(request);
            JsonObject answer = reply.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (answer.has("error")) {
                throw new IllegalArgumentException(answer.get("error").getAsString());
            }
            return answer.get("text").getAsString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the kernel's history");
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("the kernel did not send its history within " + TIMEOUT_SECONDS + " s");
        } finally {
            waiting.remove(id);
        }
    }

    /** The kernel's answer to a history request. */
    void reply(JsonObject answer) {
        CompletableFuture<JsonObject> w = waiting.get(answer.get("id").getAsLong());
        if (w != null) {
            w.complete(answer);
        }
    }
}
