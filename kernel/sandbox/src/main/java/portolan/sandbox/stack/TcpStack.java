package portolan.sandbox.stack;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import portolan.sandbox.sim.RandomStream;
import portolan.sandbox.sim.SimTime;
import portolan.sandbox.sim.Simulator;
import portolan.sandbox.wire.IcmpMessage;
import portolan.sandbox.wire.Ipv4Address;
import portolan.sandbox.wire.Ipv4Packet;
import portolan.sandbox.wire.MalformedPacketException;
import portolan.sandbox.wire.TcpSegment;
import portolan.sandbox.wire.TcpSegmentView;

/**
 * A TcpStack is one host's TCP (RFC 9293): it binds ports, demultiplexes arriving segments —
 * first by the full four-tuple to a connection, then by (address or wildcard, port) to a
 * listener, else answers with RST — and owns the timers' settings. Initial sequence numbers
 * (RFC 6528: a clock plus a keyed hash of the four-tuple) and ephemeral ports come from the
 * seeded stream {@code "host NAME/tcp"}, so every run with the same seed is identical.
 *
 * <p>Defaults, chosen so notebooks run fast in virtual time: MSL 1 s (TIME-WAIT lasts 2 s; real
 * systems use 30–120 s), initial RTO 1 s (RFC 6298), minimum RTO 200 ms, 6 retransmissions
 * before "connection timed out", MSS 1460 (Ethernet MTU 1500 − 40), 64 KiB buffers.
 */
public final class TcpStack implements TransportProtocol {
    /** MSS for a 1500-byte MTU. */
    public static final int DEFAULT_MSS = 1460;
    /** MSS assumed when the peer's SYN carries no MSS option (RFC 9293 §3.7.1). */
    static final int DEFAULT_MSS_WITHOUT_OPTION = 536;

    /** " FROM -> TO: " in UTF-8 for every pair of states, as the trace records a state change. */
    private static final byte[][][] TRANSITIONS = new byte[TcpState.values().length][TcpState.values().length][];

    static {
        for (TcpState from : TcpState.values()) {
            for (TcpState to : TcpState.values()) {
                TRANSITIONS[from.ordinal()][to.ordinal()] = (" " + from + " -> " + to + ": ").getBytes(StandardCharsets.UTF_8);
            }
        }
    }

    private final IpLayer ip;
    private final Simulator sim;
    private final String place;
    private final RandomStream random;
    private final long isnSecret;
    private final Map<ConnectionKey, TcpConnection> connections = new HashMap<>(); // looked up only
    private final Map<Endpoint, TcpConnection> listeners = new HashMap<>(); // looked up only
    /**
     * Every bound socket by port, in binding order: the source of netstat and of "held by" messages.
     * Looked up only (a hash map: every connection enters and leaves it); {@link #sockets()} sorts the ports.
     */
    private final Map<Integer, LinkedHashSet<TcpConnection>> byPort = new HashMap<>();
    /**
     * Which ephemeral ports have an entry in {@link #byPort}, bit {@code port - EPHEMERAL_FIRST}:
     * the search for a free port tests them one by one, on every connect().
     */
    private final BitSet ephemeralInUse = new BitSet();
    /** Send buffers of ended connections, for new ones to reuse. */
    final ByteQueue.Spares sendBufferSpares = new ByteQueue.Spares();
    /** The packet being handled, so drops deeper down can name it. */
    private Ipv4Packet arriving;

    long msl = SimTime.SECOND;
    /** {@link #timeWaitEndCause()} and the MSL it was made for. */
    private String timeWaitEndCause;
    private long timeWaitEndCauseMsl;
    long initialRto = SimTime.SECOND;
    long minRto = 200 * SimTime.MILLISECOND;
    long maxRto = 60 * SimTime.SECOND;
    int maxRetries = 6;
    int synRetries = 6;
    int mss = DEFAULT_MSS;
    int sendBufferSize = 65536;
    int receiveBufferSize = 65535;

    long segmentsSent;
    long segmentsReceived;
    long retransmissions;
    long duplicates;
    long outOfOrder;
    long badSegments;
    long resetsSent;

