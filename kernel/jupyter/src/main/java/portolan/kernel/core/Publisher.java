package portolan.kernel.core;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import portolan.kernel.protocol.Message;
import portolan.kernel.protocol.Session;
import portolan.kernel.transport.Server;

/**
 * The kernel's single ordered iopub queue. Everything the kernel broadcasts (status, inputs,
 * outputs, comm messages) goes through it, so the order in which it was published is the order
 * on the wire. One thread hands items to {@link Server#publish}; while the transport is behind,
 * consecutive stream text of the same request and stream name is merged into the waiting
 * message instead of queueing one message per print, so nothing is lost or reordered and a
 * flood of prints becomes a few large messages.
 */
final class Publisher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Publisher.class.getName());
    /** A stream message stops growing at this many chars; the next text starts a new one. */
    private static final int MAX_STREAM_CHARS = 1 << 18;

    private final Server server;
    private final Session session;
    private final Deque<Item> items = new ArrayDeque<>();
    private final Thread thread;
    private long enqueued;
    private long handedOver;
    private boolean closed;

    /** One queued broadcast; stream items stay open for appending until taken. */
    private static final class Item {
        final String msgType;
        final JsonObject content;
        final Message parent;
        final String streamName;
        final StringBuilder text;

        Item(String msgType, JsonObject content, Message parent, String streamName, StringBuilder text) {
            this.msgType = msgType;
            this.content = content;
            this.parent = parent;
            this.streamName = streamName;
            this.text = text;
        }
    }

    Publisher(Server server, Session session) {
        this.server = server;
        this.session = session;
        this.thread = new Thread(this::run, "portolan-publisher");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues an iopub message of {@code msgType} parented to {@code parent} (null: no parent). */
    void publish(String msgType, JsonObject content, Message parent) {
        enqueue(new Item(msgType, content, parent, null, null));
    }

    /** Queues stream text, merging it into a still-waiting stream message of the same request and name. */
    void stream(String name, String text, Message parent) {
        synchronized (this) {
            Item last = items.peekLast();
            if (last != null && last.streamName != null && last.streamName.equals(name) && last.parent == parent
                    && last.text.length() < MAX_STREAM_CHARS) {
                last.text.append(text);
                return;
            }
        }
        enqueue(new Item("stream", null, parent, name, new StringBuilder(text)));
    }

    /** Waits until everything queued before this call has been handed to the transport. */
    void flush() throws InterruptedException {
        synchronized (this) {
            long target = enqueued;
            while (handedOver < target && !closed) {
                wait();
            }
        }
    }

    private void enqueue(Item item) {
        synchronized (this) {
            if (closed) {
                return;
            }
            items.addLast(item);
            enqueued++;
            notifyAll();
        }
    }

    private void run() {
        while (true) {
            Item item;
            synchronized (this) {
                while (items.isEmpty() && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (items.isEmpty()) {
                    return;
                }
                item = items.pollFirst();
            }
            try {
                server.publish(toMessage(item));
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not publish " + item.msgType, e);
            } finally {
                synchronized (this) {
                    handedOver++;
                    notifyAll();
                }
            }
        }
    }

    private Message toMessage(Item item) {
        JsonObject content = item.content;
        if (item.streamName != null) {
            content = new JsonObject();
            content.addProperty("name", item.streamName);
            content.addProperty("text", item.text.toString());
        }
        Message message = session.message(item.msgType, content, item.parent);
        // The iopub topic; clients subscribe to everything, so the message type is enough.
        return message.withIdentities(List.of(item.msgType.getBytes(StandardCharsets.UTF_8)));
    }

    /** Sends what is queued, then stops the thread. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
