package portolan.kernel.engine;

import com.google.gson.JsonObject;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import portolan.kernel.jshell.WorkerProtocol;

/**
 * One worker JVM as the kernel sees it: the process, the loopback connection it made back
 * (after proving it knows the token the kernel wrote to its stdin), the requests waiting for
 * a reply, and how it ended. Messages that are not replies go to an {@link Events} sink.
 */
final class WorkerProcess {

    /** What the worker sends besides replies; called on the reading thread, in order. */
    interface Events {
        void message(WorkerProcess worker, JsonObject message);

        /** Text the worker wrote straight to file descriptor 1 or 2 (the JVM itself, native code). */
        void rawOutput(WorkerProcess worker, String name, String text);

        void died(WorkerProcess worker, String reason);
    }

    /** Thrown to callers waiting on a worker that has ended; the message explains why. */
    static final class DiedException extends Exception {
        DiedException(String reason) {
            super(reason);
        }
    }

    private static final int TAIL = 8192;

    private final Process process;
    private final Events events;
    private final ServerSocket server;
    private final String token;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private final CompletableFuture<String> ended = new CompletableFuture<>();
    private final StringBuilder tail = new StringBuilder();
    private volatile DataOutputStream out;
    private volatile boolean exitNotice;
    private volatile JsonObject heapFull;
    private volatile String killReason;

    private WorkerProcess(Process process, ServerSocket server, String token, Events events) {
        this.process = process;
        this.server = server;
        this.token = token;
        this.events = events;
    }

    static WorkerProcess start(List<String> command, Events events) throws IOException {
        // The JVM boots while this one opens the socket and draws the secret; both then reach the
        // worker on its stdin, which it reads only once it is up.
        Process process = new ProcessBuilder(command).start();
        ServerSocket server;
        String token;
        try {
            server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            byte[] secret = new byte[24];
            new SecureRandom().nextBytes(secret);
            token = HexFormat.of().formatHex(secret);
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
        WorkerProcess w = new WorkerProcess(process, server, token, events);
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write((server.getLocalPort() + " " + token + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException ended) {
            // The worker died at once; onExit below reports why.
        }
        daemon("portolan-worker-stdout", () -> w.pump(process.getInputStream(), "stdout"));
        daemon("portolan-worker-stderr", () -> w.pump(process.getErrorStream(), "stderr"));
        daemon("portolan-worker-reader", w::readLoop);
        process.onExit().thenRun(w::onExit);
        return w;
    }

    private static void daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }

    long pid() {
        return process.pid();
    }

    /** The worker's {@link WorkerProtocol#HEAP_FULL} notice, if it ended because its heap stayed full. */
    JsonObject heapFull() {
        return heapFull;
    }

    boolean alive() {
        return process.isAlive() && !ended.isDone();
    }

    /** Waits until the worker has connected; fails with the reason if it ended first. */
    void awaitConnected(long timeoutMillis) throws DiedException {
        try {
            CompletableFuture.anyOf(connected, ended).get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            kill("it did not connect back to the kernel within " + timeoutMillis / 1000 + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DiedException("the kernel was interrupted while waiting for it to start");
        } catch (java.util.concurrent.ExecutionException e) {
            // Ended before connecting: reported below.
        }
        if (!connected.isDone() || ended.isDone()) {
            throw new DiedException(ended.getNow(null) == null ? "it did not start" : ended.getNow(null));
        }
    }

    /** Sends a request and returns the future of its reply (failed with DiedException if the worker ends). */
    CompletableFuture<JsonObject> request(JsonObject message) {
        long id = ids.incrementAndGet();
        message.addProperty("id", id);
        CompletableFuture<JsonObject> reply = new CompletableFuture<>();
        pending.put(id, reply);
        if (ended.isDone()) {
            reply.completeExceptionally(new DiedException(ended.getNow("it ended")));
        } else if (!send(message)) {
            reply.completeExceptionally(new DiedException(ended.getNow("it stopped answering")));
        }
        return reply;
    }

    /** Sends a message; false if the connection is gone. */
    boolean send(JsonObject message) {
        DataOutputStream o = out;
        if (o == null) {
            return false;
        }
        try {
            synchronized (o) {
                WorkerProtocol.write(o, message);
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Ends the worker at once; {@code reason} is what the waiting cell will be told. */
    void kill(String reason) {
        if (killReason == null) {
            killReason = reason;
        }
        process.destroyForcibly();
    }

    /** Reads the worker's messages: the hello first, then replies and events until the end. */
    private void readLoop() {
        try (ServerSocket s = server) {
            s.setSoTimeout(60_000);
            Socket socket;
            while (true) {
                try {
                    socket = s.accept();
                } catch (SocketTimeoutException e) {
                    kill("it did not connect back to the kernel within 60 s");
                    return;
                }
                socket.setTcpNoDelay(true);
                DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
                socket.setSoTimeout(10_000);
                JsonObject hello;
                try {
                    hello = WorkerProtocol.read(in);
                } catch (IOException | RuntimeException e) {
                    hello = null;
                }
                if (hello != null && WorkerProtocol.HELLO.equals(WorkerProtocol.type(hello))
                        && hello.has("token") && token.equals(hello.get("token").getAsString())) {
                    socket.setSoTimeout(0);
                    out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 1 << 16));
                    connected.complete(null);
                    readMessages(in);
                    return;
                }
                socket.close(); // not our worker: keep waiting for the real one
            }
        } catch (IOException e) {
            // The connection broke: the process is ending, onExit reports why.
        } finally {
            if (process.isAlive()) {
                try {
                    if (!process.waitFor(2, TimeUnit.SECONDS)) {
                        kill("it closed its connection to the kernel");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private void readMessages(DataInputStream in) throws IOException {
        JsonObject m;
        while ((m = WorkerProtocol.read(in)) != null) {
            String type = WorkerProtocol.type(m);
            if (WorkerProtocol.REPLY.equals(type)) {
                CompletableFuture<JsonObject> f = pending.remove(m.get("id").getAsLong());
                if (f != null) {
                    f.complete(m);
                }
            } else {
                if (WorkerProtocol.EXITING.equals(type)) {
                    exitNotice = true;
                } else if (WorkerProtocol.HEAP_FULL.equals(type)) {
                    heapFull = m;
                }
                try {
                    events.message(this, m);
                } catch (RuntimeException e) {
                    System.err.println("portolan: failed to handle a worker message: " + e);
                }
            }
        }
    }

    private void pump(InputStream stream, String name) {
        byte[] buf = new byte[8192];
        try (InputStream in = stream) {
            int n;
            while ((n = in.read(buf)) > 0) {
                String text = new String(buf, 0, n, StandardCharsets.UTF_8);
                synchronized (tail) {
                    tail.append(text);
                    if (tail.length() > TAIL) {
                        tail.delete(0, tail.length() - TAIL);
                    }
                }
                events.rawOutput(this, name, text);
            }
        } catch (IOException e) {
            // Process ended.
        }
    }

    private void onExit() {
        // Let the pumps drain what the JVM wrote last (an OutOfMemoryError or crash report).
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String text;
        synchronized (tail) {
            text = tail.toString();
        }
        String reason = killReason != null ? killReason
                : WorkerExit.explain(process.exitValue(), exitNotice, heapFull, text);
        ended.complete(reason);
        connected.completeExceptionally(new DiedException(reason));
        for (CompletableFuture<JsonObject> f : pending.values()) {
            f.completeExceptionally(new DiedException(reason));
        }
        pending.clear();
        events.died(this, reason);
    }
}