    /** Four-tuple key of a connection, as plain numbers: it is hashed for every arriving segment. */
    record ConnectionKey(long addresses, int ports) {
        ConnectionKey(Endpoint local, Endpoint remote) {
            this(local.address(), local.port(), remote.address(), remote.port());
        }

        ConnectionKey(Ipv4Address localAddress, int localPort, Ipv4Address remoteAddress, int remotePort) {
            this((long) localAddress.value() << 32 | remoteAddress.value() & 0xffffffffL, localPort << 16 | remotePort);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(addresses * 0x9e3779b97f4a7c15L) ^ ports * 0x85ebca6b;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ConnectionKey k && addresses == k.addresses && ports == k.ports;
        }
    }

    public TcpStack(IpLayer ip) {
        this.ip = ip;
        this.sim = ip.simulator();
        this.place = "host " + ip.hostName() + "/tcp";
        this.random = sim.random(place);
        this.isnSecret = random.nextLong();
    }

    @Override
    public int protocolNumber() {
        return Ipv4Packet.PROTOCOL_TCP;
    }

    public String hostName() {
        return ip.hostName();
    }

    Simulator sim() {
        return sim;
    }

    String place() {
        return place;
    }

    // ---- settings ------------------------------------------------------------------------

    /** Maximum segment lifetime; TIME-WAIT lasts twice this. Default 1 s of virtual time. */
    public TcpStack setMsl(Duration msl) {
        this.msl = positive(msl, "MSL");
        return this;
    }

    public Duration msl() {
        return Duration.ofNanos(msl);
    }

    /** First retransmission timeout, before any round trip was measured (RFC 6298 §2.1: 1 s). */
    public TcpStack setInitialRto(Duration rto) {
        this.initialRto = positive(rto, "initial RTO");
        return this;
    }

    public TcpStack setMinRto(Duration rto) {
        this.minRto = positive(rto, "minimum RTO");
        return this;
    }

    /** Retransmissions of data (or of a SYN) before the connection is given up as timed out. */
    public TcpStack setMaxRetries(int data, int syn) {
        if (data < 0 || syn < 0) {
            throw new IllegalArgumentException("retry limits must not be negative, got " + data + " and " + syn);
        }
        this.maxRetries = data;
        this.synRetries = syn;
        return this;
    }

    /** The MSS this host announces and sends at most (the path MTU minus 40 header bytes). */
    public TcpStack setMss(int mss) {
        if (mss < 64 || mss > 65495) {
            throw new IllegalArgumentException("MSS must be 64–65495 bytes, not " + mss);
        }
        this.mss = mss;
        return this;
    }

    /** Default buffer sizes for new sockets. */
    public TcpStack setBufferSizes(int send, int receive) {
        if (send < 1 || receive < 1 || receive > 65535) {
            throw new IllegalArgumentException("send buffer must be ≥ 1 byte and receive buffer 1–65535 bytes, not "
                    + send + " and " + receive);
        }
        this.sendBufferSize = send;
        this.receiveBufferSize = receive;
        return this;
    }

    private static long positive(Duration d, String what) {
        long n = SimTime.nanos(d);
        if (n <= 0) {
            throw new IllegalArgumentException(what + " must be positive, not " + d);
        }
        return n;
    }

    /** Counters: "sent 12, received 11, retransmitted 1, ...". */
    public String statistics() {
        return "segments sent " + segmentsSent + ", received " + segmentsReceived + ", retransmitted " + retransmissions
                + ", duplicate " + duplicates + ", out of order " + outOfOrder + ", malformed " + badSegments
                + ", resets sent " + resetsSent;
    }

    public long retransmissions() {
        return retransmissions;
    }

    /** Segments that arrived ahead of a gap and were queued until the missing bytes came. */
    public long outOfOrderSegments() {
        return outOfOrder;
    }

    // ---- sockets -------------------------------------------------------------------------

    /** A new socket in CLOSED, not yet bound. */
    public TcpConnection open(String owner) {
        return new TcpConnection(this, owner);
    }

    /** Every socket holding a port, by port then binding order (what netstat shows). */
    public List<TcpConnection> sockets() {
        List<TcpConnection> all = new ArrayList<>();
        new TreeMap<>(byPort).values().forEach(all::addAll);
        return all;
    }

