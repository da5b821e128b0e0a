package portolan.kernel.jshell;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import jdk.jshell.JShell;
import jdk.jshell.VarSnippet;

/**
 * IPython-style magics, handled in the worker before JShell sees the code. Line magics are the
 * cell's leading lines that start with {@code %}; a cell magic is a first line starting with
 * {@code %%} and applies to the rest of the cell. Magic lines are blanked, not removed, so the
 * line numbers in Java errors stay those of the cell.
 */
final class Magics {

    /** Every magic with a one-line description, in the order {@code %lsmagic} lists them. */
    static final Map<String, String> LINE = new LinkedHashMap<>();
    static final Map<String, String> CELL = new LinkedHashMap<>();

    static {
        LINE.put("lsmagic", "list the magics");
        LINE.put("classpath", "add jars, folders or dir/* (all jars of a folder) to the class path");
        LINE.put("jars", "the same as %classpath");
        LINE.put("maven", "add group:artifact:version with its dependencies (uses mvn and ~/.m2/settings.xml; -o: offline)");
        LINE.put("load", "run the Java code of a file, as if it were this cell");
        LINE.put("vars", "a table of the variables: name, type, value");
        LINE.put("imports", "the imports in effect");
        LINE.put("history", "the cells run so far: -n numbers, 1-4 a range, -g PATTERN search, -l N the last N, -o outputs");
        LINE.put("reset", "drop every variable, method, class and import (startup imports are restored)");
        CELL.put("time", "run the cell and print its wall-clock and CPU time");
        CELL.put("html", "show the cell as HTML");
        CELL.put("svg", "show the cell as an SVG image");
        CELL.put("markdown", "show the cell as Markdown");
    }

    private final JShell shell;
    private final Runnable reset;
    private final SourceDocs sourceDocs;
    private final HistoryClient history;

    Magics(JShell shell, Runnable reset, SourceDocs sourceDocs, HistoryClient history) {
        this.shell = shell;
        this.reset = reset;
        this.sourceDocs = sourceDocs;
        this.history = history;
    }

    /** Adds {@code jar} to the class path, and its {@code -sources.jar} (if beside it) to the Javadoc sources. */
    private boolean addJar(Path jar) {
        shell.addToClasspath(jar.toString());
        Path sources = SourceDocs.sourcesJarOf(jar);
        if (sources == null) {
            return false;
        }
        try {
            sourceDocs.addSourcesJar(sources);
            return true;
        } catch (IOException | RuntimeException unreadable) {
            System.err.println("(no Javadoc for " + jar.getFileName() + ": " + sources + " cannot be read: "
                    + unreadable.getMessage() + ")");
            return false;
        }
    }

    /** Every name as typed, {@code %name} and {@code %%name}, for completion. */
    static List<String> names() {
        List<String> all = new ArrayList<>();
        LINE.keySet().forEach(n -> all.add("%" + n));
        CELL.keySet().forEach(n -> all.add("%%" + n));
        return all;
    }

