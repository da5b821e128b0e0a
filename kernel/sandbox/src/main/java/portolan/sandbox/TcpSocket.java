package portolan.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketException;
import java.time.Duration;
import java.util.Objects;
import portolan.sandbox.sim.SimTime;
import portolan.sandbox.stack.TcpConnection;
import portolan.sandbox.wire.Ipv4Address;

/**
 * A TcpSocket is one end of a TCP connection in the style of {@code java.net.Socket}: its
 * streams block in virtual time, {@link #close()} sends FIN, and errors are the JDK's
 * ({@link java.net.ConnectException}, {@link java.net.SocketTimeoutException}, ...). Named so it
 * does not clash with {@code java.net.Socket} in a notebook.
 */
public final class TcpSocket extends DescriptorSocket {
    private final TcpConnection connection;
    private long timeoutNanos = Long.MAX_VALUE;
    private InputStream in;
    private OutputStream out;

    TcpSocket(SocketLayer layer) {
        this(layer, layer.sys().socket());
    }

    TcpSocket(SocketLayer layer, int fd) {
        super(layer, fd);
        try {
            this.connection = layer.sys().tcp(fd, "socket");
        } catch (SocketException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    public void connect(Ipv4Address address, int port) throws IOException {
        connect(address, port, 0);
    }

    /** Connects, giving up with {@link java.net.SocketTimeoutException} after {@code timeoutMillis} (0: the stack's own limit). */
    public void connect(Ipv4Address address, int port, int timeoutMillis) throws IOException {
        Objects.requireNonNull(address, "connect() needs an address");
        checkOpen();
        layer.sys().connect(fd, address, port, timeoutMillis <= 0 ? Long.MAX_VALUE : timeoutMillis * SimTime.MILLISECOND);
    }

    /** Bytes from the peer; read() returns -1 after the peer closed, and waits at most the SO_TIMEOUT. */
    public InputStream getInputStream() throws IOException {
        checkOpen();
        if (in == null) {
            in = new InputStream() {
                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    int n = read(one, 0, 1);
                    return n < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    Objects.checkFromIndexSize(off, len, b.length);
                    checkOpen();
                    return connection.read(b, off, len, timeoutNanos);
                }

                @Override
                public int available() {
                    return connection.available();
                }

                @Override
                public void close() throws IOException {
                    TcpSocket.this.close();
                }
            };
        }
        return in;
    }

    /** Bytes to the peer; write() returns once the bytes are in the send buffer. */
    public OutputStream getOutputStream() throws IOException {
        checkOpen();
        if (out == null) {
            out = new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    Objects.checkFromIndexSize(off, len, b.length);
                    checkOpen();
                    connection.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    TcpSocket.this.close();
                }
            };
        }
        return out;
    }

    /** Sends FIN after the queued data; the peer reads end of stream, this side can still read. */
    public void shutdownOutput() throws IOException {
        checkOpen();
        connection.shutdownOutput();
    }

    /** How long reads wait, in milliseconds of virtual time; 0 waits forever. */
    public void setSoTimeout(int millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("timeout must not be negative, got " + millis + " ms");
        }
        timeoutNanos = millis == 0 ? Long.MAX_VALUE : Duration.ofMillis(millis).toNanos();
    }

    public void setReuseAddress(boolean on) throws SocketException {
        checkOpen();
        layer.sys().setReuseAddress(fd, on);
    }

    public void setReceiveBufferSize(int bytes) {
        connection.setReceiveBufferSize(bytes);
    }

    public void setSendBufferSize(int bytes) {
        connection.setSendBufferSize(bytes);
    }

    /** The peer's address, or null before connect. */
    public Ipv4Address getInetAddress() {
        return connection.remote() == null ? null : connection.remote().address();
    }

    public int getPort() {
        return connection.remote() == null ? 0 : connection.remote().port();
    }

    public Ipv4Address getLocalAddress() {
        return connection.local() == null ? Ipv4Address.ANY : connection.local().address();
    }

    public int getLocalPort() {
        return connection.local() == null ? -1 : connection.local().port();
    }


    /** The stack's connection: its state and state history. */
    public TcpConnection connection() {
        return connection;
    }

    public boolean isConnected() {
        return connection.remote() != null;
    }




    @Override
    String what() {
        return connection.name();
    }

    @Override
    public String toString() {
        return "TcpSocket[host " + layer.hostName() + ", " + connection.name() + " " + connection.state() + "]";
    }
}