    /** Binds {@code c} to {@code address:port} (port 0: an ephemeral port). */
    public void bind(TcpConnection c, Ipv4Address address, int port) throws IOException {
        Ports.check(port);
        if (c.bound) {
            throw new SocketException("already bound: the socket is bound to " + c.local + " on host " + hostName());
        }
        if (!address.isAny() && !isLocal(address)) {
            throw new BindException("cannot assign requested address: host " + hostName() + " has no address " + address
                    + " (its addresses: " + ip.localAddresses() + "); bind to 0.0.0.0 or one of its own addresses");
        }
        if (port == 0) {
            port = ephemeralPort();
        } else {
            String holder = conflict(c, address, port);
            if (holder != null) {
                throw new BindException("address already in use: host " + hostName() + ": TCP " + address + ":" + port
                        + " is held by " + holder);
            }
        }
        c.local = new Endpoint(address, port);
        c.bound = true;
        hold(port, c);
    }

    /** Enters {@code c} among the sockets holding {@code port}. */
    private void hold(int port, TcpConnection c) {
        byPort.computeIfAbsent(port, p -> new LinkedHashSet<>()).add(c);
        if (port >= Ports.EPHEMERAL_FIRST) {
            ephemeralInUse.set(port - Ports.EPHEMERAL_FIRST);
        }
    }

    boolean isLocal(Ipv4Address address) {
        return address.isLoopback() || ip.localAddresses().contains(address);
    }

    /** Who keeps {@code address:port} from being bound by {@code c}, or null if it is free (Linux rules). */
    private String conflict(TcpConnection c, Ipv4Address address, int port) {
        for (TcpConnection other : byPort.getOrDefault(port, new LinkedHashSet<>())) {
            Ipv4Address a = other.local.address();
            if (other == c || !(a.isAny() || address.isAny() || a.equals(address))) {
                continue;
            }
            boolean listenerOrBound = other.state() == TcpState.LISTEN || other.state() == TcpState.CLOSED;
            if (listenerOrBound) {
                return other.owner + (other.state() == TcpState.LISTEN ? " (listening on " + other.local + ")" : "");
            }
            if (!c.reuseAddress) {
                String until = other.state() == TcpState.TIME_WAIT
                        ? " until " + SimTime.format(other.timeWaitEnds()) : "";
                return "the connection " + other.name() + " in " + other.state() + until
                        + "; wait, or call setReuseAddress(true) before binding";
            }
        }
        return null;
    }

    private int ephemeralPort() throws BindException {
        return Ports.ephemeral(random, port -> ephemeralInUse.get(port - Ports.EPHEMERAL_FIRST), "TCP", hostName());
    }

    /** Turns a socket into a listener (binding it to 0.0.0.0 and an ephemeral port if unbound). */
    public void listen(TcpConnection c, int backlog) throws IOException {
        if (c.state() != TcpState.CLOSED && c.state() != TcpState.LISTEN) {
            throw new SocketException("listen() on " + c.name() + " of host " + hostName() + ": the socket is "
                    + c.state() + " (only a new, unconnected socket can listen)");
        }
        if (!c.bound) {
            bind(c, Ipv4Address.ANY, 0);
        }
        c.backlog = Math.max(1, backlog);
        if (c.state() == TcpState.CLOSED) {
            listeners.put(c.local, c);
            c.registered = true;
            c.setState(TcpState.LISTEN, "listen(" + c.backlog + ")");
        }
    }

