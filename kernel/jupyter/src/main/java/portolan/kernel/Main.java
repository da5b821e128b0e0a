package portolan.kernel;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import portolan.kernel.engine.WorkerCache;
import portolan.kernel.jshell.WorkerMain;
import portolan.kernel.protocol.Signer;

/**
 * The entry point of {@code portolan.jar}. The first argument chooses what to do: a path to an
 * existing {@code .json} file starts the Jupyter kernel with that connection file (the form the
 * kernelspec's {@code argv} uses); other subcommands get their own words.
 */
public final class Main {

    private static final String USAGE = """
            usage: java -jar portolan.jar <connection_file.json>
                     start the Jupyter kernel with a connection file written by Jupyter
                     (Jupyter runs this itself; see the kernelspec's argv)
                   java -jar portolan.jar kernel <connection_file.json>
                     the same, spelled out
                   java -jar portolan.jar run NOTEBOOK [--output FILE] [--timeout SECONDS] [--allow-errors]
                     execute a notebook headless and write its outputs (no Python needed)
                   java -jar portolan.jar grade <release|validate|autograde|feedback|gradebook> ...
                     nbgrader-compatible grading of Java notebooks ('grade help' for details)
                   java -jar portolan.jar prepare-worker
                     write the worker's ahead-of-time cache beside the jar (JDK 25+; install.sh does it)
                   java -jar portolan.jar help
                     print this text""";

    /** The command the kernel starts its worker JVM with ({@code java -jar portolan.jar worker}). */
    public static final String WORKER = "worker";

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals(WORKER)) {
            WorkerMain.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        System.exit(run(args, System.err));
    }

    /** Runs the command in {@code args}; returns the process exit status. */
    static int run(String[] args, PrintStream err) {
        if (args.length == 0) {
            err.println("portolan: no command given.");
            err.println(USAGE);
            return 2;
        }
        String first = args[0];
        if (first.equals("help") || first.equals("--help") || first.equals("-h")) {
            err.println(USAGE);
            return 0;
        }
        if (first.equals("prepare-worker")) {
            try {
                Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                return WorkerCache.prepare(jar, System.out);
            } catch (java.net.URISyntaxException | RuntimeException e) {
                err.println("portolan prepare-worker: cannot tell where the kernel's jar is (" + e + ")");
                return 1;
            }
        }
        if (portolan.Cli.COMMANDS.contains(first)) {
            return portolan.Cli.dispatch(args);
        }
        if (first.equals("kernel")) {
            if (args.length != 2) {
                err.println("portolan kernel: expected exactly one connection file, got " + (args.length - 1)
                        + " arguments.");
                err.println(USAGE);
                return 2;
            }
            return kernel(Path.of(args[1]), err);
        }
        if (first.toLowerCase(Locale.ROOT).endsWith(".json")) {
            if (args.length != 1) {
                err.println("portolan: a connection file is the only argument in kernel mode, got "
                        + args.length + " arguments.");
                return 2;
            }
            return kernel(Path.of(first), err);
        }
        err.println("portolan: unknown command '" + first + "'.");
        err.println(USAGE);
        return 2;
    }

    private static int kernel(Path connectionFile, PrintStream err) {
        if (!Files.isRegularFile(connectionFile)) {
            err.println("portolan: the connection file " + connectionFile + " does not exist. Jupyter writes it "
                    + "and passes its path; to start the kernel by hand, use 'jupyter console --kernel portolan'.");
            return 1;
        }
        // The worker JVM is what the first cell waits for: it starts before anything else here.
        var engine = KernelProcess.startEngine();
        Signer.prepareInBackground();
        quietLogging();
        // The kernel talks only through its sockets; stray prints must not reach the launcher's stdout.
        System.setOut(System.err);
        return KernelProcess.run(connectionFile, err, engine);
    }

    /** Warnings and errors only, one line each, to stderr. */
    private static void quietLogging() {
        System.setProperty("java.util.logging.SimpleFormatter.format", "portolan %4$s %3$s: %5$s%6$s%n");
        Logger root = Logger.getLogger("");
        for (var handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        ConsoleHandler handler = new ConsoleHandler();
        handler.setFormatter(new SimpleFormatter());
        handler.setLevel(Level.WARNING);
        root.addHandler(handler);
        root.setLevel(Level.WARNING);
    }
}
