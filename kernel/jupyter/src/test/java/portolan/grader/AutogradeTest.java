package portolan.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import portolan.grader.SubmissionResult.CellGrade;
import portolan.grader.SubmissionResult.Issue;
import portolan.notebook.Cell;
import portolan.notebook.FakeInterpreter;
import portolan.notebook.Notebook;
import portolan.notebook.PythonJson;

/** Autograde, feedback, gradebook and validate over a scripted fake worker (see {@link FakeInterpreter}). */
class AutogradeTest {

    static final String REPORT = "display:" + Scoring.TESTS_MIME + ":{\"tests\": [{\"name\": \"a\", \"status\": \"passed\", \"points\": 2},"
            + " {\"name\": \"b\", \"status\": \"failed\", \"message\": \"expected 1 but was 2\"}]}";

    @TempDir
    Path dir;
    private final FakeInterpreter.Launches launches = new FakeInterpreter.Launches();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private Path source;

    /** Instructor notebook in the fake worker's language: square is visible-tested, cube only by a hidden test. */
    static Notebook instructor() {
        Notebook nb = Notebook.create("portolan", "Java", "java");
        Assignments.nb(nb, Cell.markdown("# Powers"), null, false, false, false, null);
        Assignments.nb(nb, Cell.code("// BEGIN SOLUTION\ndef:square\ndef:cube\n// END SOLUTION"), "answer", false, true, false, null);
        Assignments.nb(nb, Cell.code("use:square\n// BEGIN HIDDEN TESTS\nuse:cube\n// END HIDDEN TESTS"), "powers_test", true, false, true, 2.0);
        Cell junit = Assignments.nb(nb, Cell.code(REPORT), "junit_test", true, false, true, 3.0);
        JsonObject own = new JsonObject();
        own.addProperty("timeout", 5);
        junit.metadata().add(Assignment.METADATA_KEY, own);
        Assignments.nb(nb, Cell.markdown("Why?\n<!-- BEGIN SOLUTION -->\nBecause.\n<!-- END SOLUTION -->"), "essay", true, true, false, 1.0);
        Assignments.nb(nb, Cell.markdown("Read-only notes"), "ro", false, false, true, null);
        return nb;
    }

    /** A student's copy of the released notebook with the answer cell's source replaced. */
    static Notebook student(Notebook released, String answer) {
        Notebook nb = released.copy();
        if (answer != null) {
            nb.cells().get(1).setSource(answer);
        }
        return nb;
    }

    @BeforeEach
    void setUp() throws IOException {
        source = dir.resolve("source/powers.ipynb");
        instructor().write(source);
        Notebook released = Release.studentVersion(instructor());
        Path subs = dir.resolve("submitted");
        student(released, "def:square\ndef:cube").write(subs.resolve("alice/powers.ipynb"));
        Notebook alice = Notebook.read(subs.resolve("alice/powers.ipynb"));
        alice.cells().get(4).setSource("Why?\nBecause it is.");
        alice.write(subs.resolve("alice/powers.ipynb"));

        Notebook bob = student(released, "def:square");
        bob.cells().get(2).setSource("// tests? trust me");
        bob.removeCell(5);
        bob.write(subs.resolve("bob/powers/powers.ipynb"));

        Notebook carol = student(released, "exit");
        carol.addCell(2, carol.cells().get(2).copy());
        carol.write(subs.resolve("carol.ipynb"));

        Files.createDirectories(subs.resolve("dave"));
        Files.writeString(subs.resolve("erin.ipynb"), "{ this is not json");
        student(released, "def:square\nloop").write(subs.resolve("frank/powers.ipynb"));
    }

