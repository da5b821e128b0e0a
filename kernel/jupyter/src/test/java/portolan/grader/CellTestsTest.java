package portolan.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import portolan.grader.CellTests.Result;
import portolan.notebook.CellOutputs;
import portolan.notebook.CellRun;

/** CellTests in this JVM, on the test classes of {@link JunitCellSamples}. */
class CellTestsTest {

    @Test
    void resultsCarryStatusPointsAndMessages() {
        List<Result> results = CellTests.execute(JunitCellSamples.Square.class);
        assertEquals(3, results.size(), results.toString());
        Result positive = results.stream().filter(r -> r.name().endsWith("positive()")).findFirst().orElseThrow();
        assertEquals("passed", positive.status());
        assertEquals(2.0, positive.points());
        assertEquals("Square.positive()", positive.name());
        Result negative = results.stream().filter(r -> r.name().endsWith("negative()")).findFirst().orElseThrow();
        assertEquals("failed", negative.status());
        assertEquals("AssertionFailedError: square(-3) ==> expected: <9> but was: <10>", negative.message());
        Result lab = results.stream().filter(r -> r.name().endsWith("onlyInTheLab()")).findFirst().orElseThrow();
        assertEquals("aborted", lab.status());
        assertEquals("TestAbortedException: Assumption failed: needs the lab's database", lab.message());
    }

    @Test
    void aClassThatCannotStartFailsItsTests() {
        List<Result> results = CellTests.execute(JunitCellSamples.BrokenSetup.class);
        assertEquals(1, results.size());
        assertEquals("failed", results.get(0).status());
        assertEquals("not run: IllegalStateException: no database", results.get(0).message());
    }

    @Test
    void reportScoresPartialCreditAndRunFailsTheCell() {
        CellOutputs out = new CellOutputs(1);
        out.display(CellTests.bundle(CellTests.execute(JunitCellSamples.Square.class)), null, false);
        var grade = Scoring.testCell("t", 6, new CellRun(CellRun.Status.ERROR, out.toJson(), 1, 0));
        assertEquals("partial", grade.status());
        assertEquals(3.0, grade.score(), 1e-9, "2 of 4 weight points passed (an aborted test counts as not passed), of 6");
        PrintStream saved = System.out;
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        System.setOut(new PrintStream(text, true, StandardCharsets.UTF_8));
        try {
            AssertionError e = assertThrows(AssertionError.class, () -> CellTests.run(JunitCellSamples.Square.class));
            assertTrue(e.getMessage().startsWith("2 of 3 tests failed: Square.negative() (AssertionFailedError: square(-3)"), e.getMessage());
        } finally {
            System.setOut(saved);
        }
        assertTrue(text.toString(StandardCharsets.UTF_8).contains("FAIL Square.negative() [1]"), text.toString(StandardCharsets.UTF_8));
    }
}
