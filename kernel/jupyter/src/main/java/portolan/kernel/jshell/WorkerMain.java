package portolan.kernel.jshell;

import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The entry point of the worker JVM, the process that runs user code so that the kernel
 * process never does. Started by the kernel as {@code java -jar portolan.jar worker}, which
 * writes one line to the worker's stdin: the port to connect back to on 127.0.0.1 and a
 * secret token the worker proves itself with in its {@code hello}. Then it reads requests
 * until the kernel goes away, and halts.
 *
 * <p>JShell runs on one thread ("portolan-jshell"); interrupts and input replies are handled
 * by the reading thread so they reach a cell that is busy.
 */
public final class WorkerMain {

    /** The exit status of a worker whose heap ran out (see {@link #giveUp} and {@link #die}). */
    private static final int HEAP_FULL_STATUS = 3;

    private WorkerMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("--train")) {
            train();
            return;
        }
        if (args.length != 0) {
            System.err.println("usage: java -jar portolan.jar worker (started by the Portolan kernel, not by hand)");
            System.exit(2);
        }
        PrintStream log = System.err;
        Thread.UncaughtExceptionHandler handler = WorkerMain::uncaught;
        Thread.setDefaultUncaughtExceptionHandler(handler);
        ThreadPoolExecutor jshellThread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "portolan-jshell");
                    t.setDaemon(true);
                    return t;
                });
        // JShell and javac take most of the start-up: they start at once, while this thread
        // connects to the kernel.
        Session.Shell[] shell = new Session.Shell[1];
        jshellThread.execute(() -> shell[0] = Session.Shell.start(log, handler));

        String[] portAndToken = readLine(System.in).split(" ");
        if (portAndToken.length != 2) {
            log.println("portolan worker: expected '<port> <token>' on stdin from the kernel");
            Runtime.getRuntime().halt(2);
        }
        String token = portAndToken[1];
        WorkerChannel channel = new WorkerChannel(Integer.parseInt(portAndToken[0]));
        JsonObject hello = WorkerProtocol.message(WorkerProtocol.HELLO);
        hello.addProperty("token", token);
        hello.addProperty("pid", ProcessHandle.current().pid());
        hello.addProperty("java", Runtime.version().toString());
        channel.send(hello);

        FullHeap.onExhausted((used, max, overhead) -> giveUp(channel, used, max, overhead));
        OutputRouter output = OutputRouter.install(channel);
        InputRouter input = InputRouter.install(channel, output);
        HistoryClient history = new HistoryClient(channel);
        CellOutput.init(channel, output);
        portolan.sandbox.sim.Progress.setListener(new SimulationProgress());
        CellOutput.setResultRenderer((value, typeName, text) -> {
            Renderers.Rendering r = Renderers.render(value, text);
            r.notes().forEach(note -> System.err.println("Note: " + note));
            return r.bundle();
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> exiting(channel, output), "portolan-exit-notice"));

        Session[] session = new Session[1];
        Assist[] assist = new Assist[1];
        jshellThread.execute(() -> {
            session[0] = new Session(shell[0], channel, output, input, history, log);
            assist[0] = new Assist(session[0].shell().sourceCodeAnalysis(), session[0].sourceDocs());
            channel.send(WorkerProtocol.message(WorkerProtocol.READY));
        });
        // Warming javac and the completion code makes the first cell quick, but a cell that is
        // already waiting goes first: it warms javac just as well.
        jshellThread.execute(() -> whenIdle(jshellThread, session[0].warmUpSteps()));

        while (true) {
            JsonObject m;
            try {
                m = channel.receive();
            } catch (IOException e) {
                m = null;
            } catch (OutOfMemoryError e) {
                die(log, "reading a request");
                return;
            }
            if (m == null) {
                Runtime.getRuntime().halt(0); // the kernel is gone: never outlive it
            }
            JsonObject request = m;
            try {
                FullHeap.retrying(() -> {
                    switch (WorkerProtocol.type(request)) {
                        case WorkerProtocol.EXECUTE -> jshellThread.execute(() -> {
                            Session.Cell cell = new Session.Cell(request.get("cell").getAsLong(),
                                    request.get("count").getAsInt(), request.get("silent").getAsBoolean(),
                                    request.get("allow_stdin").getAsBoolean());
                            respond(channel, request, () -> session[0].execute(cell, request.get("code").getAsString()),
                                    log);
                        });
                        case WorkerProtocol.EVALUATE -> jshellThread.execute(() -> respond(channel, request,
                                () -> session[0].evaluate(request.get("code").getAsString()), log));
                        case WorkerProtocol.COMPLETE -> jshellThread.execute(() -> respond(channel, request,
                                () -> assist[0].complete(request.get("code").getAsString(), request.get("cursor").getAsInt()), log));
                        case WorkerProtocol.INSPECT -> jshellThread.execute(() -> respond(channel, request,
                                () -> assist[0].inspect(request.get("code").getAsString(), request.get("cursor").getAsInt()), log));
                        case WorkerProtocol.IS_COMPLETE -> jshellThread.execute(() -> respond(channel, request,
                                () -> assist[0].isComplete(request.get("code").getAsString()), log));
                        case WorkerProtocol.INTERRUPT -> {
                            if (session[0] != null) {
                                session[0].interrupt();
                            }
                            channel.send(WorkerProtocol.message(WorkerProtocol.STOPPING));
                        }
                        case WorkerProtocol.INPUT_REPLY -> input.reply(request);
                        case WorkerProtocol.HISTORY_REPLY -> history.reply(request);
                        case WorkerProtocol.SHUTDOWN -> {
                            output.flush();
                            Runtime.getRuntime().halt(0);
                        }
                        default -> log.println("portolan worker: unknown request " + request);
                    }
                });
            } catch (OutOfMemoryError e) {
                die(log, "handling a " + WorkerProtocol.type(request) + " request");
            }
        }
    }

    /**
     * What a worker does when it starts and runs its first cells, without a kernel: the run
     * the ahead-of-time cache is recorded from (see {@code WorkerCache}).
     */
    private static void train() {
        Session.Shell started = Session.Shell.start(System.err, WorkerMain::uncaught);
        jdk.jshell.JShell shell = started.shell();
        for (String code : List.of("1 + 1", "int trainedCount = 40 + 2;", "String trainedName = \"harbour\";",
                "trainedName.length() + trainedCount", "List.of(3, 1, 2).stream().sorted().map(i -> i * 2).toList()",
                "record TrainedPort(int number) { }", "void trainedGreeting() { System.out.print(\"\"); }",
                "trainedGreeting();", "new Network(7).toString().length()")) {
            shell.eval(code);
        }
        jdk.jshell.SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        analysis.analyzeCompletion("Math.max(1, 2); int after = 1;");
        analysis.completionSuggestions("System.out.pri", 14, new int[1]);
        analysis.documentation("Math.max(", 9, false);
        shell.close();
        System.exit(0);
    }

    /**
     * Runs {@code steps} one after the other on the JShell thread, each only when no request
     * waits for that thread (until then it goes back behind the requests).
     */
    private static void whenIdle(ThreadPoolExecutor jshellThread, List<Runnable> steps) {
        if (steps.isEmpty()) {
            return;
        }
        jshellThread.execute(() -> {
            if (!jshellThread.getQueue().isEmpty()) {
                whenIdle(jshellThread, steps);
                return;
            }
            try {
                steps.get(0).run();
            } catch (RuntimeException e) {
                // Warming is optional; the real request will show what is wrong.
            }
            whenIdle(jshellThread, steps.subList(1, steps.size()));
        });
    }

    /**
     * Runs a request and sends its reply with the request's id; a failure becomes an error reply.
     * A reply that cannot be made or sent for want of memory ends the worker (see {@link #die}),
     * so the kernel never waits for it.
     */
    private static void respond(WorkerChannel channel, JsonObject request, Supplier<JsonObject> work, PrintStream log) {
        try {
            JsonObject reply;
            try {
                reply = work.get();
            } catch (Throwable e) {
                reply = failed(request, e);
            }
            reply.addProperty("t", WorkerProtocol.REPLY);
            reply.addProperty("id", request.get("id").getAsLong());
            JsonObject done = reply;
            FullHeap.retrying(() -> channel.send(done));
        } catch (OutOfMemoryError e) {
            die(log, "replying to a " + WorkerProtocol.type(request) + " request");
        } catch (RuntimeException kernelGone) {
            Runtime.getRuntime().halt(0);
        }
    }

    /** The error reply for a request whose handling threw {@code e} (outside user code). */
    private static JsonObject failed(JsonObject request, Throwable e) {
        if (e instanceof OutOfMemoryError) {
            FullHeap.State heap = FullHeap.assess(false);
            String message = e.getMessage() == null ? "" : e.getMessage();
            return Failures.outOfMemory(Failures.error(OutOfMemoryError.class.getName(), message, List.of(
                    Failures.BOLD_RED + OutOfMemoryError.class.getName() + Failures.RESET + ": " + message,
                    "The kernel's worker ran out of memory while handling " + WorkerProtocol.type(request) + ".")),
                    e.getMessage(), heap);
        }
        String doing = "The kernel's worker failed while handling " + WorkerProtocol.type(request) + ": " + e;
        return Failures.error("InternalError", "the kernel's worker failed: " + e, List.of(doing));
    }

    /**
     * The heap stays full after an OutOfMemoryError (see {@link FullHeap}): the kernel is told
     * with a message made in advance, and the worker ends; the kernel reports it in the running
     * cell and starts a fresh worker.
     */
    private static void giveUp(WorkerChannel channel, long usedMegabytes, long maxMegabytes, boolean overhead) {
        try {
            channel.sendHeapFull(usedMegabytes, maxMegabytes, overhead);
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            // The exit status and the JVM's last words tell the kernel what they can.
        }
        Runtime.getRuntime().halt(HEAP_FULL_STATUS);
    }

    /**
     * Ends the worker when it ran out of memory where no reply can say so: the kernel then tells
     * the running cell (or the next one) that the worker ended, and why, from these last words.
     */
    private static void die(PrintStream log, String doing) {
        try {
            log.println("portolan worker: java.lang.OutOfMemoryError while " + doing + "; the worker ends");
            log.flush();
        } catch (Throwable ignored) {
            // The exit status says enough.
        }
        Runtime.getRuntime().halt(HEAP_FULL_STATUS);
    }

    /** Exceptions nobody caught in threads that cells started: shown in that cell, as Java would. */
    private static void uncaught(Thread t, Throwable e) {
        if (e instanceof ThreadDeath) {
            return;
        }
        try {
            if (e instanceof ProgramExit exit) {
                System.err.println(exit.getMessage() + " in thread \"" + t.getName()
                        + "\": that thread ended; the kernel and your variables are still there.");
                return;
            }
            var describe = Session.uncaughtTrace;
            if (describe != null) {
                describe.apply(t, e).forEach(System.err::println);
            } else {
                System.err.print("Exception in thread \"" + t.getName() + "\" ");
                e.printStackTrace(System.err);
            }
        } catch (OutOfMemoryError | RuntimeException failed) {
            // Nothing more can be said about it; the JVM would print that the handler failed.
        }
    }

    /** Tells the kernel that user code called {@code System.exit} (or {@code Runtime.exit}). */
    private static void exiting(WorkerChannel channel, OutputRouter output) {
        try {
            output.flush();
            JsonObject m = WorkerProtocol.message(WorkerProtocol.EXITING);
            for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
                for (StackTraceElement f : e.getValue()) {
                    if (f.getClassName().equals("java.lang.Runtime") && f.getMethodName().equals("exit")) {
                        m.addProperty("thread", e.getKey().getName());
                    }
                }
            }
            channel.send(m);
        } catch (RuntimeException ignored) {
            // The kernel may already be gone.
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8).strip();
    }
}
