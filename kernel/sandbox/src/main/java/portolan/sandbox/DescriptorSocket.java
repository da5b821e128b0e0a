package portolan.sandbox;

import java.io.Closeable;
import java.io.IOException;
import java.net.SocketException;

/** A DescriptorSocket is the common part of the java.net-style sockets: a descriptor of the host's table. */
abstract class DescriptorSocket implements Closeable {
    final SocketLayer layer;
    final int fd;
    private boolean closed;

    DescriptorSocket(SocketLayer layer, int fd) {
        this.layer = layer;
        this.fd = fd;
    }

    /** The descriptor in the host's table (what {@link Sys} calls take). */
    public int descriptor() {
        return fd;
    }

    public boolean isClosed() {
        return closed;
    }

    /** Closes the descriptor; a TCP connection then sends FIN. */
    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            layer.sys().close(fd);
        }
    }

    void checkOpen() throws SocketException {
        if (closed) {
            throw new SocketException("socket closed: " + what() + " on host " + layer.hostName()
                    + " was closed by this program");
        }
    }

    /** What this socket is, for messages. */
    abstract String what();
}
