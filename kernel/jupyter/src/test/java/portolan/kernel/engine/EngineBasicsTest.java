package portolan.kernel.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import portolan.kernel.core.ExecuteResult;

/** Values, several snippets per cell, compile errors and exceptions, through the Interpreter interface. */
@Timeout(60)
class EngineBasicsTest extends EngineTestBase {

    @Test
    void expressionValueBecomesTheResult() {
        RecordingOutput out = new RecordingOutput();
        ExecuteResult r = run("1 + 1", out);
        assertTrue(r.ok(), () -> r.toString());
        assertEquals("2", out.resultText());
    }

    @Test
    void severalSnippetsInOneCellAndOnlyTheLastValueIsShown() {
        RecordingOutput out = new RecordingOutput();
        ExecuteResult r = run("""
                import java.util.concurrent.atomic.*;
                int twice(int x) { return 2 * x; }
                class Box { int v = 20; }
                var a = new AtomicInteger(1);
                System.out.println("hello " + twice(a.get()));
                41;
                twice(new Box().v) + 1
                """, out);
        assertTrue(r.ok(), () -> r.toString());
        assertEquals("hello 2\n", out.stdout.toString());
        assertEquals(List.of("41"), List.of(out.resultText()));
        assertEquals(1, out.results.size());
    }

    @Test
    void aShownValueIsNotKeptAsAHiddenVariable() {
        RecordingOutput out = new RecordingOutput();
        assertTrue(run("40 + 2", out).ok());
        assertEquals("42", out.resultText());
        // JShell would keep the value as $N (N: the snippet's number) and import it into every later compile.
        for (int n = 1; n <= 100; n++) {
            ExecuteResult r = run("$" + n, new RecordingOutput());
            assertFalse(r.ok(), "$" + n + " still holds a value");
            assertEquals("CompileError", r.ename());
        }
        assertTrue(run("int kept = 40 + 2;", out).ok());
        RecordingOutput again = new RecordingOutput();
        assertTrue(run("kept", again).ok());
        assertEquals("42", again.resultText());
    }

    @Test
    void definitionsOutliveManyShownValues() {
        assertTrue(run("int harbour = 40;\nint dock(int x) { return x + harbour; }", new RecordingOutput()).ok());
        for (int i = 0; i < 30; i++) {
            RecordingOutput out = new RecordingOutput();
            assertTrue(run("dock(" + i + ")", out).ok());
            assertEquals(String.valueOf(40 + i), out.resultText());
        }
        RecordingOutput later = new RecordingOutput();
        assertTrue(run("int pier(int x) { return 2 * dock(x); }\npier(1) + harbour", later).ok(), later.toString());
        assertEquals("122", later.resultText());
    }

    @Test
    void redefinitionReplacesTheMethod() {
        RecordingOutput out = new RecordingOutput();
        assertTrue(run("String greet() { return \"hi\"; }", out).ok());
        assertTrue(run("String greet() { return \"hello\"; }\ngreet()", out).ok());
        assertEquals("\"hello\"", out.resultText());
    }

    @Test
    void statementsProduceNoResult() {
        RecordingOutput out = new RecordingOutput();
        assertTrue(run("int quiet = 5;\nSystem.out.print(quiet);", out).ok());
        assertEquals("5", out.stdout.toString());
        assertNull(out.resultText());
    }

    @Test
    void compileErrorNamesTheCellLineAndPutsACaretUnderTheColumn() {
        RecordingOutput out = new RecordingOutput();
        ExecuteResult r = run("int fine = 1;\n\nint bad = \"text\";", out);
        assertFalse(r.ok());
        assertEquals("CompileError", r.ename());
        assertTrue(r.evalue().contains("incompatible types"), r.evalue());
        String tb = String.join("\n", r.traceback());
        assertTrue(tb.contains("line 3"), tb);
        int codeLine = r.traceback().indexOf("    int bad = \"text\";");
        assertTrue(codeLine > 0, tb);
        String caret = r.traceback().get(codeLine + 1).replaceAll("\u001b\\[[0-9;]*m", "");
        assertEquals("    " + " ".repeat(10) + "^", caret);
    }

    @Test
    void theCaretCountsWideCharactersAsTwoColumns() {
        RecordingOutput out = new RecordingOutput();
        ExecuteResult r = run("String 항구 = \"x\"; int port = 항구;", out);
        assertFalse(r.ok());
        int codeLine = r.traceback().indexOf("    String 항구 = \"x\"; int port = 항구;");
        assertTrue(codeLine > 0, String.join("\n", r.traceback()));
        String caret = r.traceback().get(codeLine + 1).replaceAll("\u001b\\[[0-9;]*m", "");
        // "String 항구 = "x"; int port = " is 28 characters, two of them Hangul: 30 columns
        assertEquals("    " + " ".repeat(30) + "^", caret);
    }

