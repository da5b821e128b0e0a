package portolan.kernel.engine;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import portolan.kernel.core.Interpreter;
import portolan.kernel.jshell.WorkerMain;

/**
 * The Java execution engine: an {@link Interpreter} whose user code runs in a separate worker
 * JVM (JShell, local engine), so that {@code System.exit}, a crash or a runaway thread can at
 * worst end the worker, which is then replaced.
 */
public final class Engine {

    /**
     * How to start workers.
     *
     * @param java         the java launcher (default: the one running the kernel)
     * @param classPath    the worker's class path (default: the kernel's)
     * @param heapMegabytes the worker's maximum heap; 0 picks a quarter of the RAM, at most 2 GiB
     * @param stopGraceMillis how long an interrupted cell may take to stop before its worker is replaced
     * @param extraOptions further JVM options, e.g. from the kernelspec
     */
    public record Options(String java, String classPath, int heapMegabytes, long stopGraceMillis,
                          List<String> extraOptions) {

        /** The default grace period after an interrupt. */
        public static final long STOP_GRACE_MILLIS = 800;

        public Options {
            extraOptions = List.copyOf(extraOptions);
        }

        public static Options defaults() {
            return new Options(thisJava(), System.getProperty("java.class.path"), 0, STOP_GRACE_MILLIS,
                    userOptions(System.getenv(OPTIONS_VARIABLE)));
        }

        /** The environment variable whose JVM options (split at white space) are added to the worker's. */
        public static final String OPTIONS_VARIABLE = "PORTOLAN_WORKER_OPTS";

        /** JVM options written in {@link #OPTIONS_VARIABLE}, e.g. {@code "-Xmx4g -XX:TieredStopAtLevel=4"}. */
        static List<String> userOptions(String value) {
            if (value == null || value.isBlank()) {
                return List.of();
            }
            return List.of(value.trim().split("\\s+"));
        }

        public Options withHeapMegabytes(int megabytes) {
            return new Options(java, classPath, megabytes, stopGraceMillis, extraOptions);
        }

        public Options withStopGraceMillis(long millis) {
            return new Options(java, classPath, heapMegabytes, millis, extraOptions);
        }

        public Options withClassPath(String path) {
            return new Options(java, path, heapMegabytes, stopGraceMillis, extraOptions);
        }
    }

    /** The worker's initial heap and the least of it kept for new objects (see {@link #command}). */
    static final int INITIAL_HEAP_MEGABYTES = 40;
    static final int YOUNG_MEGABYTES = 16;

    private Engine() {
    }

    /** Starts a worker in the background and returns at once; calls wait until it is ready. */
    public static Interpreter launch() {
        return launch(Options.defaults());
    }

    public static WorkerInterpreter launch(Options options) {
        return new WorkerInterpreter(() -> command(options), options.stopGraceMillis());
    }

    /** The worker's command line (its port and secret come on its stdin). */
    static List<String> command(Options options) {
        return command(options, classDataSharing(options), List.of());
    }

