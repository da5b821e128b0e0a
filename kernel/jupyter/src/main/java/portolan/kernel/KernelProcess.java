package portolan.kernel;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import portolan.kernel.core.History;
import portolan.kernel.core.Interpreter;
import portolan.kernel.core.KernelCore;
import portolan.kernel.engine.Engine;
import portolan.kernel.protocol.Session;
import portolan.kernel.transport.ConnectionInfo;
import portolan.kernel.transport.ZmqServer;

/**
 * The kernel as an operating-system process: binds the sockets of the connection file first
 * (so requests sent during start-up wait in them), starts the core, and when a
 * {@code shutdown_request} has been answered, exits promptly even if user threads are still
 * running, also for a restart (the client starts a new process).
 */
final class KernelProcess {

    /** The longest the process lives after the shutdown reply was queued. */
    private static final long EXIT_DEADLINE_MS = 400;

    private KernelProcess() {
    }

    /**
     * Runs the kernel until shutdown. {@code engine} is the worker JVM, started first thing (see
     * {@link #startEngine()}): it boots on the other core while this one binds the sockets and
     * reads the history.
     */
    static int run(Path connectionFile, PrintStream err, CompletableFuture<Interpreter> engine) {
        ConnectionInfo info;
        ZmqServer server;
        try {
            info = ConnectionInfo.read(connectionFile);
            server = new ZmqServer(info);
        } catch (IOException | IllegalArgumentException e) {
            err.println("portolan: " + e.getMessage());
            engine.thenAccept(Interpreter::close);
            return 1;
        }
        KernelCore core = new KernelCore(server, Session.create(), History.open(History.defaultFile()),
                engine::join);
        core.start();
        try {
            core.awaitShutdown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Whatever still runs (user threads, a stuck engine), the process is gone within the deadline.
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(EXIT_DEADLINE_MS);
            } catch (InterruptedException ignored) {
                // Halting now is just as right.
            }
            Runtime.getRuntime().halt(0);
        }, "portolan-exit-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        core.close();
        server.close();
        Runtime.getRuntime().halt(0);
        return 0;
    }

    /**
     * Where the execution engine comes from: a worker JVM running JShell, launched on a thread of
     * its own ({@link Engine#launch()} spawns the process and returns; requests that need the
     * engine wait for it to connect, {@code kernel_info} does not).
     */
    static CompletableFuture<Interpreter> startEngine() {
        CompletableFuture<Interpreter> engine = new CompletableFuture<>();
        Thread launcher = new Thread(() -> {
            try {
                engine.complete(Engine.launch());
            } catch (RuntimeException | Error e) {
                engine.completeExceptionally(e);
            }
        }, "portolan-engine-launch");
        launcher.setDaemon(true);
        launcher.start();
        return engine;
    }
}
