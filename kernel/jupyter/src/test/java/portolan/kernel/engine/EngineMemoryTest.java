package portolan.kernel.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import portolan.kernel.core.ExecuteResult;

/**
 * A cell that runs out of heap ends with an OutOfMemoryError in that same cell, saying the limit
 * and how to raise it. When the user's variables still fill the heap afterwards, the worker is
 * replaced and that cell says the variables are gone; otherwise they stay. (A 256 MB heap, as
 * in the other engine tests: filling it takes a second or two.)
 */
@Timeout(120)
class EngineMemoryTest extends EngineTestBase {

    static String plain(ExecuteResult r) {
        return EngineRobustnessTest.plain(r);
    }

    /** Runs a cell that must end with an OutOfMemoryError. */
    private static ExecuteResult outOfMemory(String code, RecordingOutput out) {
        ExecuteResult r = run(code, out);
        assertEquals("java.lang.OutOfMemoryError", r.ename(), () -> plain(r));
        return r;
    }

    @Test
    void smallObjectsKeptInAVariableFillTheHeapAndTheWorkerIsReplacedInThatCell() {
        assertHeapFilledByAVariableEndsTheWorker("var hog2 = new ArrayList<Object>();\nfor (int i = 0; ; i++) hog2.add(new int[100]);");
    }

    @Test
    void largeArraysKeptInAVariableFillTheHeapAndTheWorkerIsReplacedInThatCell() {
        assertHeapFilledByAVariableEndsTheWorker("var hog = new ArrayList<long[]>();\nwhile (true) hog.add(new long[1 << 20]);");
    }

    private void assertHeapFilledByAVariableEndsTheWorker(String code) {
        ok("int keep = 99;");
        long pid = engine.workerPid();
        RecordingOutput out = new RecordingOutput();
        ExecuteResult r = outOfMemory("System.out.println(\"filling\");\n" + code, out);
        assertEquals("Java heap space", r.evalue());
        assertEquals("filling\n", out.stdout.toString());
        String text = plain(r);
        assertTrue(text.contains("MB the Java heap may use: nothing more could run in that Java process."), text);
        assertTrue(text.contains("PORTOLAN_WORKER_OPTS=\"-Xmx512m\""), text);
        assertTrue(text.contains("Your variables and definitions are gone; a fresh one has been started."), text);
        assertFalse(out.stderr.toString().contains("Exception in thread"), out.stderr::toString);
        assertNotEquals(pid, engine.workerPid());
        // The replacement was reported in the cell that ran out; the next cell starts clean, without a late note.
        RecordingOutput next = new RecordingOutput();
        ExecuteResult gone = run("keep", next);
        assertEquals("CompileError", gone.ename(), () -> plain(gone));
        assertEquals("", next.stderr.toString());
        assertEquals("2", ok("1 + 1").resultText());
    }

    /**
     * Each object kept comes with thirty dropped: every full collection frees a little, and the
     * JVM's own OutOfMemoryError would come only after hundreds of them (20 s here, minutes with a
     * 2 GB heap). The kernel's GC-overhead limit stops the cell first.
     */
    @Test
    void aCellThatOnlyCollectsGarbageIsStoppedByTheGcOverheadLimit() {
        long pid = engine.workerPid();
        ExecuteResult r = outOfMemory("var few = new ArrayList<int[]>();\nfor (int i = 0; ; i++) { few.add(new int[100]);"
                + " for (int g = 0; g < 30; g++) few.set(few.size() - 1, new int[100]); }", new RecordingOutput());
        assertEquals("GC overhead limit exceeded", r.evalue(), () -> plain(r));
        String text = plain(r);
        assertTrue(text.contains("Collecting garbage took over 90 % of the last 3 s, and the heap stayed full:"
                + " the kernel stopped the cell."), text);
        assertTrue(text.contains("Your variables and definitions are gone"), text);
        assertNotEquals(pid, engine.workerPid());
        assertEquals("2", ok("1 + 1").resultText());
    }

    @Test
    void whatTheCellAloneHeldIsFreedAndTheVariablesStay() {
        ok("int kept = 7;");
        long pid = engine.workerPid();
        ExecuteResult r = outOfMemory("{ var local = new ArrayList<Object>(); for (;;) local.add(new int[100]); }",
                new RecordingOutput());
        String text = plain(r);
        assertTrue(text.matches("(?s).*The Java heap may use at most \\d+ MB, and \\d+ MB of it are in use after the error;"
                + " your variables and definitions are kept\\..*"), text);
        assertTrue(text.contains("PORTOLAN_WORKER_OPTS=\"-Xmx512m\""), text);
        assertEquals(pid, engine.workerPid());
        assertEquals("7", ok("kept").resultText());
    }

    @Test
    void anArrayLargerThanJavaAllowsIsAnErrorWithoutAdviceOnTheHeap() {
        long pid = engine.workerPid();
        ExecuteResult r = outOfMemory("long[] huge = new long[Integer.MAX_VALUE];", new RecordingOutput());
        assertEquals("Requested array size exceeds VM limit", r.evalue());
        assertFalse(plain(r).contains("PORTOLAN_WORKER_OPTS"), () -> plain(r));
        assertEquals(pid, engine.workerPid());
    }

    @Test
    void aThreadThatRunsOutOfMemoryIsReportedInItsCell() {
        long pid = engine.workerPid();
        RecordingOutput out = ok("""
                Thread filler = new Thread(() -> { var l = new ArrayList<Object>(); for (;;) l.add(new int[100]); }, "filler");
                filler.start();
                filler.join();
                """);
        assertTrue(out.stderr.toString().startsWith("Exception in thread \"filler\" java.lang.OutOfMemoryError: Java heap space"),
                out.stderr::toString);
        assertEquals(pid, engine.workerPid());
        assertEquals("3", ok("1 + 2").resultText());
    }
}
