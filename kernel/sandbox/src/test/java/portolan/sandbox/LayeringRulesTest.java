package portolan.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Source-scanning rules for the sandbox's main code (src/main/java):
 * <ol>
 *   <li>Every import names a package exported by {@code java.base} or a {@code portolan.sandbox}
 *       package: the module depends on java.base only.</li>
 *   <li>Inside the sandbox, {@code sim}, {@code wire} and {@code text} import nothing from other sandbox
 *       packages (they are the bottom layers); {@code stack} may use only {@code wire}, {@code sim} and
 *       {@code text}.</li>
 *   <li>No wall clock and no unseeded or global randomness: {@code System.currentTimeMillis},
 *       {@code System.nanoTime}, {@code Instant.now}, {@code LocalDateTime.now}, {@code Clock.system},
 *       {@code new Random(}, {@code Math.random}, {@code ThreadLocalRandom}, {@code new SplittableRandom(},
 *       {@code Thread.sleep}. The one exception is {@code sim/Watchdog.java}, which may read
 *       {@code System.nanoTime} to bound real waiting (it never influences a simulated result).</li>
 * </ol>
 * Comments are stripped before scanning so that Javadoc may mention the forbidden calls.
 */
class LayeringRulesTest {
    private static final Path MAIN = Path.of("src", "main", "java");
    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(static\\s+)?([\\w.]+)(\\.\\*)?\\s*;", Pattern.MULTILINE);
    private static final List<String> FORBIDDEN = List.of("System.currentTimeMillis", "System.nanoTime", "Instant.now",
            "LocalDateTime.now", "LocalTime.now", "ZonedDateTime.now", "Clock.system", "new Random(", "Math.random",
            "ThreadLocalRandom", "new SplittableRandom(", "Thread.sleep", "SecureRandom");
    private static final Path WATCHDOG = Path.of("portolan", "sandbox", "sim", "Watchdog.java");

    private static List<Path> sources() {
        assertTrue(Files.isDirectory(MAIN), "run from the kernel/sandbox module directory; missing " + MAIN.toAbsolutePath());
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Replaces comments and the contents of string and char literals by blanks (keeping line
     * breaks), so the rules apply to code only: Javadoc and error messages may name forbidden calls.
     */
    static String code(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
                while (i < n && source.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                source.substring(i, end).chars().filter(ch -> ch == '\n').forEach(ch -> out.append('\n'));
                out.append(' ');
                i = end;
            } else if (c == '"' || c == '\'') {
                boolean textBlock = source.startsWith("\"\"\"", i);
                String close = textBlock ? "\"\"\"" : String.valueOf(c);
                int j = i + close.length();
                while (j < n && !source.startsWith(close, j)) {
                    j += source.charAt(j) == '\\' ? 2 : 1;
                }
                out.append(c).append(c);
                i = Math.min(n, j + close.length());
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static Set<String> javaBaseExports() {
        ModuleDescriptor base = ModuleLayer.boot().findModule("java.base").orElseThrow().getDescriptor();
        return base.exports().stream().filter(e -> !e.isQualified()).map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The sandbox package a source file belongs to, relative to portolan.sandbox ("" for the top). */
    private static String layer(Path file) {
        Path rel = MAIN.relativize(file).getParent();
        String pkg = rel.toString().replace(rel.getFileSystem().getSeparator(), ".");
        return pkg.equals("portolan.sandbox") ? "" : pkg.substring("portolan.sandbox.".length()).split("\\.")[0];
    }

    private static boolean allowedSandboxImport(String fromLayer, String imported) {
        String target = imported.equals("portolan.sandbox") ? "" : imported.substring("portolan.sandbox.".length()).split("\\.")[0];
        if (target.equals(fromLayer)) {
            return true;
        }
        switch (fromLayer) {
            case "sim":
            case "wire":
            case "text":
                return false;
            case "stack":
                return target.equals("wire") || target.equals("sim") || target.equals("text");
            default:
                return true; // apps and the public API may use the layers below them
        }
    }

    @Test
    void importsStayInsideJavaBaseAndTheLayering() {
        Set<String> exports = javaBaseExports();
        List<String> violations = new ArrayList<>();
        for (Path file : sources()) {
            Matcher m = IMPORT.matcher(code(read(file)));
            while (m.find()) {
                String name = m.group(2);
                boolean wildcard = m.group(3) != null;
                if (name.startsWith("portolan.sandbox.") || name.equals("portolan.sandbox")) {
                    if (!allowedSandboxImport(layer(file), name)) {
                        violations.add(file + ": layer '" + layer(file) + "' must not import " + name);
                    }
                } else if (!inJavaBase(name, wildcard, m.group(1) != null, exports)) {
                    violations.add(file + ": imports " + name + ", which is not in java.base");
                }
            }
        }
        assertEquals(List.of(), violations);
    }

    /** True if the import's package (the name itself for a wildcard, else a proper prefix) is exported by java.base. */
    private static boolean inJavaBase(String name, boolean wildcard, boolean isStatic, Set<String> exports) {
        String candidate = wildcard && !isStatic ? name : name.substring(0, Math.max(0, name.lastIndexOf('.')));
        while (!candidate.isEmpty()) { // nested types: java.util.Map.Entry -> java.util
            if (exports.contains(candidate)) {
                return true;
            }
            int dot = candidate.lastIndexOf('.');
            candidate = dot < 0 ? "" : candidate.substring(0, dot);
        }
        return false;
    }

    @Test
    void noWallClockAndNoUnseededRandomness() {
        List<String> violations = new ArrayList<>();
        for (Path file : sources()) {
            for (String forbidden : forbiddenUses(code(read(file)))) {
                boolean watchdogClock = forbidden.equals("System.nanoTime") && MAIN.relativize(file).equals(WATCHDOG);
                if (!watchdogClock) {
                    violations.add(file + " uses " + forbidden);
                }
            }
        }
        assertEquals(List.of(), violations);
    }

    private static List<String> forbiddenUses(String code) {
        return FORBIDDEN.stream().filter(code::contains).collect(Collectors.toList());
    }

    @Test
    void theRulesThemselvesCatchViolations() {
        assertEquals(List.of("System.nanoTime", "new Random("),
                forbiddenUses(code("long t = System.nanoTime(); var r = new Random(); // Math.random")));
        Set<String> exports = javaBaseExports();
        assertTrue(inJavaBase("java.util.Map.Entry", false, false, exports));
        assertTrue(inJavaBase("java.util.concurrent", true, false, exports));
        assertTrue(!inJavaBase("java.sql.Connection", false, false, exports), "java.sql is another module");
        assertTrue(!inJavaBase("com.google.gson.Gson", false, false, exports));
        assertTrue(!allowedSandboxImport("sim", "portolan.sandbox.stack.Nic"));
        assertTrue(allowedSandboxImport("stack", "portolan.sandbox.sim.Simulator"));
        assertTrue(!allowedSandboxImport("wire", "portolan.sandbox.sim.Simulator"));
        assertTrue(allowedSandboxImport("stack", "portolan.sandbox.text.Table"));
        assertTrue(!allowedSandboxImport("text", "portolan.sandbox.wire.Ipv4Address"));
        assertTrue(!allowedSandboxImport("stack", "portolan.sandbox.view.HtmlTable"));
        assertEquals(" x\ny", code("/* System.nanoTime */x// Math.random\ny"));
        assertEquals("a(\"\", '')", code("a(\"Thread.sleep // not a comment\", '\\'')"));
    }
}
