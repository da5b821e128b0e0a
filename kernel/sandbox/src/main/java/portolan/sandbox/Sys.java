package portolan.sandbox;

import java.io.IOException;
import java.net.BindException;
import java.net.SocketException;
import java.time.Duration;
import java.util.Arrays;
import portolan.sandbox.sim.SimTime;
import portolan.sandbox.stack.Ports;
import portolan.sandbox.stack.TcpConnection;
import portolan.sandbox.stack.TcpState;
import portolan.sandbox.stack.UdpEndpoint;
import portolan.sandbox.wire.Ipv4Address;

/**
 * Sys is a host's socket system calls in the BSD style: {@code socket}, {@code bind},
 * {@code listen}, {@code accept}, {@code connect}, {@code send}, {@code recv}, {@code close} on
 * integer descriptors, with the descriptor table to look at ({@link #fds()}). Errors are the
 * JDK's exceptions ({@link BindException}, {@link java.net.ConnectException}, ...) rather than
 * -1 and errno. The java.net-style sockets ({@link TcpSocket}, {@link TcpServerSocket},
 * {@link UdpSocket}) are built on these same calls and descriptors.
 */
public final class Sys {
    /** Address family IPv4 (the only one the sandbox has). */
    public static final int AF_INET = 2;
    /** A TCP socket. */
    public static final int SOCK_STREAM = 1;
    /** A UDP socket. */
    public static final int SOCK_DGRAM = 2;

    /** The largest receive buffer (a 16-bit window), so the most one recv() can return. */
    private static final int MAX_RECV = 65535;

    private final SocketLayer layer;
    private final DescriptorTable table;

    Sys(SocketLayer layer) {
        this.layer = layer;
        this.table = layer.descriptors();
    }

    /** The host's descriptor table. */
    public DescriptorTable fds() {
        return table;
    }

    /** A new TCP socket (AF_INET, SOCK_STREAM); returns its descriptor. */
    public int socket() {
        return socket(AF_INET, SOCK_STREAM);
    }

    /** A new socket of {@code type} {@link #SOCK_STREAM} (TCP) or {@link #SOCK_DGRAM} (UDP); returns its descriptor. */
    public int socket(int domain, int type) {
        if (domain != AF_INET) {
            throw new IllegalArgumentException("address family " + domain + " is not supported: the sandbox has IPv4 only "
                    + "(Sys.AF_INET = 2)");
        }
        if (type != SOCK_STREAM && type != SOCK_DGRAM) {
            throw new IllegalArgumentException("socket type " + type + " is not supported: use Sys.SOCK_STREAM (TCP) or "
                    + "Sys.SOCK_DGRAM (UDP)");
        }
        String process = layer.privileges().processName();
        DescriptorTable.Entry e = table.open(type == SOCK_STREAM ? "TCP" : "UDP", process);
        if (type == SOCK_STREAM) {
            e.tcp = layer.tcp().open(holder(e));
            table.attach(e, e.tcp);
        }
        return e.fd();
    }

    public void bind(int fd, String address, int port) throws IOException {
        bind(fd, Ipv4Address.parse(address), port);
    }

    /** Binds to {@code address} (0.0.0.0 = every address of the host) and {@code port} (0 = any free port). */
    public void bind(int fd, Ipv4Address address, int port) throws IOException {
        DescriptorTable.Entry e = table.get(fd);
        Ports.check(port);
        if (Ports.isPrivileged(port) && !layer.privileges().isPrivileged()) {
            throw new BindException("permission denied: host " + layer.hostName() + ": port " + port
                    + " is a privileged port (0–1023): only a privileged process may bind it; use spawnAsRoot(...) "
                    + "or a port ≥ 1024 such as " + (port == 80 ? 8080 : port == 443 ? 8443 : 8000 + port));
        }
        if (e.tcp != null) {
            e.tcp.setReuseAddress(e.reuseAddress);
            layer.tcp().bind(e.tcp, address, port);
        } else {
            if (e.udp != null) {
                throw new SocketException("already bound: descriptor " + fd + " is bound to UDP " + e.udp.local());
            }
            e.udp = layer.udp().bind(address, port, holder(e));
            table.attach(e, e.udp);
        }
    }

    /** Makes a bound TCP socket a listener with room for {@code backlog} connections not yet accepted. */
    public void listen(int fd, int backlog) throws IOException {
        layer.tcp().listen(tcp(fd, "listen"), backlog);
    }

    /** Waits for a connection on a listening socket and returns a NEW descriptor for it; the listener stays. */
    public int accept(int fd) throws IOException {
        DescriptorTable.Entry listener = table.get(fd);
        TcpConnection child = tcp(fd, "accept").accept(listener.timeoutNanos);
        DescriptorTable.Entry e = table.open("TCP", layer.privileges().processName());
        e.tcp = child;
        child.setOwner(holder(e));
        table.attach(e, child);
        return e.fd();
    }

