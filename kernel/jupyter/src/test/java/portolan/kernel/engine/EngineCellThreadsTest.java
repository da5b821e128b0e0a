package portolan.kernel.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import portolan.kernel.core.ExecuteResult;

/**
 * Threads a cell starts: whatever they throw and nobody catches is printed into that cell, as a
 * Java program prints it ("Exception in thread ..."), on every JDK. The threads are joined in the
 * same snippet, so the exception happens while the snippet runs (JDK 17's engine swaps the default
 * handler for one that drops them then; JDK 25's engine puts them in a group that drops them).
 */
@Timeout(60)
class EngineCellThreadsTest extends EngineTestBase {

    private static String stderrOf(String code) {
        RecordingOutput out = new RecordingOutput();
        ExecuteResult r = run(code, out);
        assertTrue(r.ok(), () -> code + " failed: " + r + " stderr: " + out.stderr);
        return out.stderr.toString();
    }

    @Test
    void aRuntimeExceptionInAThreadIsShownInTheCell() {
        String err = stderrOf("{ Thread t = new Thread(() -> { throw new IllegalStateException(\"x\"); }, \"worker-a\");"
                + " t.start(); t.join(); }");
        assertTrue(err.startsWith("Exception in thread \"worker-a\" java.lang.IllegalStateException: x\n"), err);
        assertTrue(err.contains("    at cell (lambda)(line 1)\n"), "the lambda's frame in cell lines: " + err);
    }

    @Test
    void aThreadsTraceNamesTheCellLinesOfTheMethodsItRan() {
        ok("void boom(int n) {\n    if (n == 0) throw new IllegalStateException(\"deep\");\n    boom(n - 1);\n}");
        String err = stderrOf("{ Thread t = new Thread(() -> boom(2), \"worker-f\");\nt.start(); t.join(); }");
        assertTrue(err.contains("    at boom(cell [" + (count - 1) + "], line 2)\n    at boom(cell [" + (count - 1)
                + "], line 3)\n    ... the line above repeats 1 more time\n    at cell (lambda)(line 1)\n"), err);
        assertFalse(err.contains("$JShell$"), err);
        assertFalse(err.contains("\u001b["), "no colour codes in a stream: " + err);
    }

    @Test
    void anErrorInAThreadIsShownInTheCell() {
        String err = stderrOf("{ Thread t = new Thread(() -> { throw new Error(\"plain error\"); }, \"worker-b\");"
                + " t.start(); t.join(); }");
        assertTrue(err.startsWith("Exception in thread \"worker-b\" java.lang.Error: plain error\n"), err);
    }

    @Test
    void aStackOverflowInAThreadIsShownInTheCell() {
        ok("int sink(int n) { return sink(n + 1) + 1; }");
        String err = stderrOf("{ Thread t = new Thread(() -> sink(0), \"worker-c\"); t.start(); t.join(); }");
        assertTrue(err.startsWith("Exception in thread \"worker-c\" java.lang.StackOverflowError\n"),
                () -> err.substring(0, Math.min(err.length(), 300)));
    }

    @Test
    void anExceptionInAThreadOfAnEarlierCellGoesToThatCell() throws Exception {
        RecordingOutput first = new RecordingOutput();
        assertTrue(run("""
                var release = new java.util.concurrent.CountDownLatch(1);
                Thread late = new Thread(() -> {
                    try { release.await(); } catch (InterruptedException e) { }
                    throw new UnsupportedOperationException("late");
                }, "worker-d");
                late.start();
                """, first).ok());
        RecordingOutput second = new RecordingOutput();
        assertTrue(run("{ release.countDown(); late.join(); }", second).ok());
        assertEquals("", second.stderr.toString());
        for (int i = 0; i < 100 && !first.stderr.toString().contains("late"); i++) {
            Thread.sleep(20); // output of a finished cell's thread arrives within the flush period
        }
        assertTrue(first.stderr.toString().startsWith("Exception in thread \"worker-d\" java.lang.UnsupportedOperationException: late"),
                first.stderr::toString);
    }

    @Test
    void systemExitInAThreadEndsOnlyThatThreadAndSaysSo() {
        ok("int stillHere = 3;");
        String err = stderrOf("{ Thread t = new Thread(() -> System.exit(7), \"worker-e\"); t.start(); t.join(); }");
        assertTrue(err.startsWith("System.exit(7) was called in thread \"worker-e\": that thread ended;"), err);
        assertEquals("3", ok("stillHere").resultText());
    }

    /** JDK 17 keeps every thread group for good: a snippet's group must not keep its value (4 × 100 MB of a 256 MB heap). */
    @Test
    void theGroupOfASnippetDoesNotKeepItsValue() {
        for (int i = 0; i < 4; i++) {
            ok("var big = new byte[100 << 20];");
            ok("big = null;");
        }
    }

    @Test
    void theStopOfAnInterruptIsNotReportedAsAnException() throws Exception {
        RecordingOutput out = new RecordingOutput();
        var cell = java.util.concurrent.CompletableFuture.supplyAsync(() -> run(
                "{ Thread t = new Thread(() -> { while (true) { } }, \"spinner\"); t.start(); t.join(); }", out));
        Thread.sleep(700);
        assertFalse(cell.isDone());
        engine.interrupt();
        ExecuteResult r = cell.get();
        assertEquals("Interrupted", r.ename(), r::toString);
        assertEquals("", out.stderr.toString());
    }
}