    /**
     * The worker's command line with {@code cacheFlags} for class-data sharing and
     * {@code workerArguments} after the {@code worker} command (the jar form only).
     */
    static List<String> command(Options options, List<String> cacheFlags, List<String> workerArguments) {
        List<String> cmd = new ArrayList<>();
        cmd.add(options.java());
        int heap = options.heapMegabytes() > 0 ? options.heapMegabytes() : defaultHeapMegabytes();
        if (heap > 0) {
            cmd.add("-Xmx" + heap + "m");
        } else {
            cmd.add("-XX:MaxRAMPercentage=25");
        }
        // Assertions on (a failing assert fails the cell); deep recursion needs a big stack;
        // a small serial heap keeps an idle worker lean (a small initial heap measured ~100 MB
        // less idle RSS than the default one, with no slower cells). The young generation gets
        // a floor: on JDK 25 (unlike 17) Serial kept it at its initial size and grew the old one
        // instead, so with -Xms8m every javac run promoted its garbage (JDK 25: 900 young GCs
        // and 300 MB of old generation after 200 cells, against 100 GCs and 130 MB with this);
        // 16 MB holds a javac run's garbage as well as 24 MB did, with 8 MB less resident.
        if ((heap <= 0 || heap > INITIAL_HEAP_MEGABYTES * 2) && !setsMaximumHeap(options.extraOptions())) {
            cmd.add("-Xms" + INITIAL_HEAP_MEGABYTES + "m");
            cmd.add("-XX:NewSize=" + YOUNG_MEGABYTES + "m");
        }
        cmd.add("-ea");
        cmd.add("-Xss16m");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:-UsePerfData");
        // C1 only: on a small machine the worker starts with ~40 % less CPU, and javac stays quick.
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-Djava.awt.headless=true");
        boolean jar = isJar(options.classPath());
        if (!jar) {
            // JShell finds Javadoc only in the JDK's src.zip; SourceDocs adds the sandbox's and %maven's
            // sources through JShell's internals. The jar's manifest opens them (Add-Opens) without
            // this option, which turns off CDS's archived module graph (the worker boots ~30 ms later).
            cmd.add("--add-opens=jdk.jshell/jdk.jshell=ALL-UNNAMED");
            cmd.add("--add-opens=java.base/java.lang=ALL-UNNAMED"); // the sandbox's own carrier (RealThreads)
        }
        cmd.addAll(cacheFlags);
        cmd.addAll(options.extraOptions());
        if (jar) {
            cmd.add("-jar");
            cmd.add(options.classPath());
            cmd.add(portolan.kernel.Main.WORKER);
            cmd.addAll(workerArguments);
        } else {
            cmd.add("-cp");
            cmd.add(options.classPath());
            cmd.add(WorkerMain.class.getName());
        }
        return cmd;
    }