    /** Runs {@code code}: magics here, the Java rest through {@code java}. Returns the {@code done} message. */
    JsonObject run(Session.Cell cell, String code, BiFunction<Session.Cell, String, JsonObject> java) {
        String[] lines = code.split("\n", -1);
        int first = 0;
        while (first < lines.length && lines[first].isBlank()) {
            first++;
        }
        if (first < lines.length && lines[first].stripLeading().startsWith("%%")) {
            String head = lines[first].strip().substring(2);
            StringBuilder body = new StringBuilder();
            for (int i = first + 1; i < lines.length; i++) {
                body.append(lines[i]).append(i < lines.length - 1 ? "\n" : "");
            }
            return cellMagic(cell, head, body.toString(), java);
        }
        StringBuilder rest = new StringBuilder();
        boolean leading = true;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (leading && line.stripLeading().startsWith("%")) {
                JsonObject failed = lineMagic(cell, line.strip().substring(1), java);
                if (failed != null) {
                    return failed;
                }
                line = "";
            } else if (!line.isBlank()) {
                leading = false;
            }
            rest.append(line).append(i < lines.length - 1 ? "\n" : "");
        }
        return java.apply(cell, rest.toString());
    }

    private JsonObject cellMagic(Session.Cell cell, String head, String body,
            BiFunction<Session.Cell, String, JsonObject> java) {
        String name = head.split("\\s+", 2)[0];
        switch (name) {
            case "time" -> {
                long wall = System.nanoTime();
                long cpu = processCpuNanos();
                JsonObject done = java.apply(cell, body);
                double wallMs = (System.nanoTime() - wall) / 1e6;
                long cpuAfter = processCpuNanos();
                System.out.printf("Wall time: %.1f ms%s%n", wallMs, cpu < 0 || cpuAfter < 0 ? ""
                        : String.format(", CPU time: %.1f ms (whole worker process)", (cpuAfter - cpu) / 1e6));
                return done;
            }
            case "html" -> Display.display(Display.html(body));
            case "svg" -> Display.display(Display.svg(body));
            case "markdown" -> Display.display(Display.markdown(body));
            default -> {
                return unknown("%%" + name);
            }
        }
        return ok();
    }

    /** Runs one line magic; returns null when it worked, else the {@code done} error. */
    private JsonObject lineMagic(Session.Cell cell, String line, BiFunction<Session.Cell, String, JsonObject> java) {
        String[] parts = line.split("\\s+", 2);
        String name = parts[0];
        String args = parts.length > 1 ? parts[1].strip() : "";
        try {
            switch (name) {
                case "lsmagic" -> System.out.print(listing());
                case "classpath", "jars" -> addToClassPath(args);
                case "maven" -> {
                    List<Path> jars = MavenResolver.resolve(List.of(args.split("\\s+")));
                    int documented = 0;
                    for (Path jar : jars) {
                        documented += addJar(jar) ? 1 : 0;
                    }
                    System.out.println("Added " + jars.size() + " jar(s) to the class path: " + jars.stream()
                            .map(p -> p.getFileName().toString()).toList() + " (Javadoc from the sources of "
                            + documented + ")");
                }
                case "load" -> {
                    Path file = Path.of(args);
                    if (args.isEmpty() || !Files.isRegularFile(file)) {
                        return Failures.error("MagicError", "%load needs a file", List.of("%load: no such file: '"
                                + args + "' (relative paths start at " + Path.of("").toAbsolutePath() + ")"));
                    }
                    JsonObject done = java.apply(cell, Files.readString(file));
                    return done.get("ok").getAsBoolean() ? null : done;
                }
                case "vars" -> vars();
                case "history" -> System.out.print(history.history(cell.id, args));
                case "imports" -> shell.imports().forEach(i -> {
                    // The startup imports are one snippet: one statement per line.
                    for (String statement : i.source().strip().split("(?<=;)\\s+")) {
                        System.out.println(statement);
                    }
                });
                case "reset" -> {
                    reset.run();
                    System.out.println("The state was reset: every variable, method, class and import is gone"
                            + " (the startup imports are back).");
                }
                default -> {
                    return unknown("%" + name);
                }
            }
        } catch (IllegalArgumentException | IOException e) {
            return Failures.error("MagicError", e.getMessage(), List.of(Failures.BOLD_RED + "%" + name + Failures.RESET
                    + ": " + e.getMessage()));
        }
        return null;
    }

    private void addToClassPath(String args) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("say what to add, e.g. %classpath lib/foo.jar classes/ libs/*");
        }
        List<String> added = new ArrayList<>();
        for (String arg : args.split("\\s+")) {
            if (arg.endsWith("/*") || arg.equals("*")) {
                Path dir = Path.of(arg.substring(0, arg.length() - 1).isEmpty() ? "." : arg.substring(0, arg.length() - 1));
                if (!Files.isDirectory(dir)) {
                    throw new IllegalArgumentException("no such folder: " + dir.toAbsolutePath());
                }
                try (var files = Files.list(dir)) {
                    for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                        if (!jar.toString().endsWith("-sources.jar")) {
                            addJar(jar);
                            added.add(jar.toString());
                        }
                    }
                } catch (IOException e) {
                    throw new IllegalArgumentException("cannot list " + dir + ": " + e.getMessage());
                }
            } else {
                Path p = Path.of(arg);
                if (!Files.exists(p)) {
                    throw new IllegalArgumentException("no such jar or folder: " + p.toAbsolutePath());
                }
                addJar(p.toAbsolutePath());
                added.add(p.toString());
            }
        }
        System.out.println("Added to the class path: " + String.join(", ", added));
    }

    private void vars() {
        StringBuilder plain = new StringBuilder();
        StringBuilder html = new StringBuilder("<table><tr><th>name</th><th>type</th><th>value</th></tr>");
        for (VarSnippet v : shell.variables().toList()) {
            if (v.name().startsWith("$")) {
                continue;
            }
            String value = shorten(shell.varValue(v));
            String type = StartupImports.shorten(v.typeName());
            plain.append(v.name()).append(" : ").append(type).append(" = ").append(value).append('\n');
            html.append("<tr><td>").append(Javadoc.escape(v.name())).append("</td><td>")
                    .append(Javadoc.escape(type)).append("</td><td><code>").append(Javadoc.escape(value))
                    .append("</code></td></tr>");
        }
        html.append("</table>");
        if (plain.length() == 0) {
            System.out.println("No variables yet.");
            return;
        }
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put("text/plain", plain.toString().stripTrailing());
        bundle.put("text/html", html.toString());
        Display.display(new Object() {
            public Map<String, Object> toMimeBundle() {
                return bundle;
            }
        });
    }

    private static String shorten(String s) {
        String one = s == null ? "" : s.replace('\n', ' ');
        return one.length() > 80 ? one.substring(0, 77) + "..." : one;
    }

    static String listing() {
        StringBuilder out = new StringBuilder("Line magics (leading lines of a cell):\n");
        LINE.forEach((n, d) -> out.append(String.format("  %%%-10s %s%n", n, d)));
        out.append("Cell magics (first line of a cell):\n");
        CELL.forEach((n, d) -> out.append(String.format("  %%%%%-9s %s%n", n, d)));
        return out.toString();
    }

    private static JsonObject unknown(String magic) {
        return Failures.error("UnknownMagic", magic + " is not a magic", List.of(
                Failures.BOLD_RED + magic + Failures.RESET + " is not a magic. The magics are: "
                        + String.join(" ", names())));
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    private static JsonObject ok() {
        JsonObject done = WorkerProtocol.message(WorkerProtocol.DONE);
        done.addProperty("ok", true);
        return done;
    }
}
