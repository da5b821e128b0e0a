package portolan.kernel.transport;

import static java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE;
import static java.nio.file.attribute.PosixFilePermission.OWNER_READ;
import static java.nio.file.attribute.PosixFilePermission.OWNER_WRITE;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The ipc transport: Unix domain socket files that lead to TCP ports on the loopback interface.
 * JeroMQ 0.6.0 has no ipc of its own (its {@code ipc://} is a loopback TCP port known only inside
 * one JVM), so for an ipc connection file {@link ZmqServer} binds its sockets to loopback ports and
 * this class serves each channel's file ({@code ip-port}). Every connection accepted on a file gets
 * a TCP connection of its own to that file's port, and bytes are copied both ways as they arrive:
 * ZMTP is the same on any stream, so identities, subscriptions and the heartbeat behave exactly as
 * over tcp. When either side of a pair closes, both are closed.
 *
 * <p>Where the file system has POSIX permissions, a file is bound inside a new directory that only
 * its owner may enter, made readable and writable by its owner only, and then renamed into place
 * (replacing a stale file there): no other user can connect to it at any moment. The files are
 * removed by {@link #stopListening()}, or at the JVM's exit if that comes first.
 *
 * <p>Threads, all daemons that block in accept or read: one per file, two per connection.
 */
final class UnixSocketBridge implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(UnixSocketBridge.class.getName());
    /** A socket path's bytes: {@code sun_path} holds 108 on Linux and 104 on macOS and the BSDs, with a final NUL. */
    static final int MAX_PATH_BYTES = System.getProperty("os.name", "").startsWith("Linux") ? 107 : 103;
    private static final int BUFFER_BYTES = 32 * 1024;
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final String ADVICE = "The ip of an ipc connection file is the path prefix of the kernel's "
            + "socket files (ip-port): it must lead into an existing directory this user can write to, and each "
            + "path may have at most " + MAX_PATH_BYTES + " bytes.";

    private record Listening(Path file, Object fileKey, ServerSocketChannel server, InetSocketAddress target) {
    }

    private final List<Listening> listening = new CopyOnWriteArrayList<>();
    private final Set<SocketChannel> connections = ConcurrentHashMap.newKeySet();
    private final Thread exitHook = new Thread(this::removeFiles, "portolan-ipc-cleanup");
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile boolean closed;

    private UnixSocketBridge() {
    }

    /**
     * Listens on each file of {@code routes}, leading to its TCP address. Throws, leaving no file
     * behind, when a file cannot be made; the message says why and what to do.
     */
    static UnixSocketBridge open(Map<Path, InetSocketAddress> routes) throws IOException {
        UnixSocketBridge bridge = new UnixSocketBridge();
        Runtime.getRuntime().addShutdownHook(bridge.exitHook);
        try {
            for (var route : routes.entrySet()) {
                bridge.listening.add(listen(route.getKey(), route.getValue()));
            }
        } catch (IOException | RuntimeException e) {
            bridge.stopListening();
            throw e;
        }
        for (Listening l : bridge.listening) {
            daemon("portolan-ipc-accept " + l.file().getFileName(), () -> bridge.accept(l)).start();
        }
        return bridge;
    }

    /** Stops accepting and removes the files; connections already made go on until {@link #close()}. */
    void stopListening() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        listening.forEach(l -> closeQuietly(l.server()));
        removeFiles();
        try {
            Runtime.getRuntime().removeShutdownHook(exitHook);
        } catch (IllegalStateException e) {
            // The JVM is exiting, and the hook removes the files anyway.
        }
    }

    /** {@link #stopListening()}, then closes every connection. */
    @Override
    public void close() {
        stopListening();
        closed = true;
        connections.forEach(UnixSocketBridge::closeQuietly);
    }

    private static Listening listen(Path file, InetSocketAddress target) throws IOException {
        int bytes = file.toString().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_PATH_BYTES) {
            throw problem(file, "the path has " + bytes + " bytes, too long for a Unix domain socket");
        }
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            throw problem(file, "a directory has that name");
        }
        Path privateDir = createPrivateDirectory(file);
        Path bound = privateDir.resolve("s");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(bound));
            if (POSIX) {
                Files.setPosixFilePermissions(bound, EnumSet.of(OWNER_READ, OWNER_WRITE));
            }
            // rename(2): the file appears complete, and a stale one at that path is replaced.
            Files.move(bound, file, StandardCopyOption.ATOMIC_MOVE);
            Object key = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            return new Listening(file, key, server, target);
        } catch (IOException e) {
            closeQuietly(server);
            Files.deleteIfExists(bound);
            throw problem(file, reason(e));
        } finally {
            Files.deleteIfExists(privateDir);
        }
    }

    /**
     * A new directory beside {@code file} that only its owner may enter, with a name short enough
     * that the socket {@code s} in it has a path no longer than {@code file}'s (for a file name of
     * four characters or more).
     */
    private static Path createPrivateDirectory(Path file) throws IOException {
        Path dir = file.getParent();
        int length = Math.max(1, Math.min(8, file.getFileName().toString().length() - 3));
        for (int attempt = 1; ; attempt++) {
            String name = "." + token(length);
            Path candidate = dir == null ? Path.of(name) : dir.resolve(name);
            try {
                return POSIX ? Files.createDirectory(candidate, PosixFilePermissions.asFileAttribute(
                        EnumSet.of(OWNER_READ, OWNER_WRITE, OWNER_EXECUTE))) : Files.createDirectory(candidate);
            } catch (FileAlreadyExistsException e) {
                if (attempt == 100) {
                    throw problem(file, "100 names for a private directory beside it were all taken");
                }
            } catch (IOException e) {
                String where = dir == null ? "the current directory" : "the directory " + dir;
                throw problem(file, e instanceof NoSuchFileException ? where + " does not exist"
                        : e instanceof AccessDeniedException ? "this user may not create files in " + where
                        : reason(e));
            }
        }
    }

    private static String token(int length) {
        StringBuilder token = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            token.append(Character.forDigit(ThreadLocalRandom.current().nextInt(36), 36));
        }
        return token.toString();
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    private static IOException problem(Path file, String what) {
        return new IOException("cannot create the ipc socket file " + file + ": " + what + ". " + ADVICE);
    }

    private void accept(Listening l) {
        while (true) {
            SocketChannel unix;
            try {
                unix = l.server().accept();
            } catch (IOException e) {
                if (!stopped.get()) {
                    LOG.log(Level.WARNING, "stopped accepting connections on " + l.file(), e);
                }
                return;
            }
            relay(unix, l.target(), l.file());
        }
    }

    /** Connects {@code unix} to a new TCP connection to {@code target} and copies both ways. */
    private void relay(SocketChannel unix, InetSocketAddress target, Path file) {
        SocketChannel tcp = null;
        try {
            tcp = SocketChannel.open();
            tcp.setOption(StandardSocketOptions.TCP_NODELAY, true);
            tcp.connect(target);
        } catch (IOException e) {
            if (!stopped.get()) {
                LOG.log(Level.WARNING, "a connection to " + file + " could not reach the kernel's socket at " + target, e);
            }
            closeQuietly(unix);
            closeQuietly(tcp);
            return;
        }
        SocketChannel connected = tcp;
        connections.add(unix);
        connections.add(connected);
        Runnable end = () -> {
            closeQuietly(unix);
            closeQuietly(connected);
            connections.remove(unix);
            connections.remove(connected);
        };
        if (closed) {
            end.run();
            return;
        }
        String name = file.getFileName().toString();
        daemon("portolan-ipc-in " + name, () -> copy(unix, connected, end)).start();
        daemon("portolan-ipc-out " + name, () -> copy(connected, unix, end)).start();
    }

    /** Writes what {@code from} gives to {@code to} as it comes; at its end or any failure, {@code end} closes both. */
    private static void copy(SocketChannel from, SocketChannel to, Runnable end) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES);
        try {
            while (from.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    to.write(buffer);
                }
                buffer.clear();
            }
        } catch (IOException e) {
            // A reset, or the other direction closed the pair: the connection is over either way.
        } finally {
            end.run();
        }
    }

    private void removeFiles() {
        for (Listening l : listening) {
            try {
                // Only the file this bridge made: a kernel started since (a restart) may have replaced it.
                Object key = Files.readAttributes(l.file(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                        .fileKey();
                if (Objects.equals(key, l.fileKey())) {
                    Files.delete(l.file());
                }
            } catch (NoSuchFileException e) {
                // Already gone (the client may clean up too).
            } catch (IOException e) {
                LOG.log(Level.FINE, "could not remove " + l.file(), e);
            }
        }
    }

    private static void closeQuietly(Closeable channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing " + channel, e);
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }
}