    /** Starts an active open: sends SYN; the caller then waits with {@link TcpConnection#awaitConnected}. */
    public void connect(TcpConnection c, Ipv4Address address, int port) throws IOException {
        Ports.check(port);
        if (c.state() != TcpState.CLOSED || c.registered) {
            throw new SocketException("connect() on " + c.name() + " of host " + hostName() + ": the socket is already "
                    + (c.state() == TcpState.LISTEN ? "listening" : "used (" + c.state() + ")"));
        }
        if (port == 0 || address.isAny() || address.isBroadcast() || address.isMulticast()) {
            throw new ConnectException("cannot connect to " + address + ":" + port
                    + ": TCP needs one real host and a port between 1 and 65535");
        }
        Ipv4Address source = c.bound && !c.local.address().isAny() ? c.local.address()
                : address.isLoopback() ? Ipv4Address.LOOPBACK : ip.sourceAddressFor(address);
        if (source == null) {
            throw new NoRouteToHostException("no route to host: host " + hostName() + " has no route to " + address
                    + " (check its address, netmask and default gateway)");
        }
        if (!c.bound) {
            bind(c, Ipv4Address.ANY, 0);
        }
        Endpoint local = new Endpoint(source, c.local.port());
        Endpoint remote = new Endpoint(address, port);
        if (connections.containsKey(new ConnectionKey(local, remote))) {
            throw new BindException("address already in use: host " + hostName() + " already has a connection "
                    + local + " ⇄ " + remote);
        }
        start(c, local, remote);
        c.setState(TcpState.SYN_SENT, "connect(" + remote + "): SYN sent");
        c.sendSegment(c.iss, TcpSegment.SYN, TcpInput.EMPTY, true);
        c.armRetransmit();
    }

    /** Gives a new connection its four-tuple and initial send sequence, times the SYN, and registers it. */
    private void start(TcpConnection c, Endpoint local, Endpoint remote) {
        c.local = local;
        c.remote = remote;
        c.iss = isn(local, remote);
        c.sndUna = c.iss;
        c.sndNxt = Seq.add(c.iss, 1);
        c.sndMax = c.sndNxt;
        c.connectStarted = sim.now();
        c.timing = true;
        c.timedSeq = c.iss;
        c.timedAt = sim.now();
        connections.put(new ConnectionKey(local, remote), c);
        c.registered = true;
    }

    /** RFC 6528: a 4 µs clock plus a keyed hash of the four-tuple (the key from the seeded stream). */
    private long isn(Endpoint local, Endpoint remote) {
        long h = isnSecret ^ ((long) local.address().value() << 32 | remote.address().value() & 0xffffffffL);
        h = mix(h + ((long) local.port() << 16 | remote.port()));
        return (sim.now() / 4_000 + h) & 0xffffffffL;
    }

