package portolan.sandbox;

import java.io.IOException;
import java.net.SocketException;
import java.time.Duration;
import portolan.sandbox.stack.TcpConnection;
import portolan.sandbox.wire.Ipv4Address;

/**
 * A TcpServerSocket is a listening TCP socket in the style of {@code java.net.ServerSocket}:
 * {@link #accept()} waits in virtual time for a completed handshake and returns a NEW
 * {@link TcpSocket} with the same local port, while this socket stays in LISTEN. Named so it does
 * not clash with {@code java.net.ServerSocket} in a notebook.
 */
public final class TcpServerSocket extends DescriptorSocket {
    /** java.net.ServerSocket's default backlog. */
    public static final int DEFAULT_BACKLOG = 50;


    TcpServerSocket(SocketLayer layer) {
        super(layer, layer.sys().socket());
    }

    /** Binds to 0.0.0.0:{@code port} and listens. */
    public void bind(int port) throws IOException {
        bind(Ipv4Address.ANY, port, DEFAULT_BACKLOG);
    }

    /** Binds to {@code address:port} and listens with {@code backlog}. */
    public void bind(Ipv4Address address, int port, int backlog) throws IOException {
        checkOpen();
        layer.sys().bind(fd, address, port);
        layer.sys().listen(fd, backlog);
    }

    /** Waits for the next connection; a {@link java.net.SocketTimeoutException} after {@link #setSoTimeout}. */
    public TcpSocket accept() throws IOException {
        checkOpen();
        return new TcpSocket(layer, layer.sys().accept(fd));
    }

    /** How long accept() waits, in milliseconds of virtual time; 0 waits forever. */
    public void setSoTimeout(int millis) throws SocketException {
        if (millis < 0) {
            throw new IllegalArgumentException("timeout must not be negative, got " + millis + " ms");
        }
        layer.sys().setTimeout(fd, Duration.ofMillis(millis));
    }

    public void setReuseAddress(boolean on) throws SocketException {
        checkOpen();
        layer.sys().setReuseAddress(fd, on);
    }

    public int getLocalPort() {
        TcpConnection c = connection();
        return c == null || c.local() == null ? -1 : c.local().port();
    }

    /** The bound address (0.0.0.0 for every address). */
    public Ipv4Address getInetAddress() {
        TcpConnection c = connection();
        return c == null || c.local() == null ? null : c.local().address();
    }


    /** The stack's socket, for its state and history. */
    public TcpConnection connection() {
        try {
            return isClosed() ? null : layer.sys().tcp(fd, "connection");
        } catch (SocketException e) {
            return null;
        }
    }




    @Override
    String what() {
        return "the server socket " + fd;
    }

    @Override
    public String toString() {
        TcpConnection c = connection();
        return "TcpServerSocket[host " + layer.hostName() + (c == null ? ", closed" : ", " + c.name() + " " + c.state())
                + "]";
    }
}
