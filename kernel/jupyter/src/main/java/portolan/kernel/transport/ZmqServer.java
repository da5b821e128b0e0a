package portolan.kernel.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;
import portolan.kernel.protocol.Header;
import portolan.kernel.protocol.MalformedMessageException;
import portolan.kernel.protocol.Message;
import portolan.kernel.protocol.Signer;
import portolan.kernel.protocol.WireCodec;

/**
 * The {@link Server} over JeroMQ: binds shell, control and stdin ROUTER sockets, an iopub PUB
 * and a heartbeat REP (messaging spec, "Introduction"). Three threads own the sockets:
 * <ul>
 *   <li>the router thread owns shell, control and stdin; it blocks in a poller that also
 *       watches a {@link Pipe}, written to when another thread queues a reply, so replies
 *       from any thread go out without polling loops;</li>
 *   <li>the iopub thread owns the PUB socket and sends what {@link #publish} queued, in order;</li>
 *   <li>the heartbeat thread echoes pings and nothing else, so execution never delays it.</li>
 * </ul>
 * For the ipc transport the sockets are bound to loopback TCP ports, and a {@link UnixSocketBridge}
 * serves the connection file's socket files and leads each of them to its socket's port.
 */
public final class ZmqServer implements Server {

    private static final Logger LOG = Logger.getLogger(ZmqServer.class.getName());
    private static final int LINGER_MS = 200;
    /** Bounded so that a slow iopub makes {@link #publish} wait, which lets the core coalesce output. */
    private static final int IOPUB_BACKLOG = 256;
    private static final Message STOP = Message.of(List.of(), Header.of("", "", "", "", "stop", ""), null, null);
    /** Where the sockets listen for an ipc connection file, behind its socket files. */
    private static final String LOOPBACK = "127.0.0.1";

    private final ZMQ.Context context = ZMQ.context(1);
    private final Signer signer;
    private final ConnectionInfo bound;
    private final Map<Channel, ZMQ.Socket> routers = new EnumMap<>(Channel.class);
    private final ZMQ.Socket iopub;
    private final ZMQ.Socket heartbeat;
    private final Pipe wakeup;
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private final Queue<Outgoing> outgoing = new ConcurrentLinkedQueue<>();
    private final BlockingQueue<Message> iopubQueue = new ArrayBlockingQueue<>(IOPUB_BACKLOG);
    private final AtomicBoolean closing = new AtomicBoolean();
    private final Thread heartbeatThread;
    private final Thread iopubThread;
    /** Null for tcp. */
    private final UnixSocketBridge bridge;
    private Thread routerThread;

    private record Outgoing(Channel channel, Message message) {
    }

    /** Binds all five sockets; a port 0 in {@code info} binds a free port (see {@link #connectionInfo()}). */
    public ZmqServer(ConnectionInfo info) throws IOException {
        this.signer = Signer.of(info.signatureScheme(), info.key());
        List<ZMQ.Socket> opened = new ArrayList<>();
        Pipe pipe = null;
        try {
            ZMQ.Socket shell = bind(SocketType.ROUTER, info, info.shellPort(), opened);
            ZMQ.Socket control = bind(SocketType.ROUTER, info, info.controlPort(), opened);
            ZMQ.Socket stdin = bind(SocketType.ROUTER, info, info.stdinPort(), opened);
            routers.put(Channel.SHELL, shell);
            routers.put(Channel.CONTROL, control);
            routers.put(Channel.STDIN, stdin);
            iopub = bind(SocketType.PUB, info, info.iopubPort(), opened);
            // Never drop output at the high-water mark: nothing printed may be lost.
            iopub.setSndHWM(0);
            heartbeat = bind(SocketType.REP, info, info.hbPort(), opened);
            pipe = Pipe.open();
            pipe.source().configureBlocking(false);
            pipe.sink().configureBlocking(false);
            wakeup = pipe;
            if (info.transport().equals("ipc")) {
                Map<Path, InetSocketAddress> routes = new LinkedHashMap<>();
                BiConsumer<Integer, ZMQ.Socket> route = (port, socket) ->
                        routes.put(info.socketFile(port), new InetSocketAddress(LOOPBACK, boundPort(socket)));
                route.accept(info.shellPort(), shell);
                route.accept(info.iopubPort(), iopub);
                route.accept(info.stdinPort(), stdin);
                route.accept(info.controlPort(), control);
                route.accept(info.hbPort(), heartbeat);
                bound = info;
                bridge = UnixSocketBridge.open(routes);
            } else {
                bound = new ConnectionInfo(info.transport(), info.ip(), port(shell, info.shellPort()),
                        port(iopub, info.iopubPort()), port(stdin, info.stdinPort()),
                        port(control, info.controlPort()), port(heartbeat, info.hbPort()), info.key(),
                        info.signatureScheme());
                bridge = null;
            }
        } catch (ZMQException | IllegalArgumentException | IOException e) {
            // The context's term waits for every socket to be closed.
            opened.forEach(ZMQ.Socket::close);
            context.close();
            if (pipe != null) {
                closePipe(pipe);
            }
            throw new IOException("cannot bind the kernel's sockets on " + info.transport() + " " + info.ip()
                    + ": " + e.getMessage(), e);
        }
        heartbeatThread = daemon("portolan-heartbeat", this::runHeartbeat);
        iopubThread = daemon("portolan-iopub", this::runIopub);
        heartbeatThread.start();
        iopubThread.start();
    }