    private int autograde(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("autograde", "--source", source.toString(), dir.resolve("submitted").toString(),
                "--output", dir.resolve("autograded").toString(), "--cell-timeout", "1"));
        args.addAll(List.of(extra));
        return grade(args.toArray(String[]::new));
    }

    private int grade(String... args) {
        return GradeCommand.run(List.of(args), FakeInterpreter.factory(launches),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Map<String, SubmissionResult> results() throws IOException {
        Map<String, SubmissionResult> map = new TreeMap<>();
        for (var e : GradeCommand.results(dir.resolve("autograded")).entrySet()) {
            map.put(e.getValue().student(), e.getValue());
        }
        return map;
    }

    private static Map<String, Double> scores(SubmissionResult r) {
        return r.cells().stream().collect(Collectors.toMap(CellGrade::gradeId, c -> c.score() == null ? -1 : c.score(), (a, b) -> a, TreeMap::new));
    }

    @Test
    void gradesEverySubmissionAndReportsTampering() throws IOException {
        assertEquals(0, autograde("--jobs", "2"), err.toString());
        Map<String, SubmissionResult> r = results();
        assertEquals(List.of("alice", "bob", "carol", "dave", "erin", "frank"), List.copyOf(r.keySet()));

        SubmissionResult alice = r.get("alice");
        assertEquals(Map.of("essay", -1.0, "junit_test", 2.0, "powers_test", 2.0), scores(alice), "essay waits for a manual grade");
        assertEquals(6.0, alice.maxScore());
        assertEquals(4.0, alice.score());
        assertEquals(List.of(), alice.issues());
        CellGrade junit = alice.cells().get(1);
        assertEquals("partial", junit.status());
        assertEquals(List.of("a", "b"), junit.tests().stream().map(SubmissionResult.TestGrade::name).toList());
        assertEquals(2.0, junit.tests().get(0).maxScore(), 1e-9, "points 2 of 3 weights -> 2 of the cell's 3 points");
        assertEquals("expected 1 but was 2", junit.tests().get(1).message());

        SubmissionResult bob = r.get("bob");
        assertEquals(0.0, scores(bob).get("powers_test"), "the hidden test (cube) is put back and fails");
        assertEquals(0.0, scores(bob).get("essay"), "an unchanged answer is no response");
        assertEquals("no_response", bob.cells().get(2).status());
        assertEquals(List.of(Issue.CHANGED, Issue.DELETED), bob.issues().stream().map(Issue::kind).toList());
        assertTrue(bob.issues().get(0).message().contains("'powers_test' was edited"));
        String bobNotebook = Files.readString(dir.resolve("autograded/bob/powers.ipynb"));
        assertTrue(bobNotebook.contains("use:cube"), "graded with the instructor's test cell, hidden tests included");
        assertFalse(bobNotebook.contains("trust me"));
        assertTrue(bobNotebook.contains("Read-only notes"), "the deleted read-only cell is back");

        SubmissionResult carol = r.get("carol");
        assertEquals(0.0, scores(carol).get("powers_test"));
        assertEquals(2.0, scores(carol).get("junit_test"), "a crash costs only the cells it touches");
        assertEquals(List.of(Issue.DUPLICATE), carol.issues().stream().map(Issue::kind).toList());
        assertTrue(Files.readString(dir.resolve("autograded/carol/powers.ipynb")).contains("WorkerCrashed"));

        assertEquals(SubmissionResult.MISSING, r.get("dave").status());
        assertEquals(0.0, r.get("dave").score());
        assertEquals(SubmissionResult.UNREADABLE, r.get("erin").status());
        assertTrue(r.get("erin").issues().get(0).message().contains("invalid JSON"));

        SubmissionResult frank = r.get("frank");
        assertEquals(0.0, scores(frank).get("powers_test"), "the answer cell timed out before cube was defined");
        assertTrue(Files.readString(dir.resolve("autograded/frank/powers.ipynb")).contains("CellTimeoutError"));
    }

    @Test
    void rerunSkipsGradedSubmissionsUnlessForced() throws IOException {
        assertEquals(0, autograde());
        String first = Files.readString(dir.resolve("autograded/alice/result.json"));
        int launchesAfterFirst = launches.count.get();
        out.reset();
        assertEquals(0, autograde());
        assertEquals(launchesAfterFirst, launches.count.get(), "nothing runs again");
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("graded 0 submission(s), skipped 6"));
        Notebook alice = Notebook.read(dir.resolve("submitted/alice/powers.ipynb"));
        alice.cells().get(1).setSource("def:square");
        alice.write(dir.resolve("submitted/alice/powers.ipynb"));
        out.reset();
        assertEquals(0, autograde());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("graded 1 submission(s), skipped 5"), out.toString());
        out.reset();
        assertEquals(0, autograde("--force"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("graded 6 submission(s), skipped 0"));
        assertTrue(first.contains("\"input_sha256\""));
    }

    @Test
    void feedbackHasScoresButNoHiddenTestCode() throws IOException {
        assertEquals(0, autograde(), err.toString());
        assertEquals(0, grade("feedback", dir.resolve("autograded").toString(), "--output", dir.resolve("feedback").toString()), err.toString());
        String html = Files.readString(dir.resolve("feedback/bob/powers.html"));
        String nb = Files.readString(dir.resolve("feedback/bob/powers.ipynb"));
        for (String text : List.of(html, nb)) {
            assertFalse(text.contains("use:cube"), "hidden test code leaked");
            assertFalse(text.contains("HIDDEN TESTS"));
            assertTrue(text.contains("use:square"), "visible tests stay");
            assertTrue(text.contains("cannot find symbol: cube"), "the hidden test's failure message is shown");
        }
        assertTrue(html.contains("<strong>Score: 2 / 6</strong>"), html);
        assertTrue(html.contains("expected 1 but was 2"));
        assertTrue(html.contains("was edited"));
        Notebook feedback = Notebook.read(dir.resolve("feedback/bob/powers.ipynb"));
        assertTrue(feedback.cells().get(0).source().startsWith("# Feedback: powers (bob)\n\n**Score: 2 / 6**"));
        assertTrue(Files.readString(dir.resolve("feedback/dave/powers.html")).contains("not_submitted"));
        assertFalse(Files.exists(dir.resolve("feedback/dave/powers.ipynb")));
    }

    @Test
    void gradebookCsvJsonAndGradescope() throws IOException {
        assertEquals(0, autograde(), err.toString());
        assertEquals(0, grade("gradebook", dir.resolve("autograded").toString(), "--output", dir.resolve("book").toString()), err.toString());
        List<String> csv = Files.readAllLines(dir.resolve("book/gradebook.csv"));
        assertEquals("student,assignment,cell,points,max,status", csv.get(0));
        assertEquals(1 + 6 * 3, csv.size());
        assertTrue(csv.contains("alice,powers,junit_test,2,3,partial"));
        assertTrue(csv.contains("alice,powers,essay,,1,needs_manual_grade"));
        assertTrue(csv.contains("bob,powers,powers_test,0,2,failed"));
        JsonObject json = PythonJson.parse(Files.readString(dir.resolve("book/gradebook.json"))).getAsJsonObject();
        assertEquals(6, json.getAsJsonArray("students").size());
        JsonObject aliceJson = json.getAsJsonArray("students").get(0).getAsJsonObject();
        assertEquals(4.0, aliceJson.get("score").getAsDouble());
        assertEquals(6.0, aliceJson.get("max_score").getAsDouble());
        JsonObject gs = PythonJson.parse(Files.readString(dir.resolve("book/gradescope/alice/results.json"))).getAsJsonObject();
        assertEquals(4.0, gs.get("score").getAsDouble());
        var tests = gs.getAsJsonArray("tests");
        assertEquals(4, tests.size(), "powers_test, the two JUnit tests, essay");
        JsonObject b = tests.get(2).getAsJsonObject();
        assertEquals("junit_test / b", b.get("name").getAsString());
        assertEquals(0.0, b.get("score").getAsDouble());
        assertEquals(1.0, b.get("max_score").getAsDouble());
        assertTrue(b.get("output").getAsString().contains("expected 1 but was 2"));
        assertNull(tests.get(3).getAsJsonObject().get("score"), "a pending manual grade has no score yet");
    }

    @Test
    void validateFailsOnTheBlankStudentVersionAndPassesOnTheSolution() throws IOException {
        Notebook withoutJunit = instructor();
        withoutJunit.removeCell(3);
        withoutJunit.write(source);
        assertEquals(0, grade("release", source.toString()), err.toString());
        out.reset();
        Path released = dir.resolve("source/release/powers.ipynb");
        assertEquals(1, grade("validate", released.toString()));
        String summary = out.toString(StandardCharsets.UTF_8);
        assertTrue(summary.contains("VALIDATION FAILED ON 1 CELL(S)!"), summary);
        assertTrue(summary.contains("cell 3 ('powers_test', 0 of 2 points): failed\n        CompileError: cannot find symbol: square"), summary);
        out.reset();
        assertEquals(0, grade("validate", source.toString()));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("Success! Your notebook passes all 1 visible test cell(s)."));
        Notebook tampered = Notebook.read(released);
        tampered.cells().get(2).setSource("print:ok");
        tampered.cells().get(1).setSource("def:square");
        tampered.write(released);
        out.reset();
        assertEquals(1, grade("validate", released.toString()));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("THE CONTENTS OF 1 LOCKED CELL(S) HAVE CHANGED!"), out.toString());
    }

    @Test
    void badArgumentsGetUsage() {
        assertEquals(0, grade("help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("usage: portolan grade <command>"));
        assertEquals(2, grade("publish"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown command 'publish'"));
        err.reset();
        assertEquals(2, grade("autograde", dir.resolve("submitted").toString(), "--output", "x"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--source is required (the instructor notebook)"));
        err.reset();
        assertEquals(2, grade("autograde", "--source", source.toString(), dir.toString(), "--output", "x", "--jobs", "0"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--jobs wants a positive whole number, not '0'"));
        err.reset();
        assertEquals(2, grade("feedback", dir.resolve("nothing").toString(), "--output", "x"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no such folder"));
    }
}