    @Test
    void jshellsWrapperClassesAreNotNamed() {
        RecordingOutput out = new RecordingOutput();
        assertTrue(run("String s = null;\nclass Trouble extends RuntimeException { Trouble(String m) { super(m); } }", out).ok());
        ExecuteResult npe = run("s.length()", out);
        assertEquals("Cannot invoke \"String.length()\" because \"s\" is null", npe.evalue());
        ExecuteResult own = run("throw new Trouble(\"boom\");", out);
        assertEquals("Trouble", own.ename());
        ExecuteResult missing = run("var n = undefinedThing + 1;", out);
        String tb = String.join("\n", missing.traceback());
        assertTrue(tb.contains("symbol:   variable undefinedThing"), tb);
        assertFalse(tb.contains("location: class"), "JShell leaves the wrapper's name out of javac's location line: " + tb);
        assertFalse((tb + npe.evalue() + own.ename()).contains("$JShell$"));
    }

    @Test
    void aVariableResetByARedefinedClassIsNoted() {
        RecordingOutput out = new RecordingOutput();
        assertTrue(run("class Dock { }\nDock dock = new Dock();\nString kept = \"yes\";", out).ok());
        assertTrue(run("class Dock { int number; }", out).ok());
        assertTrue(out.stderr.toString().contains("Note: variable dock was reset to null, because class Dock changed;"
                + " run its declaration again to get its value back."), out.stderr.toString());
        assertFalse(out.stderr.toString().contains("kept"), out.stderr.toString());
        assertEquals("\"yes\"", run("kept", out).ok() ? out.resultText() : "failed");
        RecordingOutput again = new RecordingOutput();
        assertTrue(run("class Dock { int size; }\nDock dock = new Dock();", again).ok());
        assertEquals("", again.stderr.toString(), "a variable the same cell declares again needs no note");
    }

    @Test
    void exceptionShowsCausesAndCellRelativeFrames() {
        RecordingOutput out = new RecordingOutput();
        assertTrue(run("""
                void fail(int n) {
                    if (n > 0) {
                        throw new IllegalStateException("outer", new IllegalArgumentException("root cause"));
                    }
                }
                """, out).ok());
        ExecuteResult r = run("int x = 1;\n\nfail(x);", out);
        assertFalse(r.ok());
        assertEquals("java.lang.IllegalStateException", r.ename());
        assertEquals("outer", r.evalue());
        String tb = String.join("\n", r.traceback()).replaceAll("\u001b\\[[0-9;]*m", "");
        assertTrue(tb.contains("at fail(cell [" + (count - 1) + "], line 3)"), tb);
        assertTrue(tb.contains("at cell(line 3)"), tb);
        assertTrue(tb.contains("Caused by: java.lang.IllegalArgumentException: root cause"), tb);
        assertFalse(tb.contains("jdk.jshell"), tb);
        assertFalse(tb.contains("java.lang.reflect"), tb);
    }

    @Test
    void suppressedExceptionsAreShownUnderTheOneThatWasThrown() {
        RecordingOutput out = new RecordingOutput();
        ExecuteResult r = run("var closing = new IllegalStateException(\"closing failed\");\n"
                + "var thrown = new RuntimeException(\"outer\");\nthrown.addSuppressed(closing);\nthrow thrown;", out);
        assertFalse(r.ok());
        assertEquals("java.lang.RuntimeException", r.ename());
        String tb = String.join("\n", r.traceback()).replaceAll("\u001b\\[[0-9;]*m", "");
        // an exception's frames are where it was made: "outer" in line 2, "closing failed" in line 1
        assertTrue(tb.contains("java.lang.RuntimeException: outer\n    at cell(line 2)\n"
                + "    Suppressed: java.lang.IllegalStateException: closing failed\n        at cell(line 1)"), tb);
    }

    @Test
    void assertionsAreEnabled() {
        RecordingOutput out = new RecordingOutput();
        ExecuteResult r = run("assert 1 > 2 : \"math is broken\";", out);
        assertFalse(r.ok());
        assertEquals("java.lang.AssertionError", r.ename());
        assertEquals("math is broken", r.evalue());
    }

    @Test
    void unresolvedReferenceIsExplained() {
        RecordingOutput out = new RecordingOutput();
        assertTrue(run("int usesLater() { return later(); }", out).ok());
        assertTrue(out.stderr.toString().contains("later()"), out.stderr.toString());
        ExecuteResult r = run("usesLater()", out);
        assertFalse(r.ok());
        assertEquals("UnresolvedReference", r.ename());
        assertTrue(r.evalue().contains("method later()"), r.evalue());
    }
}