    /** The connection info with the ports actually bound. */
    public ConnectionInfo connectionInfo() {
        return bound;
    }

    @Override
    public synchronized void start(Listener listener) {
        if (routerThread != null) {
            throw new IllegalStateException("ZmqServer.start was already called");
        }
        routerThread = daemon("portolan-router", () -> runRouter(listener));
        routerThread.start();
    }

    @Override
    public void send(Channel channel, Message message) {
        if (!routers.containsKey(channel)) {
            throw new IllegalArgumentException("send is for shell, control and stdin; use publish for " + channel);
        }
        outgoing.add(new Outgoing(channel, message));
        wake();
    }

    @Override
    public void publish(Message message) throws InterruptedException {
        if (!closing.get()) {
            iopubQueue.put(message);
        }
    }

    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        // First, so that the files are gone even if the process is halted before the end of close().
        if (bridge != null) {
            bridge.stopListening();
        }
        wake();
        try {
            iopubQueue.offer(STOP, LINGER_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        join(iopubThread);
        synchronized (this) {
            if (routerThread != null) {
                join(routerThread);
            } else {
                routers.values().forEach(ZMQ.Socket::close);
            }
        }
        // Terminating the context makes the heartbeat's blocking recv fail with ETERM; the
        // heartbeat thread then closes its socket, which lets term() return.
        Thread terminator = daemon("portolan-zmq-term", context::term);
        terminator.start();
        join(terminator);
        join(heartbeatThread);
        if (bridge != null) {
            bridge.close();
        }
        closePipe(wakeup);
    }

    private static void closePipe(Pipe pipe) {
        try {
            pipe.sink().close();
            pipe.source().close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing the wakeup pipe", e);
        }
    }

    /** A socket of {@code type} bound for {@code port}, added to {@code opened}. */
    private ZMQ.Socket bind(SocketType type, ConnectionInfo info, int port, List<ZMQ.Socket> opened) {
        ZMQ.Socket socket = context.socket(type);
        socket.setLinger(LINGER_MS);
        String address = info.transport().equals("ipc") ? "tcp://" + LOOPBACK + ":*"
                : port == 0 ? "tcp://" + info.ip() + ":*" : info.address(port);
        try {
            socket.bind(address);
        } catch (ZMQException e) {
            socket.close();
            String reason = e.getErrorCode() == ZMQ.Error.EADDRINUSE.getCode()
                    ? "the address is already in use; is another kernel still running with this connection file?"
                    : e.getMessage();
            throw new ZMQException("cannot bind " + type + " to " + address + ": " + reason, e.getErrorCode());
        }
        opened.add(socket);
        return socket;
    }

    /** The port a tcp socket bound: the configured one, or for port 0 the one tcp://ip:* picked. */
    private static int port(ZMQ.Socket socket, int configured) {
        return configured != 0 ? configured : boundPort(socket);
    }

    private static int boundPort(ZMQ.Socket socket) {
        String endpoint = socket.getLastEndpoint();
        return Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
    }

    private void wake() {
        if (wakePending.compareAndSet(false, true)) {
            try {
                synchronized (wakeup) {
                    wakeup.sink().write(ByteBuffer.wrap(new byte[] {1}));
                }
            } catch (IOException e) {
                LOG.log(Level.FINE, "wakeup pipe closed", e);
            }
        }
    }

    private void runRouter(Listener listener) {
        ZMQ.Poller poller = context.poller(4);
        List<Channel> order = List.of(Channel.CONTROL, Channel.SHELL, Channel.STDIN);
        for (Channel channel : order) {
            poller.register(routers.get(channel), ZMQ.Poller.POLLIN);
        }
        int wakeIndex = poller.register(wakeup.source(), ZMQ.Poller.POLLIN);
        ByteBuffer drain = ByteBuffer.allocate(64);
        try {
            while (true) {
                poller.poll(-1);
                if (poller.pollin(wakeIndex)) {
                    wakePending.set(false);
                    while (wakeup.source().read(drain.clear()) > 0) {
                        // Only the wakeup matters, not the bytes.
                    }
                }
                sendOutgoing();
                if (closing.get()) {
                    break;
                }
                for (int i = 0; i < order.size(); i++) {
                    if (poller.pollin(i)) {
                        receiveAll(order.get(i), listener);
                    }
                }
            }
        } catch (IOException | ZMQException e) {
            if (!closing.get()) {
                LOG.log(Level.SEVERE, "the shell/control/stdin thread stopped", e);
            }
        } finally {
            poller.close();
            routers.values().forEach(ZMQ.Socket::close);
        }
    }

    private void sendOutgoing() {
        Outgoing next;
        while ((next = outgoing.poll()) != null) {
            try {
                sendFrames(routers.get(next.channel()), WireCodec.encode(next.message(), signer));
            } catch (RuntimeException e) {
                // One unsendable reply must not take the shell, control and stdin sockets down.
                LOG.log(Level.WARNING, "could not send " + next.message().msgType() + " on " + next.channel(), e);
            }
        }
    }

    private void receiveAll(Channel channel, Listener listener) {
        ZMQ.Socket socket = routers.get(channel);
        List<byte[]> frames;
        while ((frames = receiveFrames(socket)) != null) {
            try {
                Message message = WireCodec.decode(frames, signer);
                listener.receive(channel, message);
            } catch (MalformedMessageException e) {
                LOG.warning("dropped a message on " + channel.name().toLowerCase() + ": " + e.getMessage());
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "the kernel failed to take a " + channel + " message", e);
            }
        }
    }

