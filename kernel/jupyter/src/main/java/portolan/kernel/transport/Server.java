package portolan.kernel.transport;

import portolan.kernel.protocol.Message;

/**
 * The kernel's side of the five Jupyter sockets, as the kernel core sees it: received
 * shell, control and stdin messages go to one {@link Listener}; replies and broadcasts go out
 * through {@link #send} and {@link #publish}, which any thread may call.
 */
public interface Server extends AutoCloseable {

    /** Receives messages; called on the transport's own thread, so it must return quickly. */
    @FunctionalInterface
    interface Listener {
        void receive(Channel channel, Message message);
    }

    /** Starts delivering received messages to {@code listener}. Sockets are already bound. */
    void start(Listener listener);

    /** Sends {@code message} on the shell, control or stdin socket to its identities. Does not block. */
    void send(Channel channel, Message message);

    /**
     * Broadcasts {@code message} on iopub; its identities are the topic. May block while the
     * transport is behind, which is how the caller learns to coalesce output.
     */
    void publish(Message message) throws InterruptedException;

    /** Sends what is queued (briefly), then closes every socket. */
    @Override
    void close();
}
