package portolan.kernel.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import portolan.kernel.core.Completeness;
import portolan.kernel.core.Completion;
import portolan.kernel.core.ExecuteOptions;
import portolan.kernel.core.ExecuteResult;
import portolan.kernel.core.ExpressionValue;
import portolan.kernel.core.Inspection;

/** Completion, inspection, is_complete, user expressions, startup imports and class identity. */
@Timeout(60)
class EngineAssistTest extends EngineTestBase {

    @Test
    void completesMembersAfterADotWithTheReplacedRange() {
        String code = "int n = 1;\nSystem.out.pri";
        Completion c = engine.complete(code, code.length());
        assertTrue(c.matches().contains("println("), c.matches()::toString);
        assertEquals(code.length() - 3, c.cursorStart());
        assertEquals(code.length(), c.cursorEnd());
        assertEquals(c.matches().size(), c.matches().stream().distinct().count());
    }

    @Test
    void completesTypesKeywordsAndUserDefinitions() {
        engine.execute("int myCounter = 3;", new ExecuteOptions(1, false, true), new RecordingOutput());
        assertTrue(engine.complete("myCou", 5).matches().contains("myCounter"));
        assertTrue(engine.complete("StringBui", 9).matches().contains("StringBuilder"));
        Completion keyword = engine.complete("int k = 0;\nwhi", 14);
        assertTrue(keyword.matches().contains("while"), keyword.matches()::toString);
        assertEquals(11, keyword.cursorStart());
        assertTrue(engine.complete("import java.util.Arr", 20).matches().contains("ArrayList"));
    }

    @Test
    void cursorPositionsAreUtf16Indices() {
        String code = "int n = 1; \"😀\".isEm";
        Completion c = engine.complete(code, code.length());
        assertTrue(c.matches().contains("isEmpty()"), c.matches()::toString);
        assertEquals(code.length() - 4, c.cursorStart());
    }

    @Test
    void inspectGivesTheSignatureAsTextAndHtml() {
        Inspection i = engine.inspect("Math.max(1, 2)", 6, 0);
        assertTrue(i.found());
        String text = i.bundle().data().get("text/plain").getAsString();
        assertTrue(text.contains("int Math.max(int a, int b)"), text);
        assertTrue(i.bundle().data().get("text/html").getAsString().contains("<pre>"));
        assertFalse(engine.inspect("   ", 1, 0).found());
    }

    /** The sandbox's sources travel with the kernel, so its classes show their Javadoc on every JDK. */
    @Test
    void inspectSandboxClassesGivesTheirJavadoc() {
        Inspection network = engine.inspect("Network", 3, 0);
        assertTrue(network.found());
        String text = network.bundle().data().get("text/plain").getAsString();
        assertTrue(text.contains("portolan.sandbox.Network"), text);
        assertTrue(text.contains("A Network is one deterministic simulated internet: its hosts, routers, switches and links,"),
                text);
        String html = network.bundle().data().get("text/html").getAsString();
        assertTrue(html.contains("A Network is one deterministic simulated internet"), html);
        assertFalse(text.contains("No javadoc"), text);

        engine.execute("var inspectNet = new Network(1);", new ExecuteOptions(1, false, true), new RecordingOutput());
        String code = "inspectNet.homeRouter(\"x\")";
        Inspection method = engine.inspect(code, code.indexOf("homeRouter") + 3, 0);
        assertTrue(method.found());
        String methodText = method.bundle().data().get("text/plain").getAsString();
        assertTrue(methodText.contains("HomeRouter Network.homeRouter(String name)"), methodText);
        assertTrue(methodText.contains("A new home router (공유기): LAN 192.168.0.1/24 with DHCP"), methodText);
    }

    /**
     * The signature never needs the JDK's sources; the javadoc text does. The worker runs on this
     * test's JDK, so whether {@code lib/src.zip} is readable here decides which part is checked
     * (on this machine: JDK 25 has it, Debian's JDK 17 has a dangling link without openjdk-17-source).
     */
    @Test
    void inspectStringValueOfGivesHtmlJavadocOrSaysWhyNot() {
        Inspection i = engine.inspect("String.valueOf(3.5)", 9, 0);
        assertTrue(i.found());
        String text = i.bundle().data().get("text/plain").getAsString();
        String html = i.bundle().data().get("text/html").getAsString();
        assertTrue(text.contains("String String.valueOf(double d)"), text);
        assertTrue(html.contains("<pre>String String.valueOf(double d)</pre>"), html);
        boolean sources = java.nio.file.Files.isReadable(
                java.nio.file.Path.of(System.getProperty("java.home"), "lib", "src.zip"));
        if (sources) {
            assertTrue(html.contains("<dt>Returns</dt>") && html.contains("<code>double</code>"), html);
            assertTrue(text.contains("Returns:"), text);
        } else {
            assertTrue(text.contains("No javadoc: this JDK has no lib/src.zip"), text);
            assertTrue(html.contains("<i>(No javadoc"), html);
        }
    }

    @Test
    void isCompleteTellsCompleteIncompleteAndInvalid() {
        assertEquals(Completeness.COMPLETE, engine.isComplete("int x = 1;\nx + 1"));
        Completeness open = engine.isComplete("void f() {\n    if (true) {");
        assertEquals("incomplete", open.status());
        assertEquals("        ", open.indent());
        assertEquals("invalid", engine.isComplete("}").status());
    }

    @Test
    void userExpressionsHaveNoOutput() {
        ExpressionValue v = engine.evaluate("\"abc\".length() * 2");
        assertTrue(v.ok());
        assertEquals("6", v.value().data().get("text/plain").getAsString());
        ExpressionValue bad = engine.evaluate("undefinedThing + 1");
        assertFalse(bad.ok());
        assertEquals("CompileError", bad.ename());
    }

    @Test
    void startupImportsCompileAndJavaNetAddsNoAmbiguity() {
        RecordingOutput out = new RecordingOutput();
        ExecuteResult r = engine.execute("""
                import java.net.*;
                List<Path> paths = new ArrayList<>();
                Function<Duration, BigInteger> f = d -> BigInteger.valueOf(d.toMillis());
                Stream.of(new File("a"), new File("b")).count() + f.apply(Duration.ofSeconds(1)).longValue()
                    + URI.create("http://example.org/").getPort()
                """, new ExecuteOptions(2, false, true), out);
        assertTrue(r.ok(), () -> String.join("\n", r.traceback()));
        assertEquals("1001", out.resultText());
    }

    @Test
    void kernelClassesInCellsAreTheWorkersOwnClasses() {
        RecordingOutput out = new RecordingOutput();
        ExecuteResult r = engine.execute("""
                portolan.kernel.jshell.CellOutput.display(portolan.kernel.core.MimeBundle.text("shown"), null, false);
                portolan.kernel.jshell.CellOutput.class.getClassLoader() == ClassLoader.getSystemClassLoader()
                """, new ExecuteOptions(3, false, true), out);
        assertTrue(r.ok(), () -> String.join("\n", r.traceback()));
        assertEquals(2, out.results.size());
        assertEquals("shown", out.results.get(0).data().get("text/plain").getAsString());
        assertEquals("true", out.resultText());
    }
}
