package portolan.sandbox.stack;

import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayDeque;
import portolan.sandbox.sim.SimTime;
import portolan.sandbox.sim.WaitQueue;

/**
 * A UdpEndpoint is one bound UDP socket inside a host's stack: its address and port and the
 * queue of datagrams that arrived and wait for receive().
 */
public final class UdpEndpoint {
    /** A datagram as the application receives it: the data and who sent it. */
    public record Datagram(Endpoint source, Endpoint destination, byte[] data) {
        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public String toString() {
            return "UDP " + source + " -> " + destination + " (" + data.length + " bytes)";
        }
    }

    final UdpStack stack;
    Endpoint local;
    String owner;
    boolean closed;
    final ArrayDeque<Datagram> queue = new ArrayDeque<>();
    int queuedBytes;
    int capacity = 65536 * 4;
    private WaitQueue arrived;

    UdpEndpoint(UdpStack stack, String owner) {
        this.stack = stack;
        this.owner = owner;
    }

    public Endpoint local() {
        return local;
    }

    public String owner() {
        return owner;
    }

    /** Says who holds this socket, for messages and netstat. */
    public void setOwner(String owner) {
        this.owner = owner;
    }

    public boolean isClosed() {
        return closed;
    }

    /** Datagrams waiting for receive(). */
    public int queued() {
        return queue.size();
    }

    /** Sets how many bytes may wait in the receive queue before arriving datagrams are dropped. */
    public void setReceiveBufferSize(int bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("receive buffer must be at least 1 byte, not " + bytes);
        }
        capacity = bytes;
    }

    /** Waits up to {@code timeoutNanos} (Long.MAX_VALUE: forever) for the next datagram. */
    public Datagram receive(long timeoutNanos) throws SocketException, SocketTimeoutException {
        if (closed) {
            throw new SocketException("socket closed: UDP " + local + " on host " + stack.hostName() + " was closed");
        }
        if (arrived == null) {
            arrived = new WaitQueue(stack.sim(), "host " + stack.hostName() + ": receive() on UDP " + local
                    + " waiting for a datagram");
        }
        if (!TcpConnection.await(arrived, () -> !queue.isEmpty() || closed, timeoutNanos)) {
            throw new SocketTimeoutException("receive timed out: no datagram reached UDP " + local + " on host "
                    + stack.hostName() + " within " + SimTime.format(timeoutNanos));
        }
        if (closed) {
            throw new SocketException("socket closed: UDP " + local + " on host " + stack.hostName()
                    + " was closed while receive() waited");
        }
        Datagram d = queue.poll();
        queuedBytes -= d.data.length;
        return d;
    }

    /** Queues an arriving datagram; false if the queue is full. */
    boolean deliver(Datagram d) {
        if (queuedBytes + d.data.length > capacity) {
            return false;
        }
        queue.add(d);
        queuedBytes += d.data.length;
        if (arrived != null) {
            arrived.signalAll();
        }
        return true;
    }

    public void close() {
        if (!closed) {
            closed = true;
            stack.release(this);
            if (arrived != null) {
                arrived.signalAll();
            }
        }
    }

    @Override
    public String toString() {
        return "UDP " + local + (closed ? " closed" : "");
    }
}