    /** Whether the class path is one jar file (the kernel's own, with its manifest). */
    private static boolean isJar(String classPath) {
        return classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator)
                && Files.isRegularFile(Path.of(classPath));
    }

    /** Whether the user's options bound the heap, which an initial size of ours could then exceed. */
    private static boolean setsMaximumHeap(List<String> extraOptions) {
        return extraOptions.stream().anyMatch(o -> o.startsWith("-Xmx") || o.startsWith("-XX:MaxHeapSize")
                || o.startsWith("-XX:MaxRAM"));
    }

    /**
     * Class-data sharing for the worker's own classes (JShell, javac, the kernel jar), which cuts
     * its start-up CPU by about a third. The archive lives in the user's cache, named after the
     * JDK and the jar's path, size and time, so a rebuilt jar or another JDK never reads a stale
     * one. JDK 19+ creates and refreshes it by itself; on JDK 17 the first worker writes it when
     * it exits and later ones use it. On JDK 25+, an ahead-of-time cache that install.sh wrote
     * beside the jar ({@link WorkerCache}) is used instead. Only for a jar class path started
     * with this JVM's java.
     */
    static List<String> classDataSharing(Options options) {
        try {
            Path jar = Path.of(options.classPath());
            boolean sameJava = options.java().equals(thisJava());
            if (!sameJava || !Files.isRegularFile(jar) || !jar.toString().endsWith(".jar")) {
                return List.of();
            }
            Path ahead = WorkerCache.file(jar);
            if (Runtime.version().feature() >= WorkerCache.FIRST_JDK && Files.isRegularFile(ahead)) {
                return List.of("-Xlog:cds*=off", "-Xlog:aot*=off", "-XX:AOTCache=" + ahead);
            }
            String cache = System.getenv("XDG_CACHE_HOME");
            Path dir = (cache != null && !cache.isEmpty() ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache"))
                    .resolve("portolan");
            Files.createDirectories(dir);
            String prefix = "worker-" + fileNamePart(Runtime.version().toString())
                    + "-" + Integer.toHexString(jar.toAbsolutePath().toString().hashCode()) + "-";
            String version = Files.size(jar) + "|" + Files.getLastModifiedTime(jar).toMillis();
            Path archive = dir.resolve(prefix + Integer.toHexString(version.hashCode()) + ".jsa");
            if (!Files.exists(archive)) {
                forgetOlderArchives(dir, prefix, archive); // a new build: its archive is made now
                keepNewest(dir, "worker-" + fileNamePart(Runtime.version().toString()) + "-", archive, ARCHIVES_KEPT);
            }
            List<String> flags = new ArrayList<>();
            flags.add("-Xlog:cds*=off");
            if (Runtime.version().feature() >= 19) {
                flags.add("-XX:+AutoCreateSharedArchive");
                flags.add("-XX:SharedArchiveFile=" + archive);
            } else if (Files.isRegularFile(archive)) {
                flags.add("-XX:SharedArchiveFile=" + archive);
            } else {
                flags.add("-XX:ArchiveClassesAtExit=" + archive);
            }
            return flags;
        } catch (IOException | RuntimeException e) {
            return List.of(); // no cache directory: start without sharing
        }
    }

    /**
     * Deletes the archives made for earlier builds of the same jar with the same JDK (tens of
     * megabytes each, never read again). A worker still running from one keeps its mapping.
     */
    static void forgetOlderArchives(Path dir, String prefix, Path current) {
        try (var old = Files.newDirectoryStream(dir, prefix + "*.jsa")) {
            for (Path p : old) {
                if (!p.equals(current)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Cleaning up is a courtesy; a worker starts without it.
        }
    }

    /** Archives kept per JDK, for as many kernel installs (each jar path has its own). */
    static final int ARCHIVES_KEPT = 4;

    /**
     * Keeps the {@code keep} most recently written archives starting with {@code prefix} (one JDK's,
     * for every jar path: installs in other places, and test installs, would otherwise pile up at
     * 15–40 MB each), {@code current} counting as the newest. An install whose archive goes makes it
     * again at its next start.
     */
    static void keepNewest(Path dir, String prefix, Path current, int keep) {
        List<Path> others = new ArrayList<>();
        try (var all = Files.newDirectoryStream(dir, prefix + "*.jsa")) {
            for (Path p : all) {
                if (!p.equals(current)) {
                    others.add(p);
                }
            }
            others.sort(java.util.Comparator.comparing((Path p) -> {
                try {
                    return Files.getLastModifiedTime(p).toMillis();
                } catch (IOException gone) {
                    return 0L;
                }
            }).reversed().thenComparing(Path::toString));
            for (Path p : others.subList(Math.min(others.size(), Math.max(0, keep - 1)), others.size())) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | RuntimeException e) {
            // Cleaning up is a courtesy; a worker starts without it.
        }
    }

    /**
     * The java launcher of the JDK running this process. (Not {@code ProcessHandle.info()}, which
     * also looks up the user's name: 20–50 ms in a JVM just started, before the worker could start.)
     */
    private static String thisJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** {@code text} with every character but letters, digits and dots replaced by {@code _}. */
    static String fileNamePart(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            b.append(c < 128 && (Character.isLetterOrDigit(c) || c == '.') ? c : '_');
        }
        return b.toString();
    }

    /**
     * A quarter of the machine's memory, at most 2 GiB; 0 when it cannot be read (Linux only).
     * (Plain stream reads and no regular expressions: this runs before the worker starts, in a JVM
     * just started, where the first use of the file and text APIs costs 10 ms.)
     */
    static int defaultHeapMegabytes() {
        byte[] head = new byte[64]; // "MemTotal:       24684508 kB" is the first line
        int n = 0;
        try (FileInputStream in = new FileInputStream("/proc/meminfo")) {
            for (int r; n < head.length && (r = in.read(head, n, head.length - n)) > 0; ) {
                n += r;
            }
        } catch (IOException | RuntimeException e) {
            return 0; // not Linux: let the JVM take a percentage
        }
        return Math.min(2048, memTotalMegabytes(head, n) / 4);
    }

    /** The MemTotal of the start of /proc/meminfo in MiB, or 0 if it does not start with it. */
    static int memTotalMegabytes(byte[] text, int length) {
        String label = "MemTotal:";
        if (length < label.length() || !new String(text, 0, label.length(), StandardCharsets.US_ASCII).equals(label)) {
            return 0;
        }
        long kib = 0;
        for (int i = label.length(); i < length && text[i] != '\n'; i++) {
            if (text[i] >= '0' && text[i] <= '9') {
                kib = kib * 10 + (text[i] - '0');
            }
        }
        return (int) Math.min(Integer.MAX_VALUE, kib / 1024);
    }
}
