package portolan.kernel.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import portolan.kernel.core.Completion;
import portolan.kernel.core.ExecuteResult;

/** Every magic, through the worker, plus completion of magic names. */
@Timeout(120)
class EngineMagicsTest extends EngineTestBase {

    @Test
    void lsmagicListsEveryMagic() {
        String listing = ok("%lsmagic").stdout.toString();
        for (String name : List.of("%lsmagic", "%classpath", "%jars", "%maven", "%load", "%vars", "%imports",
                "%reset", "%history", "%%time", "%%html", "%%svg", "%%markdown")) {
            assertTrue(listing.contains(name), name + " missing from " + listing);
        }
    }

    @Test
    void unknownMagicIsAClearErrorListingTheKnownOnes() {
        RecordingOutput out = new RecordingOutput();
        ExecuteResult r = run("%frobnicate now", out);
        assertFalse(r.ok());
        assertEquals("UnknownMagic", r.ename());
        assertTrue(String.join("\n", r.traceback()).contains("%lsmagic"), r.traceback()::toString);
        ExecuteResult cell = run("%%nope\nint x = 1;", new RecordingOutput());
        assertEquals("%%nope is not a magic", cell.evalue());
    }

    /** Compiles {@code class name} with a static method {@code answer()} returning {@code value}. */
    static Path compile(Path dir, String name, int value) throws Exception {
        Path src = dir.resolve("src");
        Files.createDirectories(src);
        Path file = src.resolve(name + ".java");
        Files.writeString(file, "package mylib; public class " + name + " { public static int answer() { return "
                + value + "; } }");
        Path classes = dir.resolve("classes");
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), file.toString());
        assertEquals(0, rc);
        return classes;
    }

    /** A jar with a -sources.jar beside it (as Maven lays them out) gets its Javadoc shown on inspection. */
    @Test
    void aSourcesJarBesideAJarGivesItsJavadoc(@TempDir Path dir) throws Exception {
        Path src = Files.createDirectories(dir.resolve("src/mylib"));
        String source = "package mylib;\n/** A Gamma greets in Korean: 안녕하세요. It has one method. */\n"
                + "public class Gamma { /** The greeting, always the same. */ public static String hi() { return \"hi\"; } }";
        Files.writeString(src.resolve("Gamma.java"), source);
        Path classes = dir.resolve("classes");
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
                src.resolve("Gamma.java").toString()));
        Path libs = Files.createDirectories(dir.resolve("repo"));
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(libs.resolve("gamma-1.0.jar")))) {
            jar.putNextEntry(new JarEntry("mylib/Gamma.class"));
            jar.write(Files.readAllBytes(classes.resolve("mylib/Gamma.class")));
            jar.closeEntry();
        }
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(libs.resolve("gamma-1.0-sources.jar")))) {
            jar.putNextEntry(new JarEntry("mylib/Gamma.java"));
            jar.write(source.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        assertEquals("\"hi\"", ok("%classpath " + libs.resolve("gamma-1.0.jar") + "\nmylib.Gamma.hi()").resultText());
        String code = "mylib.Gamma.hi()";
        String text = engine.inspect(code, code.indexOf("Gamma") + 2, 0).bundle().data().get("text/plain").getAsString();
        assertTrue(text.contains("A Gamma greets in Korean: 안녕하세요."), text);
        String method = engine.inspect(code, code.indexOf("hi(") + 1, 0).bundle().data().get("text/plain").getAsString();
        assertTrue(method.contains("The greeting, always the same."), method);
    }

    @Test
    void classpathAddsFoldersAndJarsAndRefusesMissingOnes(@TempDir Path dir) throws Exception {
        Path classes = compile(dir.resolve("a"), "Alpha", 7);
        RecordingOutput added = ok("%classpath " + classes + "\nmylib.Alpha.answer()");
        assertTrue(added.stdout.toString().contains("Added to the class path"), added.stdout::toString);
        assertEquals("7", added.resultText());

        Path betaClasses = compile(dir.resolve("b"), "Beta", 8);
        Path libs = Files.createDirectories(dir.resolve("libs"));
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(libs.resolve("beta.jar")))) {
            jar.putNextEntry(new JarEntry("mylib/Beta.class"));
            jar.write(Files.readAllBytes(betaClasses.resolve("mylib/Beta.class")));
            jar.closeEntry();
        }
        assertEquals("8", ok("%jars " + libs + "/*\nmylib.Beta.answer()").resultText());

        ExecuteResult missing = run("%classpath " + dir.resolve("nothing.jar"), new RecordingOutput());
        assertFalse(missing.ok());
        assertTrue(missing.evalue().contains("no such jar or folder"), missing::evalue);
    }

    @Test
    void mavenResolvesWithDependenciesAndFailsClearlyOffline() {
        Path cached = Path.of(System.getProperty("user.home"), ".m2", "repository", "com", "google", "code", "gson",
                "gson", "2.13.1", "gson-2.13.1.jar");
        assertTrue(Files.exists(cached), "this test needs " + cached + " in the local Maven repository");
        // Not offline: the artifact is cached, but the dependency plugin may not be yet on a fresh machine.
        RecordingOutput out = ok("%maven com.google.code.gson:gson:2.13.1");
        String said = out.stdout.toString();
        assertTrue(said.contains("gson-2.13.1.jar"), said);
        assertTrue(said.contains("error_prone_annotations"), "the transitive dependency is missing: " + said);
        // its -sources.jar is fetched too (Maven Central has it), so the classes show their Javadoc
        assertTrue(Files.exists(cached.resolveSibling("gson-2.13.1-sources.jar")), said);
        String gson = engine.inspect("com.google.gson.Gson", 17, 0).bundle().data().get("text/plain").getAsString();
        assertTrue(gson.contains("This is the main class for using Gson."), gson);

        ExecuteResult missing = run("%maven -o no.such.group:no-such-artifact:0.0.1", new RecordingOutput());
        assertFalse(missing.ok());
        assertTrue(missing.evalue().contains("Maven could not resolve no.such.group:no-such-artifact:0.0.1"),
                missing::evalue);
        assertTrue(missing.evalue().contains("offline"), missing::evalue);
        assertTrue(missing.evalue().contains("Maven said: ") && missing.evalue().contains("no-such-artifact"),
                missing::evalue);

        ExecuteResult bad = run("%maven gson", new RecordingOutput());
        assertTrue(bad.evalue().contains("is not group:artifact:version"), bad::evalue);
    }

    @Test
    void loadRunsAFileAndTheRestOfTheCell(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("defs.jsh");
        Files.writeString(file, "int loadedValue = 40;\nint plusTwo(int x) { return x + 2; }\n");
        assertEquals("42", ok("%load " + file + "\nplusTwo(loadedValue)").resultText());
        ExecuteResult missing = run("%load " + dir.resolve("absent.jsh"), new RecordingOutput());
        assertTrue(missing.evalue().contains("%load needs a file"), missing::evalue);
    }

    @Test
    void timePrintsWallAndCpuTimeAndKeepsTheResult() {
        RecordingOutput out = ok("%%time\nlong s = 0; for (int i = 0; i < 1000; i++) s += i;\ns");
        assertTrue(out.stdout.toString().matches("(?s)Wall time: [0-9.]+ ms, CPU time: [0-9.]+ ms.*\n"),
                out.stdout::toString);
        assertEquals("499500", out.resultText());
    }

    @Test
    void varsShowsATableAndImportsListsThem() {
        RecordingOutput vars = ok("int apples = 3; String fruit = \"pear\";\n");
        vars = ok("%vars");
        String html = vars.shown.get(0).bundle().data().get("text/html").getAsString();
        assertTrue(html.contains("<td>apples</td><td>int</td><td><code>3</code>"), html);
        assertTrue(vars.shown.get(0).bundle().data().get("text/plain").getAsString().contains("fruit : String = \"pear\""));
        String imports = ok("%imports").stdout.toString();
        assertTrue(imports.contains("import java.util.*;"), imports);
        assertTrue(imports.contains("import static portolan.kernel.jshell.Display.*;"), imports);
        assertTrue(imports.lines().allMatch(l -> l.startsWith("import ") && l.indexOf(';') == l.length() - 1), imports);
    }

    @Test
    void resetDropsTheStateAndSaysSo() {
        ok("int resetMe = 5;");
        assertTrue(ok("%reset").stdout.toString().contains("The state was reset"));
        ExecuteResult gone = run("resetMe", new RecordingOutput());
        assertFalse(gone.ok());
        assertEquals("[1, 2]", ok("List.of(1, 2)").resultText(), "the startup imports are back");
    }

    @Test
    void htmlSvgMarkdownCellsAreDisplayed() {
        assertEquals("<b>hi</b>\n", ok("%%html\n<b>hi</b>\n").shown.get(0).bundle().data().get("text/html").getAsString());
        assertTrue(ok("%%svg\n<svg xmlns='http://www.w3.org/2000/svg'></svg>").shown.get(0).bundle().data()
                .has("image/svg+xml"));
        assertEquals("# Hello", ok("%%markdown\n# Hello").shown.get(0).bundle().data().get("text/markdown").getAsString());
    }

    @Test
    void javaErrorsAfterMagicLinesKeepTheCellsLineNumbers() {
        RecordingOutput out = new RecordingOutput();
        ExecuteResult r = run("%imports\n\nint broken = \"text\";", out);
        assertFalse(r.ok());
        assertTrue(String.join("\n", r.traceback()).contains("line 3"), r.traceback()::toString);
    }

    @Test
    void historyIsAskedFromTheKernelAndBadArgumentsAreAMagicError() {
        RecordingOutput out = new RecordingOutput();
        out.history = args -> "history for [" + args + "]\n";
        assertTrue(run("%history -n 1-2\nint h = 1;", out).ok(), out.stderr::toString);
        assertEquals("history for [-n 1-2]\n", out.stdout.toString());

        RecordingOutput refused = new RecordingOutput();
        refused.history = args -> {
            throw new IllegalArgumentException("unknown option " + args);
        };
        ExecuteResult bad = run("%history -q", refused);
        assertEquals("MagicError", bad.ename());
        assertTrue(String.join("\n", bad.traceback()).contains("%history") && bad.evalue().contains("unknown option -q"),
                bad::toString);

        ExecuteResult none = run("%history", new RecordingOutput());
        assertTrue(!none.ok() && none.evalue().contains("no input history"), none::toString);
    }

    @Test
    void completionOffersMagicNames() {
        assertEquals(List.of("%history"), engine.complete("%hi", 3).matches());
        Completion c = engine.complete("%ls", 3);
        assertEquals(List.of("%lsmagic"), c.matches());
        assertEquals(0, c.cursorStart());
        Completion cell = engine.complete("%%t", 3);
        assertEquals(List.of("%%time"), cell.matches());
        Completion second = engine.complete("%imports\n%cl", 12);
        assertEquals(List.of("%classpath"), second.matches());
        assertEquals(9, second.cursorStart());
    }

}
