package portolan.sandbox.stack;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Supplier;
import portolan.sandbox.sim.Event;
import portolan.sandbox.sim.SimTime;
import portolan.sandbox.sim.WaitQueue;
import portolan.sandbox.wire.TcpOption;
import portolan.sandbox.wire.TcpSegment;

/**
 * A TcpConnection is one TCP socket inside a host's stack: the transmission control block of
 * RFC 9293 §3.3.1 with its state, sequence variables, send and receive buffers and timers. A
 * listening socket is a connection in {@link TcpState#LISTEN}; each SYN it accepts creates a child
 * copied from it (as Linux does), which {@code accept()} hands out once the handshake completes.
 *
 * <p>The application side (connect, accept, read, write, close) blocks in virtual time through
 * {@link WaitQueue}s; the network side ({@link TcpInput}) runs inside simulator events. Every
 * state change is kept in {@link #history()} and recorded in the simulation trace.
 */
public final class TcpConnection {
    /** One entry of a connection's state history. */
    public record StateChange(long time, TcpState from, TcpState to, String cause) {
        @Override
        public String toString() {
            return SimTime.format(time) + "  " + from + " -> " + to + "  (" + cause + ")";
        }
    }

    final TcpStack stack;
    private TcpState state = TcpState.CLOSED;
    private final List<StateChange> history = new ArrayList<>();
    Endpoint local;
    Endpoint remote;
    private final ConnectionName name = new ConnectionName();
    /** Who holds the socket, for messages: "process 'apache' (descriptor 3)". */
    String owner;
    boolean reuseAddress;
    boolean bound;
    boolean registered;

    // listening side
    TcpConnection listener;
    int backlog;
    /** Children in SYN-RECEIVED (the SYN queue), oldest first. */
    final List<TcpConnection> synQueue = new ArrayList<>();
    final ArrayDeque<TcpConnection> acceptQueue = new ArrayDeque<>(1); // grows for listeners; empty for the rest
    boolean accepted;

    // send side (RFC 9293 §3.3.1 names)
    long iss;
    long sndUna;
    long sndNxt;
    long sndMax;
    int sndWnd;
    long sndWl1;
    long sndWl2;
    int sendMss = TcpStack.DEFAULT_MSS;
    final ByteQueue out;
    int sendCapacity;
    boolean finQueued;
    boolean finSent;
    long finSeq;

    // receive side
    long irs;
    long rcvNxt;
    final ReceiveQueue in = new ReceiveQueue();
    int receiveCapacity;
    int lastAdvertised;
    /** Out-of-order data keyed by its distance from {@link #rcvNxt} at arrival plus {@link #delivered}. */
    final TreeMap<Long, TcpInput.Held> held = new TreeMap<>();
    long delivered;
    boolean finReceived;
    boolean userClosed;
    boolean outputShut;

    // timers and round-trip estimate (RFC 6298)
    private Event retransmitTimer;
    private Event timeWaitTimer;
    private Event flushEvent;
    /** The timers' actions, made once: a connection arms its timers again and again. */
    private final Runnable flushAction = this::flush;
    private final Runnable retransmitAction = this::retransmitTimeout;
    boolean ackNeeded;
    int retries;
    long rto;
    long srtt = -1;
    long rttvar;
    boolean timing;
    long timedSeq;
    long timedAt;
    long connectStarted;
    /** The last ICMP error reported about this connection's segments that did not end it (RFC 1122 §4.2.3.9). */
    String softError;

    private IOException error;
    private WaitQueue changed;
    private WaitQueue readable;
    private WaitQueue writable;

    TcpConnection(TcpStack stack, String owner) {
        this.stack = stack;
        this.owner = owner;
        this.sendCapacity = stack.sendBufferSize;
        this.receiveCapacity = stack.receiveBufferSize;
        this.rto = stack.initialRto;
        this.out = new ByteQueue(stack.sendBufferSpares);
    }

    // ---- what anyone may look at -------------------------------------------------------------

    public TcpState state() {
        return state;
    }

    /** Local address and port (0.0.0.0 for a wildcard listener), or null before bind/connect. */
    public Endpoint local() {
        return local;
    }

    /** The peer, or null for a listener or an unconnected socket. */
    public Endpoint remote() {
        return remote;
    }

    /** Who holds this socket, as given by the socket layer. */
    public String owner() {
        return owner;
    }

    /** Says who holds this socket, for messages and netstat. */
    public void setOwner(String owner) {
        this.owner = owner;
    }

    /** Every state change so far, oldest first. */
    public List<StateChange> history() {
        return Collections.unmodifiableList(history);
    }

    /** Bytes received and not yet read by the application. */
    public int available() {
        return in.size();
    }

    /** Completed connections waiting for accept() (listeners only). */
    public int acceptQueueLength() {
        return acceptQueue.size();
    }

