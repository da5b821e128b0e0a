package portolan.kernel.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.JarURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The startup imports compile, each package has public classes, and no simple name is ambiguous. */
@Timeout(60)
class StartupImportsTest {

    @Test
    void everyStartupImportCompilesInJShell() {
        try (JShell shell = JShell.builder().executionEngine("local").build()) {
            shell.addToClasspath(System.getProperty("java.class.path"));
            for (String snippet : StartupImports.snippets()) {
                for (SnippetEvent e : shell.eval(snippet)) {
                    assertEquals(Snippet.Status.VALID, e.status(), snippet);
                }
            }
        }
    }

    @Test
    void theOneStartupSnippetImportsEveryPackageAndOutlivesACellImportingOneOfThemAgain() {
        try (JShell shell = JShell.builder().executionEngine("local").build()) {
            shell.addToClasspath(System.getProperty("java.class.path"));
            List<SnippetEvent> events = shell.eval(StartupImports.snippet());
            assertEquals(1, events.size(), events.toString());
            assertEquals(Snippet.Status.VALID, events.get(0).status());
            String uses = "List.of(new File(\"a\").getName(), Paths.get(\"b\").toString(), Duration.ofSeconds(3).toString(),"
                    + " BigInteger.TWO.toString(), Stream.of(\"c\").collect(Collectors.joining()),"
                    + " ((Function<String, String>) x -> x).apply(\"d\"), Network.class.getSimpleName(), TCP.name(),"
                    + " html(\"e\").getClass().getSimpleName())";
            String expected = "[a, b, PT3S, 2, c, d, Network, TCP, Rich]";
            assertEquals(expected, shell.eval(uses).get(0).value());
            for (String again : List.of("import java.util.*;", "import java.io.*;", "import portolan.sandbox.*;")) {
                assertEquals(Snippet.Status.VALID, shell.eval(again).get(0).status(), again);
            }
            List<SnippetEvent> after = shell.eval(uses);
            assertEquals(Snippet.Status.VALID, after.get(0).status(), after.toString());
            assertEquals(expected, after.get(0).value());
        }
    }

    @Test
    void shortenDropsOnlyStartupPackagesBeforeAClassName() {
        assertEquals("Map<String, List<Host>>", StartupImports.shorten("java.util.Map<String, java.util.List<portolan.sandbox.Host>>"));
        assertEquals("Function<Packet, Map.Entry<K, V>>",
                StartupImports.shorten("java.util.function.Function<portolan.sandbox.view.Packet, java.util.Map.Entry<K, V>>"));
        assertEquals("java.util.concurrent.Future<Path>", StartupImports.shorten("java.util.concurrent.Future<java.nio.file.Path>"));
        assertEquals("my.java.util.List", StartupImports.shorten("my.java.util.List"));
    }

    @Test
    void portForwardingProtocolNamesNeedNoImport() {
        try (JShell shell = JShell.builder().executionEngine("local").build()) {
            shell.addToClasspath(System.getProperty("java.class.path"));
            StartupImports.snippets().forEach(shell::eval);
            List<SnippetEvent> events = shell.eval("java.util.List.of(TCP, UDP, ICMP)");
            assertEquals(Snippet.Status.VALID, events.get(0).status(), events.toString());
            assertEquals("[TCP, UDP, ICMP]", events.get(0).value());
        }
    }

    @Test
    void noSimpleNameIsInTwoStartupPackagesEvenWithJavaNet() throws Exception {
        List<String> packages = new ArrayList<>(StartupImports.PACKAGES);
        packages.add("java.net");
        Map<String, String> owner = new TreeMap<>();
        for (String pkg : packages) {
            List<String> names = publicClasses(pkg);
            assertFalse(names.isEmpty(), pkg + " has no public classes: an import of it would not compile");
            for (String name : names) {
                String previous = owner.put(name, pkg);
                assertTrue(previous == null, name + " is in both " + previous + " and " + pkg);
            }
        }
        assertTrue(owner.containsKey("List") && owner.containsKey("URI"));
    }

    /** Simple names of the public top-level classes of a package (JDK image or class path). */
    static List<String> publicClasses(String pkg) throws IOException, URISyntaxException {
        List<String> files = new ArrayList<>();
        String dir = pkg.replace('.', '/');
        URL url = StartupImportsTest.class.getClassLoader().getResource(dir + "/");
        if (pkg.startsWith("java.")) {
            FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
            try (DirectoryStream<Path> modules = Files.newDirectoryStream(jrt.getPath("/packages", pkg))) {
                for (Path module : modules) {
                    try (DirectoryStream<Path> classes = Files.newDirectoryStream(
                            jrt.getPath("/modules", module.getFileName().toString(), dir))) {
                        classes.forEach(p -> files.add(p.getFileName().toString()));
                    }
                }
            }
        } else if (url != null && url.getProtocol().equals("file")) {
            try (DirectoryStream<Path> classes = Files.newDirectoryStream(Path.of(url.toURI()))) {
                classes.forEach(p -> files.add(p.getFileName().toString()));
            }
        } else if (url != null && url.getProtocol().equals("jar")) {
            try (JarFile jar = ((JarURLConnection) url.openConnection()).getJarFile()) {
                jar.stream().map(JarEntry::getName)
                        .filter(n -> n.startsWith(dir + "/") && n.indexOf('/', dir.length() + 1) < 0)
                        .forEach(n -> files.add(n.substring(dir.length() + 1)));
            }
        }
        List<String> names = new ArrayList<>();
        for (String file : files) {
            if (!file.endsWith(".class") || file.contains("$") || file.startsWith("package-info")
                    || file.startsWith("module-info")) {
                continue;
            }
            String name = file.substring(0, file.length() - ".class".length());
            try {
                Class<?> c = Class.forName(pkg + "." + name, false, StartupImportsTest.class.getClassLoader());
                if (Modifier.isPublic(c.getModifiers())) {
                    names.add(name);
                }
            } catch (ClassNotFoundException | LinkageError e) {
                // Not loadable here: not visible to cells either.
            }
        }
        return names;
    }
}