    private static List<byte[]> receiveFrames(ZMQ.Socket socket) {
        byte[] first = socket.recv(ZMQ.DONTWAIT);
        return first == null ? null : withRest(socket, first);
    }

    /** {@code first} and the remaining frames of the multipart message it starts. */
    static List<byte[]> withRest(ZMQ.Socket socket, byte[] first) {
        List<byte[]> frames = new ArrayList<>();
        frames.add(first);
        while (socket.hasReceiveMore()) {
            frames.add(socket.recv(0));
        }
        return frames;
    }

    static void sendFrames(ZMQ.Socket socket, List<byte[]> frames) {
        for (int i = 0; i < frames.size() - 1; i++) {
            socket.sendMore(frames.get(i));
        }
        socket.send(frames.get(frames.size() - 1), 0);
    }

    private void runIopub() {
        try {
            while (true) {
                Message message = iopubQueue.take();
                if (message == STOP) {
                    break;
                }
                try {
                    sendFrames(iopub, WireCodec.encode(message, signer));
                } catch (RuntimeException e) {
                    // Keep draining: a dead iopub thread would leave publish() blocked forever.
                    LOG.log(Level.WARNING, "could not publish " + message.msgType(), e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            iopub.close();
        }
    }

    private void runHeartbeat() {
        try {
            while (true) {
                byte[] ping = heartbeat.recv(0);
                if (ping == null) {
                    break;
                }
                sendFrames(heartbeat, withRest(heartbeat, ping));
            }
        } catch (ZMQException e) {
            if (e.getErrorCode() != ZMQ.Error.ETERM.getCode()) {
                LOG.log(Level.WARNING, "the heartbeat stopped", e);
            }
        } finally {
            heartbeat.close();
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }

    private static void join(Thread thread) {
        try {
            thread.join(TimeUnit.SECONDS.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