    public int backlog() {
        return backlog;
    }

    public boolean reuseAddress() {
        return reuseAddress;
    }

    /** Sets SO_REUSEADDR: bind may then share a port with connections (e.g. in TIME-WAIT), not with listeners. */
    public void setReuseAddress(boolean on) {
        reuseAddress = on;
    }

    public void setReceiveBufferSize(int bytes) {
        if (bytes < 1 || bytes > 65535) {
            throw new IllegalArgumentException("receive buffer must be 1–65535 bytes (the TCP window is 16 bits "
                    + "without window scaling), not " + bytes);
        }
        receiveCapacity = bytes;
    }

    public void setSendBufferSize(int bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("send buffer must be at least 1 byte, not " + bytes);
        }
        sendCapacity = bytes;
    }

    /** The error that ended the connection (reset, refused, timed out), or null. */
    public IOException error() {
        return error;
    }

    /** "10.0.0.1:80 ⇄ 10.0.0.2:49152" or "0.0.0.0:80" for a listener. */
    public String name() {
        return name.text(local, remote);
    }

    /** {@link #name()} in UTF-8, as the trace hashes it at every state change (the caller must not modify it). */
    byte[] nameUtf8() {
        return name.utf8(local, remote);
    }

    @Override
    public String toString() {
        return "TCP " + name() + " " + state;
    }

    // ---- application calls -------------------------------------------------------------------

    /** Waits until the handshake completes; throws what ended it (refused, timed out, reset). */
    public void awaitConnected(long timeoutNanos) throws IOException {
        boolean done = await(changed(() -> "connect() to " + remote + " waiting for the handshake (SYN,ACK)")
                , () -> state != TcpState.SYN_SENT && state != TcpState.SYN_RECEIVED, timeoutNanos);
        if (!done) {
            stack.abort(this, "connect() timed out");
            throw new SocketTimeoutException("connect timed out: host " + stack.hostName() + " got no answer from "
                    + remote + " within " + SimTime.format(timeoutNanos));
        }
        if (state == TcpState.CLOSED && error != null) {
            throw copy(error);
        }
    }

    /** Takes the next completed connection from a listener's accept queue, waiting for one. */
    public TcpConnection accept(long timeoutNanos) throws IOException {
        if (state != TcpState.LISTEN) {
            throw new SocketException("accept() on " + name() + " of host " + stack.hostName()
                    + ": the socket is " + state + ", not listening (call listen() first)");
        }
        boolean got = await(changed(() -> "accept() on " + local + " waiting for a connection"),
                () -> !acceptQueue.isEmpty() || state != TcpState.LISTEN, timeoutNanos);
        if (state != TcpState.LISTEN) {
            throw new SocketException("socket closed: the listening socket " + local + " of host " + stack.hostName()
                    + " was closed while accept() waited");
        }
        if (!got) {
            throw new SocketTimeoutException("accept timed out: no connection to " + local + " on host "
                    + stack.hostName() + " within " + SimTime.format(timeoutNanos));
        }
        TcpConnection child = acceptQueue.poll();
        child.accepted = true;
        return child;
    }

    /**
     * Reads up to {@code length} bytes, waiting for at least one; returns -1 once the peer has
     * closed and everything before its FIN was read.
     */
    public int read(byte[] target, int offset, int length, long timeoutNanos) throws IOException {
        if (length == 0) {
            return 0;
        }
        boolean ready = await(readable(), () -> in.size() > 0 || finReceived || error != null
                || state == TcpState.CLOSED || userClosed, timeoutNanos);
        if (userClosed) {
            throw new SocketException("socket closed: " + name() + " on host " + stack.hostName()
                    + " was closed while read() waited");
        }
        if (!ready) {
            throw new SocketTimeoutException("read timed out: no data from " + remote + " on host "
                    + stack.hostName() + " within " + SimTime.format(timeoutNanos));
        }
        if (in.size() == 0) {
            if (error != null) {
                throw copy(error);
            }
            return -1;
        }
        int before = window();
        int n = in.take(target, offset, length);
        // Receiver-side silly window avoidance (RFC 9293 §3.8.6.2.2): announce the larger window
        // only once it grew by a full segment or half the buffer.
        if (window() - lastAdvertised >= Math.min(receiveCapacity / 2, sendMss) && before < window()
                && state.isSynchronized()) {
            ackNeeded = true;
            flushSoon();
        }
        return n;
    }

    /** Queues all bytes for sending, waiting while the send buffer is full. */
    public void write(byte[] source, int offset, int length) throws IOException {
        while (length > 0) {
            checkWritable();
            int room = sendCapacity - out.size();
            if (room <= 0) {
                writable().awaitUntil(() -> sendCapacity - out.size() > 0 || error != null || outputShut);
                continue;
            }
            int n = Math.min(room, length);
            out.add(source, offset, n);
            offset += n;
            length -= n;
            flushSoon();
        }
    }

    private void checkWritable() throws IOException {
        if (error != null) {
            throw copy(error);
        }
        if (outputShut) {
            throw new SocketException("socket output is shut down: " + name() + " on host " + stack.hostName()
                    + " already sent its FIN (shutdownOutput() or close())");
        }
        if (state != TcpState.ESTABLISHED && state != TcpState.CLOSE_WAIT) {
            throw new SocketException("cannot send on " + name() + " of host " + stack.hostName() + ": the connection is "
                    + state);
        }
    }

    /** Sends FIN after the queued data (half close); reading stays possible. */
    public void shutdownOutput() {
        if (outputShut) {
            return;
        }
        outputShut = true;
        switch (state) {
            case ESTABLISHED -> setState(TcpState.FIN_WAIT_1, "application closed its sending side: FIN queued");
            case CLOSE_WAIT -> setState(TcpState.LAST_ACK, "application closed too: FIN queued");
            case SYN_RECEIVED -> setState(TcpState.FIN_WAIT_1, "closed during the handshake: FIN queued");
            default -> {
                return;
            }
        }
        finQueued = true;
        flushSoon();
        signal();
    }

    /** Closes the socket: listeners and unconnected sockets end at once, connections send FIN. */
    public void close() {
        userClosed = true;
        switch (state) {
            case CLOSED -> stack.release(this);
            case LISTEN -> stack.closeListener(this);
            case SYN_SENT -> stack.abort(this, "closed before the handshake completed");
            default -> shutdownOutput();
        }
        signal();
    }

    /** Aborts with RST (RFC 9293 §3.10.5 ABORT). */
    public void abort() {
        userClosed = true;
        if (state.isSynchronized() || state == TcpState.SYN_RECEIVED) {
            sendSegment(sndNxt, TcpSegment.RST | TcpSegment.ACK, TcpInput.EMPTY, false);
        }
        stack.abort(this, "aborted by the application (RST sent)");
    }

    // ---- output --------------------------------------------------------------------------

    /** Schedules {@link #flush()} for the end of the current instant, so writes and ACKs made now share segments. */
    void flushSoon() {
        if (flushEvent == null || !flushEvent.isPending()) {
            flushEvent = stack.sim().schedule(0, stack.place(), flushAction);
        }
    }

    void flush() {
        if (!output() && ackNeeded && state != TcpState.CLOSED) {
            sendSegment(sndNxt, TcpSegment.ACK, TcpInput.EMPTY, false);
        }
    }

    /** Sends what the window allows (RFC 9293 §3.8.6); true if a segment left. */
    boolean output() {
        if (state == TcpState.CLOSED || state == TcpState.LISTEN || !state.isSynchronized() && state != TcpState.SYN_RECEIVED) {
            return false;
        }
        boolean sentAny = false;
        if (state != TcpState.SYN_RECEIVED && !finSent) {
            while (true) {
                int inFlight = Seq.diff(sndNxt, sndUna);
                int unsent = out.size() - inFlight;
                int n = Math.min(Math.min(unsent, sendMss), sndWnd - inFlight);
                boolean lastData = n == unsent;
                boolean withFin = finQueued && lastData;
                if (n <= 0 && !(withFin && unsent == 0)) {
                    if (unsent > 0 && sndWnd - inFlight <= 0) {
                        armRetransmit(); // persist: probe a zero window (RFC 9293 §3.8.6.1)
                    }
                    break;
                }
                int flags = TcpSegment.ACK | (lastData && n > 0 ? TcpSegment.PSH : 0) | (withFin ? TcpSegment.FIN : 0);
                int length = Math.max(n, 0);
                if (!timing && n > 0) {
                    timing = true;
                    timedSeq = sndNxt;
                    timedAt = stack.sim().now();
                }
                sendSegment(sndNxt, flags, out.array(), out.offset(inFlight), length, false); // copied once, into the segment
                sentAny = true;
                sndNxt = Seq.add(sndNxt, length);
                if (withFin) {
                    finSent = true;
                    finSeq = sndNxt;
                    sndNxt = Seq.add(sndNxt, 1);
                }
                if (Seq.gt(sndNxt, sndMax)) {
                    sndMax = sndNxt;
                }
                armRetransmit();
                if (withFin) {
                    break;
                }
            }
        }
        return sentAny;
    }

    void sendSegment(long seq, int flags, byte[] data, boolean withMss) {
        sendSegment(seq, flags, data, 0, data.length, withMss);
    }

    /** Sends a segment carrying {@code length} bytes of {@code data} from {@code offset} (read now, not kept). */
    void sendSegment(long seq, int flags, byte[] data, int offset, int length, boolean withMss) {
        int window = window();
        if ((flags & TcpSegment.RST) == 0) {
            lastAdvertised = window;
        }
        if ((flags & TcpSegment.ACK) != 0) {
            ackNeeded = false;
        }
        List<TcpOption> options = withMss ? List.of(TcpOption.mss(stack.mss)) : List.of();
        long ack = (flags & TcpSegment.ACK) != 0 ? rcvNxt : 0;
        stack.transmit(local, remote, TcpSegment.encode(local.port(), remote.port(), seq, ack, flags, window, 0, options,
                data, offset, length, local.address(), remote.address()));
    }

    /** The receive window we advertise: free space in the receive buffer. */
    int window() {
        return Math.max(0, Math.min(65535, receiveCapacity - in.size()));
    }

    // ---- timers --------------------------------------------------------------------------

    void armRetransmit() {
        if (retransmitTimer == null || !retransmitTimer.isPending()) {
            retransmitTimer = stack.sim().schedule(rto, stack.place(), retransmitAction);
        }
    }

    void restartRetransmit() {
        stopRetransmit();
        armRetransmit();
    }

    void stopRetransmit() {
        if (retransmitTimer != null) {
            retransmitTimer.cancel();
            retransmitTimer = null;
        }
    }

    private void retransmitTimeout() {
        retransmitTimer = null;
        TcpTimers.expired(this);
    }

    void startTimeWait() {
        stopRetransmit();
        if (timeWaitTimer != null) {
            timeWaitTimer.cancel();
        }
        timeWaitTimer = stack.sim().schedule(2 * stack.msl, stack.place(), () -> {
            timeWaitTimer = null;
            setState(TcpState.CLOSED, stack.timeWaitEndCause());
        });
    }

    long timeWaitEnds() {
        return timeWaitTimer == null ? stack.sim().now() : timeWaitTimer.time();
    }

    // ---- state ---------------------------------------------------------------------------

    void setState(TcpState to, String cause) {
        TcpState from = state;
        state = to;
        history.add(new StateChange(stack.sim().now(), from, to, cause));
        stack.stateChanged(this, from, to, cause);
        if (to == TcpState.CLOSED) {
            stopRetransmit();
            if (timeWaitTimer != null) {
                timeWaitTimer.cancel();
            }
        }
        if (to == TcpState.CLOSED || to == TcpState.TIME_WAIT) { // no byte is sent or received any more
            out.releaseIfEmpty();
            in.releaseIfEmpty();
        }
        signal();
    }

    /** Ends the connection with an error the application will see. */
    void fail(IOException cause, String why) {
        error = cause;
        stack.abort(this, why);
    }

    void signal() {
        if (changed != null) {
            changed.signalAll();
        }
        if (readable != null) {
            readable.signalAll();
        }
        if (writable != null) {
            writable.signalAll();
        }
    }

    void signalReadable() {
        if (readable != null) {
            readable.signalAll();
        }
    }

    void signalWritable() {
        if (writable != null) {
            writable.signalAll();
        }
    }

    // The queues' descriptions are made only if a report reads them: a busy server makes
    // thousands of these queues a second and nearly never prints one. Endpoints and the host name
    // do not change once a queue exists, so the text is the same whenever it is made.

    private WaitQueue changed(Supplier<String> what) {
        if (changed == null) {
            changed = new WaitQueue(stack.sim(), () -> "host " + stack.hostName() + ": " + what.get());
        }
        return changed;
    }

    private WaitQueue readable() {
        if (readable == null) {
            readable = new WaitQueue(stack.sim(), () -> "host " + stack.hostName() + ": read() on " + name()
                    + " waiting for data");
        }
        return readable;
    }

    private WaitQueue writable() {
        if (writable == null) {
            writable = new WaitQueue(stack.sim(), () -> "host " + stack.hostName() + ": write() on " + name()
                    + " waiting for room in the send buffer (the peer is not reading or not acknowledging)");
        }
        return writable;
    }

    /** Waits until {@code ready}; {@code Long.MAX_VALUE} means no timeout. */
    static boolean await(WaitQueue queue, java.util.function.BooleanSupplier ready, long timeoutNanos) {
        if (timeoutNanos == Long.MAX_VALUE) {
            queue.awaitUntil(ready);
            return true;
        }
        return queue.awaitUntil(ready, timeoutNanos);
    }

    /** A fresh exception of the same type, so each throw has the caller's stack trace. */
    private static IOException copy(IOException e) {
        if (e instanceof ConnectException) {
            return new ConnectException(e.getMessage());
        }
        if (e instanceof java.net.NoRouteToHostException) {
            return new java.net.NoRouteToHostException(e.getMessage());
        }
        if (e instanceof SocketException) {
            return new SocketException(e.getMessage());
        }
        return new IOException(e.getMessage());
    }
}
