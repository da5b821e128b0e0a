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
        exitWithParent(System.getenv(PARENT_VARIABLE), engine, err);
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

    /** Set by jupyter_client to the pid of the process that started the kernel (as for ipykernel). */
    static final String PARENT_VARIABLE = "JPY_PARENT_PID";

    /**
     * Like ipykernel: when the process that started the kernel ends (a notebook server killed, a
     * crashed client), the kernel ends too, its worker with it, instead of living on unseen. A
     * kernel started by hand, or with pid 1 as its parent, is left alone.
     */
    static void exitWithParent(String parentPid, CompletableFuture<Interpreter> engine, PrintStream err) {
        if (parentPid == null || parentPid.isBlank()) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(parentPid.trim());
        } catch (NumberFormatException e) {
            err.println("portolan: ignoring " + PARENT_VARIABLE + "=" + parentPid + ", which is not a process id");
            return;
        }
        if (pid <= 1) {
            return;
        }
        java.util.Optional<ProcessHandle> parent = ProcessHandle.of(pid);
        CompletableFuture<?> gone = parent.isPresent() ? parent.get().onExit() : CompletableFuture.completedFuture(null);
        gone.thenRun(() -> {
            err.println("portolan: the process that started this kernel (pid " + pid + ") has ended; the kernel ends too");
            try {
                Interpreter.closeWithin(engine, EXIT_DEADLINE_MS);
            } catch (InterruptedException ignored) {
                // halting now is just as right
            }
            Runtime.getRuntime().halt(0);
        });
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