    private static long mix(long z) { // SplitMix64 finaliser
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    // ---- arriving segments ------------------------------------------------------------------

    @Override
    public void receive(Ipv4Packet packet) {
        arriving = packet;
        try {
            dispatch(packet);
        } finally {
            arriving = null;
        }
    }

    /**
     * An ICMP error about one of this host's segments. While connecting (SYN-SENT) a destination
     * unreachable ends the attempt at once, as in Linux: net or host unreachable with
     * {@link NoRouteToHostException}, protocol or port unreachable as a refused connection. For a
     * connection already open it is a soft error (RFC 1122 §4.2.3.9): kept, and named if the
     * connection later times out.
     */
    @Override
    public void icmpError(IcmpMessage.Quote about, IcmpMessage error, String explanation) {
        TcpConnection c = connections.get(new ConnectionKey(about.source(), about.sourcePort(), about.destination(),
                about.destinationPort()));
        if (c == null || error.type() == IcmpMessage.TYPE_DESTINATION_UNREACHABLE
                && error.code() == IcmpMessage.CODE_FRAGMENTATION_NEEDED) {
            return; // not a connection of ours any more; no path MTU discovery here
        }
        boolean hard = c.state() == TcpState.SYN_SENT && error.type() == IcmpMessage.TYPE_DESTINATION_UNREACHABLE
                && error.code() <= IcmpMessage.CODE_PORT_UNREACHABLE;
        if (!hard) {
            c.softError = explanation;
            return;
        }
        boolean unreachable = error.code() == IcmpMessage.CODE_NETWORK_UNREACHABLE
                || error.code() == IcmpMessage.CODE_HOST_UNREACHABLE;
        String what = (unreachable ? "no route to host" : "connection refused") + ": host " + hostName()
                + " could not connect to " + c.remote + ": " + explanation;
        c.fail(unreachable ? new NoRouteToHostException(what) : new ConnectException(what), what);
    }

    private void dispatch(Ipv4Packet packet) {
        segmentsReceived++;
        TcpSegmentView seg;
        try {
            seg = TcpSegmentView.parse(packet);
        } catch (MalformedPacketException e) {
            badSegments++;
            ip.dropped(packet, (e.field().equals("checksum") ? "bad TCP checksum: " : "malformed TCP segment: ")
                    + e.getMessage());
            return;
        }
        TcpConnection c = connections.get(new ConnectionKey(packet.destination(), seg.destinationPort(),
                packet.source(), seg.sourcePort()));
        if (c != null) {
            // the connection's endpoints equal the segment's: none are made for the segments of a connection
            if (TcpInput.arrives(c, seg, c.local, c.remote)) {
                return;
            }
            c.setState(TcpState.CLOSED, "a new SYN from " + c.remote + " reuses the four-tuple (RFC 6191)");
        }
        Endpoint local = new Endpoint(packet.destination(), seg.destinationPort());
        Endpoint remote = new Endpoint(packet.source(), seg.sourcePort());
        TcpConnection listener = listeners.get(local);
        if (listener == null) {
            listener = listeners.get(new Endpoint(Ipv4Address.ANY, local.port()));
        }
        if (listener != null) {
            TcpInput.arrives(listener, seg, local, remote);
            return;
        }
        ip.dropped(packet, "no listener on TCP port " + local.port() + ": " + whoListensOn(local)
                + (seg.has(TcpSegment.RST) ? "" : " (answered with RST)"));
        sendReset(local, remote, seg);
    }

    /**
     * Why nobody took a SYN for {@code local}: nobody listens on that port at all, or somebody does,
     * but bound to another of the host's addresses (127.0.0.1 takes only the host's own connections).
     */
    private String whoListensOn(Endpoint local) {
        List<String> elsewhere = listeners.keySet().stream().filter(e -> e.port() == local.port()).sorted()
                .map(Endpoint::toString).toList();
        if (elsewhere.isEmpty()) {
            return "no process on host " + hostName() + " listens there";
        }
        return "host " + hostName() + " listens on " + String.join(", ", elsewhere) + " only, not on "
                + local.address() + " (bind 0.0.0.0 to take connections on every address)";
    }

    /** A SYN reached a listener: make a child copied from it, in SYN-RECEIVED, unless the backlog is full. */
    void acceptSyn(TcpConnection l, TcpSegmentView syn, Endpoint local, Endpoint remote) {
        if (l.synQueue.size() + l.acceptQueue.size() >= l.backlog) {
            sim.trace().record(sim.now(), place, "SYN from " + remote + " to " + local + " dropped: backlog full");
            ip.dropped(arriving, "listen backlog of " + l.local + " on host "
                    + hostName() + " is full: " + l.acceptQueue.size() + " connections wait for accept() and "
                    + l.synQueue.size() + " handshakes are in progress (backlog " + l.backlog + ")");
            return;
        }
        TcpConnection child = new TcpConnection(this, "the accept queue of " + l.local);
        child.listener = l;
        child.reuseAddress = l.reuseAddress;
        child.sendCapacity = l.sendCapacity;
        child.receiveCapacity = l.receiveCapacity;
        child.bound = true;
        child.irs = syn.sequenceNumber();
        child.rcvNxt = Seq.add(child.irs, 1);
        child.sendMss = peerMss(syn);
        child.sndWnd = syn.window();
        child.sndWl1 = syn.sequenceNumber();
        start(child, local, remote);
        hold(local.port(), child);
        l.synQueue.add(child);
        child.setState(TcpState.SYN_RECEIVED, "SYN from " + remote + " to listener " + l.local
                + ": new socket copied from the listener, SYN,ACK sent");
        child.sendSegment(child.iss, TcpSegment.SYN | TcpSegment.ACK, TcpInput.EMPTY, true);
        child.armRetransmit();
    }

    /** The MSS to send to a peer whose SYN is {@code syn}: ours, or less if it asks (RFC 9293 §3.7.1). */
    int peerMss(TcpSegmentView syn) {
        return Math.min(mss, syn.mss() < 0 ? DEFAULT_MSS_WITHOUT_OPTION : syn.mss());
    }

    /** The final ACK of a handshake arrived. */
    void established(TcpConnection c) {
        c.setState(TcpState.ESTABLISHED, "ACK of our SYN,ACK received: handshake complete");
        TcpConnection l = c.listener;
        if (l != null && l.synQueue.remove(c)) {
            if (l.state() == TcpState.LISTEN) {
                l.acceptQueue.add(c);
                l.signal();
            }
        }
    }

    /** RFC 9293 §3.10.7.1: the reset for a segment that matches no connection. */
    void sendReset(Endpoint local, Endpoint remote, TcpSegmentView seg) {
        if (seg.has(TcpSegment.RST)) {
            return;
        }
        if (seg.has(TcpSegment.ACK)) {
            transmitReset(local, remote, seg.acknowledgmentNumber(), 0, false);
        } else {
            transmitReset(local, remote, 0, Seq.add(seg.sequenceNumber(), seg.sequenceLength()), true);
        }
    }

    void transmitReset(Endpoint local, Endpoint remote, long seq, long ack, boolean withAck) {
        resetsSent++;
        int flags = TcpSegment.RST | (withAck ? TcpSegment.ACK : 0);
        transmit(local, remote, TcpSegment.of(local.port(), remote.port(), seq, ack, flags, 0, TcpInput.EMPTY));
    }

    void transmit(Endpoint local, Endpoint remote, TcpSegment seg) {
        transmit(local, remote, seg.toBytes(local.address(), remote.address()));
    }

    /** Sends an encoded segment (checksum filled in for these addresses). */
    void transmit(Endpoint local, Endpoint remote, byte[] segment) {
        segmentsSent++;
        ip.send(local.address(), remote.address(), Ipv4Packet.PROTOCOL_TCP, segment);
    }

    // ---- life cycle ------------------------------------------------------------------------

    void stateChanged(TcpConnection c, TcpState from, TcpState to, String cause) {
        // the trace text is "NAME FROM -> TO: CAUSE", written from pieces encoded once
        sim.trace().record(sim.now(), place, c.nameUtf8(), TRANSITIONS[from.ordinal()][to.ordinal()], cause);
        if (to == TcpState.CLOSED) {
            if (c.listener != null) {
                c.listener.synQueue.remove(c);
            }
            release(c);
        }
    }

    /**
     * Why TIME-WAIT ended, "2×MSL (2 s) passed in TIME-WAIT": made once per MSL, not per
     * connection (formatting the duration is slow, and the trace encodes a repeated String once).
     */
    String timeWaitEndCause() {
        if (timeWaitEndCause == null || timeWaitEndCauseMsl != msl) {
            timeWaitEndCause = "2×MSL (" + SimTime.format(2 * msl) + ") passed in TIME-WAIT";
            timeWaitEndCauseMsl = msl;
        }
        return timeWaitEndCause;
    }

    /** Ends a connection at once (no FIN): refused, reset, timed out, aborted. */
    void abort(TcpConnection c, String why) {
        if (c.state() != TcpState.CLOSED) {
            c.setState(TcpState.CLOSED, why);
        } else {
            release(c);
        }
    }

    /** Closing a listener aborts the handshakes in progress and the connections nobody accepted (as Linux). */
    void closeListener(TcpConnection l) {
        listeners.remove(l.local);
        l.setState(TcpState.CLOSED, "close() on the listening socket");
        List<TcpConnection> orphans = new ArrayList<>(l.synQueue);
        orphans.addAll(l.acceptQueue);
        l.acceptQueue.clear();
        for (TcpConnection child : orphans) {
            if (child.state() != TcpState.CLOSED) {
                transmitReset(child.local, child.remote, child.sndNxt, child.rcvNxt, true);
                abort(child, "its listener closed before accept()");
            }
        }
    }

    /** Forgets a socket that is CLOSED: its port and four-tuple become free. */
    void release(TcpConnection c) {
        if (c.remote != null) {
            connections.remove(new ConnectionKey(c.local, c.remote), c);
        }
        if (c.local != null) {
            listeners.remove(c.local, c);
            int port = c.local.port();
            LinkedHashSet<TcpConnection> holders = byPort.get(port);
            if (holders != null && holders.remove(c) && holders.isEmpty()) {
                byPort.remove(port);
                if (port >= Ports.EPHEMERAL_FIRST) {
                    ephemeralInUse.clear(port - Ports.EPHEMERAL_FIRST);
                }
            }
        }
    }

    @Override
    public String toString() {
        return "TcpStack[host " + hostName() + ", " + sockets().size() + " sockets]";
    }
}
