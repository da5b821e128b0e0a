package portolan.kernel.core;

import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Logger;
import portolan.kernel.protocol.Message;

/**
 * The kernel's comms (messaging spec, "Custom Messages"): named targets that front ends open
 * comms to, and the open comms by id. A {@code comm_open} for a target nobody registered is
 * answered with a {@code comm_close}, so the front end does not wait for an answer that never comes.
 */
public final class Comms {

    private static final Logger LOG = Logger.getLogger(Comms.class.getName());

    /** Something the front end can open comms to, by target name. */
    @FunctionalInterface
    public interface Target {
        /** A front end opened {@code comm} with {@code data}; register listeners on it here. */
        void opened(Comm comm, JsonObject data);
    }

    /** One open comm: messages both ways, and close. */
    public final class Comm {
        private final String id;
        private final String targetName;
        private volatile Message parent;
        private volatile Consumer<JsonObject> onMessage = data -> { };
        private volatile Consumer<JsonObject> onClose = data -> { };

        private Comm(String id, String targetName, Message parent) {
            this.id = id;
            this.targetName = targetName;
            this.parent = parent;
        }

        public String id() {
            return id;
        }

        public String targetName() {
            return targetName;
        }

        public void onMessage(Consumer<JsonObject> listener) {
            this.onMessage = listener;
        }

        public void onClose(Consumer<JsonObject> listener) {
            this.onClose = listener;
        }

        /** Sends {@code comm_msg} to the front end, parented to the last message this comm received. */
        public void send(JsonObject data) {
            publisher.publish("comm_msg", content(id, data), parent);
        }

        /** Closes the comm from the kernel side. */
        public void close(JsonObject data) {
            synchronized (Comms.this) {
                open.remove(id);
            }
            publisher.publish("comm_close", content(id, data), parent);
        }
    }

    private final Publisher publisher;
    private final Map<String, Target> targets = new LinkedHashMap<>();
    private final Map<String, Comm> open = new LinkedHashMap<>();

    Comms(Publisher publisher) {
        this.publisher = publisher;
    }

    /** Registers {@code target} under {@code name}, replacing an earlier one. */
    public synchronized void registerTarget(String name, Target target) {
        targets.put(name, target);
    }

    void commOpen(Message request) {
        JsonObject c = request.content();
        String id = string(c, "comm_id");
        String targetName = string(c, "target_name");
        Target target;
        Comm comm;
        synchronized (this) {
            target = targets.get(targetName);
            comm = target == null ? null : new Comm(id, targetName, request);
            if (comm != null) {
                open.put(id, comm);
            }
        }
        if (target == null) {
            LOG.warning("comm_open for unknown target '" + targetName + "'; closing comm " + id);
            publisher.publish("comm_close", content(id, new JsonObject()), request);
            return;
        }
        target.opened(comm, data(c));
    }

    void commMsg(Message request) {
        Comm comm = find(request);
        if (comm != null) {
            comm.parent = request;
            comm.onMessage.accept(data(request.content()));
        }
    }

    void commClose(Message request) {
        Comm comm;
        synchronized (this) {
            comm = open.remove(string(request.content(), "comm_id"));
        }
        if (comm != null) {
            comm.parent = request;
            comm.onClose.accept(data(request.content()));
        }
    }

    /** The {@code comms} of a {@code comm_info_reply}: open comms, only of {@code targetName} unless null. */
    synchronized JsonObject info(String targetName) {
        JsonObject comms = new JsonObject();
        for (Comm comm : open.values()) {
            if (targetName == null || targetName.equals(comm.targetName)) {
                JsonObject entry = new JsonObject();
                entry.addProperty("target_name", comm.targetName);
                comms.add(comm.id, entry);
            }
        }
        return comms;
    }

    private synchronized Comm find(Message request) {
        String id = string(request.content(), "comm_id");
        Comm comm = open.get(id);
        if (comm == null) {
            LOG.warning(request.msgType() + " for comm " + id + ", which is not open; ignored");
        }
        return comm;
    }

    private static JsonObject content(String id, JsonObject data) {
        JsonObject content = new JsonObject();
        content.addProperty("comm_id", id);
        content.add("data", data == null ? new JsonObject() : data);
        return content;
    }

    private static JsonObject data(JsonObject content) {
        return content.has("data") && content.get("data").isJsonObject() ? content.getAsJsonObject("data")
                : new JsonObject();
    }

    private static String string(JsonObject content, String name) {
        return content.has(name) && content.get(name).isJsonPrimitive() ? content.get(name).getAsString() : "";
    }
}
