package portolan.kernel.transport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import portolan.kernel.protocol.Message;

/**
 * A {@link Server} test double with one queue per channel (xeus' mock server): tests push
 * requests in with {@link #receive} and read what the kernel sent with {@link #next}. A log of
 * everything sent, in order across channels, checks ordering between replies and broadcasts.
 * {@link #holdIopub()} makes {@link #publish} block, like a transport that has fallen behind.
 */
public final class InMemoryServer implements Server {

    /** One message the kernel sent, and where. */
    public record Sent(Channel channel, Message message) {
    }

    private final Map<Channel, BlockingQueue<Message>> sent = new EnumMap<>(Channel.class);
    private final List<Sent> log = new ArrayList<>();
    private final Object gate = new Object();
    private boolean held;
    private volatile Listener listener;
    private volatile Consumer<Message> afterSend = m -> { };

    public InMemoryServer() {
        for (Channel channel : Channel.values()) {
            sent.put(channel, new LinkedBlockingQueue<>());
        }
    }

    @Override
    public void start(Listener listener) {
        this.listener = listener;
    }

    /** Delivers a request as if it arrived on {@code channel}. */
    public void receive(Channel channel, Message message) {
        if (listener == null) {
            throw new IllegalStateException("the kernel has not started the server yet");
        }
        listener.receive(channel, message);
    }

    @Override
    public void send(Channel channel, Message message) {
        record(channel, message);
        afterSend.accept(message);
    }

    /**
     * Runs {@code action} on the kernel's own thread right after it sends each reply: a client
     * as quick as possible, whose next request arrives before the kernel's next step.
     */
    public void afterSend(Consumer<Message> action) {
        afterSend = action;
    }

    @Override
    public void publish(Message message) throws InterruptedException {
        synchronized (gate) {
            while (held) {
                gate.wait();
            }
        }
        record(Channel.IOPUB, message);
    }

    public void holdIopub() {
        synchronized (gate) {
            held = true;
        }
    }

    public void releaseIopub() {
        synchronized (gate) {
            held = false;
            gate.notifyAll();
        }
    }

    private void record(Channel channel, Message message) {
        synchronized (log) {
            log.add(new Sent(channel, message));
            sent.get(channel).add(message);
        }
    }

    /** The next message the kernel sent on {@code channel}; fails after {@code timeout}. */
    public Message next(Channel channel, Duration timeout) throws InterruptedException {
        Message message = sent.get(channel).poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
            throw new AssertionError("nothing was sent on " + channel + " within " + timeout);
        }
        return message;
    }

    /** The next message on {@code channel} if one comes within {@code timeout}, else null. */
    public Message poll(Channel channel, Duration timeout) throws InterruptedException {
        return sent.get(channel).poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Everything sent so far, in order. */
    public List<Sent> log() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    @Override
    public void close() {
        releaseIopub();
    }
}
