package portolan.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import portolan.kernel.engine.Engine;
import portolan.notebook.Cell;
import portolan.notebook.CellRun;
import portolan.notebook.InterpreterFactory;
import portolan.notebook.Notebook;
import portolan.notebook.NotebookRunner;

/** The runner and the grader on the real engine: every cell runs in a JShell worker JVM. */
class RealEngineTest {

    static final InterpreterFactory ENGINE = () -> Engine.launch(Engine.Options.defaults().withHeapMegabytes(192));

    @Test
    void runnerCollectsRealOutputsAndSurvivesLoopsExitAndHalt() {
        Notebook nb = Notebook.create("portolan", "Java", "java");
        String[] cells = {"int x = 2;", "System.out.println(x * 21);", "x * 2", "throw new IllegalStateException(\"boom\");",
            "while (true) { }", "System.exit(3);", "Runtime.class.getMethod(\"halt\", int.class).invoke(Runtime.getRuntime(), 3);", "x + 1"};
        for (String code : cells) {
            nb.addCell(nb.cells().size(), Cell.code(code));
        }
        NotebookRunner.Report report = new NotebookRunner(ENGINE, new NotebookRunner.Options(Duration.ofSeconds(4), true, Duration.ofSeconds(5))).run(nb);
        assertEquals(List.of(CellRun.Status.OK, CellRun.Status.OK, CellRun.Status.OK, CellRun.Status.ERROR, CellRun.Status.TIMEOUT,
                CellRun.Status.ERROR, CellRun.Status.CRASHED, CellRun.Status.OK), report.runs().stream().map(CellRun::status).toList(), nb.toJson());
        List<Cell> c = nb.cells();
        assertEquals("42\n", out(c.get(1)).get("text").getAsString());
        assertEquals("4", out(c.get(2)).getAsJsonObject("data").get("text/plain").getAsString());
        assertEquals("execute_result", out(c.get(2)).get("output_type").getAsString());
        JsonObject boom = out(c.get(3));
        assertEquals("error", boom.get("output_type").getAsString());
        assertTrue(boom.get("ename").getAsString().contains("IllegalStateException"), boom.toString());
        assertEquals("CellTimeoutError", last(c.get(4)).get("ename").getAsString());
        assertTrue(last(c.get(5)).get("evalue").getAsString().contains("System.exit(3)"), c.get(5).outputs().toString());
        assertEquals("JavaProcessEnded", last(c.get(6)).get("ename").getAsString(), "halt through reflection ends the worker JVM");
        assertEquals("3", out(c.get(7)).getAsJsonObject("data").get("text/plain").getAsString(), "x came back by replay");
    }

    @Test
    void releasedPlaceholdersCompileAndAutogradeScoresRealJava(@TempDir Path dir) throws IOException {
        Notebook instructor = Assignments.java();
        Notebook released = Release.studentVersion(instructor);
        Notebook good = released.copy();
        for (int i : new int[] {1, 2, 3}) {
            good.cells().get(i).setSource(instructor.cells().get(i).source());
        }
        Path source = dir.resolve("squares.ipynb");
        instructor.write(source);
        released.write(dir.resolve("submitted/blank/squares.ipynb"));
        good.write(dir.resolve("submitted/good/squares.ipynb"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = GradeCommand.run(List.of("autograde", "--source", source.toString(), dir.resolve("submitted").toString(),
                "--output", dir.resolve("autograded").toString(), "--jobs", "2", "--cell-timeout", "20"), ENGINE,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        var results = GradeCommand.results(dir.resolve("autograded"));
        SubmissionResult blank = results.get(dir.resolve("autograded/blank"));
        SubmissionResult goodResult = results.get(dir.resolve("autograded/good"));
        assertEquals(2.0, goodResult.cells().get(0).score(), goodResult.toJsonText());
        assertEquals("passed", goodResult.cells().get(0).status());
        assertEquals(0.0, blank.cells().get(0).score());
        assertTrue(blank.cells().get(0).message().contains("your code here"), blank.toJsonText());
        assertEquals(1, countErrors(Notebook.read(dir.resolve("autograded/blank/squares.ipynb"))),
                "only the test cell fails; the released answer cells compile and run");
        assertEquals(0, countErrors(Notebook.read(dir.resolve("autograded/good/squares.ipynb"))));
        assertEquals(0, GradeCommand.run(List.of("feedback", dir.resolve("autograded").toString(), "--output", dir.resolve("fb").toString()),
                ENGINE, new PrintStream(out, true), new PrintStream(err, true)));
        assertFalse(Files.readString(dir.resolve("fb/good/squares.html")).contains("square(-3)"), "hidden test code is not in feedback");
    }

    @Test
    void junitTestClassInACellEarnsPartialCredit() {
        Notebook nb = Notebook.create("portolan", "Java", "java");
        nb.addCell(0, Cell.code("int square(int x) { return x < 0 ? -1 : x * x; }"));
        nb.addCell(1, Cell.code("""
                import org.junit.jupiter.api.*;
                class SquareTest {
                    @Test @Tag("points=3") void positive() { Assertions.assertEquals(4, square(2)); }
                    @Test void negative() { Assertions.assertEquals(9, square(-3), "square(-3)"); }
                }
                portolan.grader.CellTests.run(SquareTest.class);"""));
        NotebookRunner.Report report = new NotebookRunner(ENGINE, new NotebookRunner.Options(Duration.ofSeconds(60), true, Duration.ofSeconds(5))).run(nb);
        CellRun run = report.runs().get(1);
        assertEquals(CellRun.Status.ERROR, run.status(), run.outputs().toString());
        SubmissionResult.CellGrade grade = Scoring.testCell("square_test", 4, run);
        assertEquals("partial", grade.status(), run.outputs().toString());
        assertEquals(3.0, grade.score(), 1e-9);
        assertEquals(List.of("SquareTest.positive()", "SquareTest.negative()"),
                grade.tests().stream().map(SubmissionResult.TestGrade::name).toList());
        assertTrue(grade.tests().get(1).message().contains("square(-3) ==> expected: <9> but was: <-1>"), grade.tests().toString());
        JsonObject error = last(nb.cells().get(1));
        assertEquals("error", error.get("output_type").getAsString());
        assertTrue(error.get("evalue").getAsString().startsWith("1 of 2 tests failed: SquareTest.negative()"), error.toString());
    }

    private static int countErrors(Notebook nb) {
        int n = 0;
        for (Cell cell : nb.cells()) {
            for (var o : cell.outputs()) {
                if (o.getAsJsonObject().get("output_type").getAsString().equals("error")) {
                    n++;
                }
            }
        }
        return n;
    }

    private static JsonObject out(Cell cell) {
        return cell.outputs().get(0).getAsJsonObject();
    }

    private static JsonObject last(Cell cell) {
        return cell.outputs().get(cell.outputs().size() - 1).getAsJsonObject();
    }
}
