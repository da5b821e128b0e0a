package portolan.kernel.core;

import com.google.gson.JsonObject;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import portolan.kernel.protocol.Message;
import portolan.kernel.protocol.Session;
import portolan.kernel.transport.Channel;
import portolan.kernel.transport.Server;

/**
 * Input requests of running cells: sends {@code input_request} on the stdin socket to the
 * identities of the {@code execute_request} that asked (the client's stdin socket shares the
 * shell identity) and waits for the matching {@code input_reply}.
 */
final class Stdin {

    private final Server server;
    private final Session session;
    /** Waiting readers by the msg_id of their input_request. */
    private final Map<String, CompletableFuture<String>> pending = new ConcurrentHashMap<>();

    Stdin(Server server, Session session) {
        this.server = server;
        this.session = session;
    }

    /** Asks the front end for a line; blocks until it answers or {@link #interruptAll} is called. */
    String request(Message executeRequest, String prompt, boolean password) throws InterruptedException {
        JsonObject content = new JsonObject();
        content.addProperty("prompt", prompt == null ? "" : prompt);
        content.addProperty("password", password);
        Message request = session.reply(executeRequest, "input_request", content);
        CompletableFuture<String> answer = new CompletableFuture<>();
        pending.put(request.header().msgId(), answer);
        try {
            server.send(Channel.STDIN, request);
            return answer.get();
        } catch (ExecutionException e) {
            throw (InterruptedException) new InterruptedException(e.getCause().getMessage()).initCause(e.getCause());
        } finally {
            pending.remove(request.header().msgId());
        }
    }

    /** Delivers an {@code input_reply}; returns false when no cell was waiting for it. */
    boolean reply(Message inputReply) {
        String parentId = inputReply.parentHeader().has("msg_id")
                ? inputReply.parentHeader().get("msg_id").getAsString() : "";
        CompletableFuture<String> answer = pending.get(parentId);
        if (answer == null && pending.size() == 1) {
            // A client that does not parent its reply: there is only one question open.
            answer = pending.values().iterator().next();
        }
        if (answer == null) {
            return false;
        }
        JsonObject content = inputReply.content();
        String value = content.has("value") && content.get("value").isJsonPrimitive()
                ? content.get("value").getAsString() : "";
        return answer.complete(value);
    }

    /** Unblocks every waiting reader with an {@link InterruptedException} (an interrupt_request). */
    void interruptAll() {
        pending.values().forEach(answer -> answer.completeExceptionally(
                new InterruptedException("interrupted while waiting for input")));
    }
}