    public void connect(int fd, String address, int port) throws IOException {
        connect(fd, Ipv4Address.parse(address), port);
    }

    /** Opens a TCP connection (three-way handshake), waiting until it is established or refused. */
    public void connect(int fd, Ipv4Address address, int port) throws IOException {
        connect(fd, address, port, Long.MAX_VALUE);
    }

    void connect(int fd, Ipv4Address address, int port, long timeoutNanos) throws IOException {
        TcpConnection c = tcp(fd, "connect");
        c.setReuseAddress(table.get(fd).reuseAddress);
        layer.tcp().connect(c, address, port);
        c.awaitConnected(timeoutNanos);
    }

    /** Sends all of {@code data} on a connected TCP socket (waiting while the send buffer is full); returns its length. */
    public int send(int fd, byte[] data) throws IOException {
        tcp(fd, "send").write(data, 0, data.length);
        return data.length;
    }

    /** Receives up to {@code max} bytes, waiting for at least one; an empty array means the peer closed. */
    public byte[] recv(int fd, int max) throws IOException {
        DescriptorTable.Entry e = table.get(fd);
        TcpConnection c = tcp(fd, "recv");
        if (max < 1) {
            throw new IllegalArgumentException("recv() on descriptor " + fd + " of host " + layer.hostName()
                    + " asked for " + max + " bytes; ask for at least 1 (e.g. recv(" + fd + ", 4096))");
        }
        // one call returns at most what the receive buffer holds, so no bigger array is needed
        byte[] buffer = new byte[Math.min(max, MAX_RECV)];
        int n = c.read(buffer, 0, buffer.length, e.timeoutNanos);
        return n <= 0 ? new byte[0] : Arrays.copyOf(buffer, n);
    }

    /** Sends one UDP datagram (binding the socket to a free port first if needed). */
    public int sendTo(int fd, byte[] data, String address, int port) throws IOException {
        DescriptorTable.Entry e = udp(fd, "sendTo");
        if (e.udp == null) {
            bind(fd, Ipv4Address.ANY, 0);
        }
        layer.udp().send(e.udp, Ipv4Address.parse(address), port, data);
        return data.length;
    }

    /** Waits for the next UDP datagram (with the socket's timeout). */
    public UdpEndpoint.Datagram recvFrom(int fd) throws IOException {
        DescriptorTable.Entry e = udp(fd, "recvFrom");
        if (e.udp == null) {
            throw new SocketException("recvFrom() on descriptor " + fd + " of host " + layer.hostName()
                    + ": the UDP socket is not bound; bind it to a port first");
        }
        return e.udp.receive(e.timeoutNanos);
    }

    /** Half-closes a TCP connection: sends FIN after the queued data; receiving continues. */
    public void shutdownOutput(int fd) throws IOException {
        tcp(fd, "shutdown").shutdownOutput();
    }

    /** Closes the descriptor; a TCP connection then closes with FIN and may linger in TIME-WAIT. */
    public void close(int fd) throws IOException {
        DescriptorTable.Entry e = table.get(fd);
        table.remove(e);
        if (e.tcp != null) {
            if (e.tcp.state() != TcpState.CLOSED) {
                e.tcp.setOwner("no descriptor (closed by process '" + e.process() + "')");
            }
            e.tcp.close();
        }
        if (e.udp != null) {
            e.udp.close();
        }
    }

    /** SO_REUSEADDR: let bind share a port with old connections (TIME-WAIT), never with a listener. */
    public void setReuseAddress(int fd, boolean on) throws SocketException {
        DescriptorTable.Entry e = table.get(fd);
        e.reuseAddress = on;
        if (e.tcp != null) {
            e.tcp.setReuseAddress(on);
        }
    }

    /** SO_RCVTIMEO: how long accept, recv and recvFrom wait; zero or null waits forever. */
    public void setTimeout(int fd, Duration timeout) throws SocketException {
        long n = timeout == null ? 0 : SimTime.nanos(timeout);
        if (n < 0) {
            throw new IllegalArgumentException("a timeout must not be negative, got " + timeout);
        }
        table.get(fd).timeoutNanos = n == 0 ? Long.MAX_VALUE : n;
    }

    TcpConnection tcp(int fd, String call) throws SocketException {
        DescriptorTable.Entry e = table.get(fd);
        if (e.tcp == null) {
            throw new SocketException(call + "() needs a TCP socket but descriptor " + fd + " on host " + layer.hostName()
                    + " is UDP");
        }
        return e.tcp;
    }

    DescriptorTable.Entry udp(int fd, String call) throws SocketException {
        DescriptorTable.Entry e = table.get(fd);
        if (e.tcp != null) {
            throw new SocketException(call + "() needs a UDP socket but descriptor " + fd + " on host " + layer.hostName()
                    + " is TCP");
        }
        return e;
    }

    private static String holder(DescriptorTable.Entry e) {
        return "process '" + e.process() + "' (descriptor " + e.fd() + ")";
    }

    @Override
    public String toString() {
        return table.toString();
    }
}
