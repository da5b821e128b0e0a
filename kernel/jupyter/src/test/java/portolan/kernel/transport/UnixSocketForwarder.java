package portolan.kernel.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * For tests: loopback TCP ports that lead to Unix domain socket files, so that a JeroMQ client
 * (tcp only) can reach the kernel's ipc socket files, the other way round from
 * {@link UnixSocketBridge}. Written apart from it on purpose, so that a fault in the bridge cannot
 * hide itself. A TCP connection whose file cannot be reached (not there yet) is closed, and
 * JeroMQ connects again.
 */
public final class UnixSocketForwarder implements AutoCloseable {

    private final Set<java.io.Closeable> open = ConcurrentHashMap.newKeySet();

    /** {@code ipc} as a tcp connection info: each port a loopback port leading to that channel's file. */
    public ConnectionInfo tcpView(ConnectionInfo ipc) throws IOException {
        return new ConnectionInfo("tcp", "127.0.0.1", forward(ipc.socketFile(ipc.shellPort())),
                forward(ipc.socketFile(ipc.iopubPort())), forward(ipc.socketFile(ipc.stdinPort())),
                forward(ipc.socketFile(ipc.controlPort())), forward(ipc.socketFile(ipc.hbPort())), ipc.key(),
                ipc.signatureScheme());
    }

    /** A new loopback port whose every connection is relayed to {@code file}. */
    int forward(Path file) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        open.add(server);
        start(() -> {
            try {
                while (true) {
                    SocketChannel tcp = server.accept();
                    open.add(tcp);
                    SocketChannel unix;
                    try {
                        unix = SocketChannel.open(StandardProtocolFamily.UNIX);
                        open.add(unix);
                        unix.connect(UnixDomainSocketAddress.of(file));
                    } catch (IOException e) {
                        tcp.close();
                        continue;
                    }
                    start(() -> pump(tcp, unix));
                    start(() -> pump(unix, tcp));
                }
            } catch (IOException e) {
                // Closed by close().
            }
        });
        return ((InetSocketAddress) server.getLocalAddress()).getPort();
    }

    private static void pump(SocketChannel from, SocketChannel to) {
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        try (from; to) {
            while (from.read(buffer.clear()) >= 0) {
                to.write(buffer.flip());
                if (buffer.hasRemaining()) {
                    throw new IOException("blocking write left bytes behind");
                }
            }
        } catch (IOException e) {
            // The pair is over.
        }
    }

    private static void start(Runnable body) {
        Thread thread = new Thread(body, "test-unix-forwarder");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        for (java.io.Closeable c : List.copyOf(open)) {
            try {
                c.close();
            } catch (IOException e) {
                // Closing for the end of a test.
            }
        }
    }
}
