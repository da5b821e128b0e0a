package portolan.kernel.engine;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The worker's ahead-of-time cache (JDK 25+, JEP 483/514/515): the classes of JShell, javac and
 * the kernel jar loaded and linked, with the method profiles of a start, written once at install
 * beside the jar. A worker started with it reaches its first result sooner than with the class-data
 * archive it would otherwise make for itself. It is made in two runs of the worker's own command
 * line: one that records what a start does ({@code worker --train}), one that assembles the cache.
 * A cache that a later JDK cannot use is ignored by the JVM; the worker then starts as without it.
 */
public final class WorkerCache {

    /** The first JDK with ahead-of-time caches made in this way. */
    static final int FIRST_JDK = 25;
    private static final long RUN_SECONDS = 300;

    private WorkerCache() {
    }

    /** Where the cache for {@code jar} and this JDK lives: beside the jar. */
    static Path file(Path jar) {
        return jar.toAbsolutePath().resolveSibling("worker-" + Engine.fileNamePart(Runtime.version().toString()) + ".aot");
    }

    /**
     * Writes the cache for {@code jar} with this JVM's java; returns the exit status (0 also when
     * this JDK has no such caches, after saying so).
     */
    public static int prepare(Path jar, PrintStream out) {
        if (Runtime.version().feature() < FIRST_JDK) {
            out.println("portolan prepare-worker: JDK " + Runtime.version().feature() + " has no ahead-of-time cache "
                    + "(JDK " + FIRST_JDK + "+); the worker keeps its own class-data archive in ~/.cache/portolan.");
            return 0;
        }
        if (!Files.isRegularFile(jar)) {
            out.println("portolan prepare-worker: " + jar + " is not the kernel's jar file.");
            return 1;
        }
        Path cache = file(jar);
        Path configuration = cache.resolveSibling(cache.getFileName() + "conf");
        Engine.Options options = Engine.Options.defaults().withClassPath(jar.toAbsolutePath().toString());
        try {
            Files.deleteIfExists(cache);
            List<String> quiet = List.of("-Xlog:cds*=off", "-Xlog:aot*=off");
            List<String> record = new ArrayList<>(quiet);
            record.addAll(List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + configuration));
            List<String> create = new ArrayList<>(quiet);
            create.addAll(List.of("-XX:AOTMode=create", "-XX:AOTConfiguration=" + configuration, "-XX:AOTCache=" + cache));
            if (run(Engine.command(options, record, List.of("--train")), out) != 0
                    || run(Engine.command(options, create, List.of()), out) != 0 || !Files.isRegularFile(cache)) {
                Files.deleteIfExists(cache);
                out.println("portolan prepare-worker: the ahead-of-time cache could not be made; the worker starts without it.");
                return 1;
            }
            return 0;
        } catch (IOException | InterruptedException e) {
            out.println("portolan prepare-worker: " + e.getMessage());
            return 1;
        } finally {
            try {
                Files.deleteIfExists(configuration);
            } catch (IOException e) {
                // Only a leftover file.
            }
        }
    }

    /** Runs {@code command}, its output kept in a file so that the time limit holds even if it hangs. */
    private static int run(List<String> command, PrintStream out) throws IOException, InterruptedException {
        Path log = Files.createTempFile("portolan-prepare-worker", ".log");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            p.getOutputStream().close();
            if (!p.waitFor(RUN_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                out.println("portolan prepare-worker: " + String.join(" ", command) + " did not finish in " + RUN_SECONDS + " s");
                return 1;
            }
            if (p.exitValue() != 0) {
                out.println("portolan prepare-worker: " + String.join(" ", command) + " failed (exit " + p.exitValue() + "):");
                out.print(Files.readString(log));
            }
            return p.exitValue();
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
