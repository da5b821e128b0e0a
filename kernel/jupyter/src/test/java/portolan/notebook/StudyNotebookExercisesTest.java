package portolan.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The exercises of each lesson notebook against its answers notebook (conventions in
 * notebooks/README.md): the committed check outputs say ✘ in the lesson (placeholders unsolved)
 * and ✔ in the answers; the check cells and the set-up cell are the same in both. The outputs
 * read here are the committed ones, which {@link StudyNotebooksReproduceTest} proves are what
 * running the notebooks gives.
 */
class StudyNotebookExercisesTest {

    private static final String SETUP = "exercise-setup";
    /** Ids that look generated (8 or 32 hex digits, a UUID) rather than chosen. */
    private static final Pattern RANDOM_ID = Pattern.compile("[0-9a-f]{8}|[0-9a-f]{32}|[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}");

    static Stream<Path> lessons() {
        return StudyNotebooks.lessons().stream();
    }

    static Stream<Path> everyNotebook() {
        return Stream.concat(StudyNotebooks.lessons().stream(), StudyNotebooks.answers().stream());
    }

    @ParameterizedTest(name = "{0}", allowZeroInvocations = true) // zero until the lessons are written
    @MethodSource("lessons")
    void lessonChecksFailAndTheAnswersChecksPass(Path lessonFile) throws IOException {
        String name = StudyNotebooks.relative(lessonFile);
        Path answersFile = StudyNotebooks.answersOf(lessonFile);
        assertTrue(Files.isRegularFile(answersFile), name + " has no answers notebook " + StudyNotebooks.relative(answersFile));
        Notebook lesson = Notebook.read(lessonFile);
        Notebook answers = Notebook.read(answersFile);
        String answersName = StudyNotebooks.relative(answersFile);

        assertTrue(lesson.cells().stream().anyMatch(c -> !c.isCode() && c.source().contains("연습 문제")),
                name + " has no '## 연습 문제 — Exercises' heading");
        List<Cell> setup = StudyNotebooks.tagged(lesson, SETUP);
        assertEquals(1, setup.size(), name + " needs exactly one cell tagged " + SETUP);
        List<Cell> answersSetup = StudyNotebooks.tagged(answers, SETUP);
        assertEquals(1, answersSetup.size(), answersName + " needs exactly one cell tagged " + SETUP);
        assertEquals(setup.get(0).source(), answersSetup.get(0).source(), answersName + ": the set-up cell must be the lesson's, unchanged");
        assertFalse(StudyNotebooks.tagged(lesson, "exercise").isEmpty(), name + " has no cell tagged exercise");
        assertFalse(StudyNotebooks.tagged(answers, "solution").isEmpty(), answersName + " has no cell tagged solution");

        List<Cell> checks = StudyNotebooks.tagged(lesson, "check");
        assertTrue(checks.size() >= 2, name + " has " + checks.size() + " check cell(s); each lesson needs at least 2");
        List<Cell> answerChecks = StudyNotebooks.tagged(answers, "check");
        assertEquals(sources(checks), sources(answerChecks), answersName + ": the check cells must be byte-identical to the lesson's, in the same order");
        for (Cell check : checks) {
            assertCheckLines(name, check, "✘");
        }
        for (Cell check : answerChecks) {
            assertCheckLines(answersName, check, "✔");
        }
        String link = lessonFile.getFileName().toString();
        assertTrue(answers.cells().stream().filter(c -> !c.isCode()).findFirst().map(c -> c.source().contains("../" + link)).orElse(false),
                answersName + ": the first markdown cell must link back to the lesson (../" + link + ")");
    }

    /** A check cell printed only check lines on stdout, at least one, each starting with {@code mark}. */
    private static void assertCheckLines(String name, Cell check, String mark) {
        String where = name + ", check cell " + check.json().get("id");
        for (JsonElement o : check.outputs()) {
            String type = Outputs.type(o.getAsJsonObject());
            assertEquals("stream", type, where + " shows a " + type + " output; a check cell only prints Check.that lines");
        }
        List<String> lines = StudyNotebooks.stdout(check).lines().filter(l -> !l.isBlank()).toList();
        assertFalse(lines.isEmpty(), where + " printed no check line (was it executed?)");
        for (String line : lines) {
            assertTrue(line.startsWith(mark), where + " printed '" + line + "'; every line here must start with " + mark);
        }
    }

    @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
    @MethodSource("everyNotebook")
    void cellsHaveReadableUniqueIdsAndThePortolanKernel(Path file) throws IOException {
        String name = StudyNotebooks.relative(file);
        Notebook nb = Notebook.read(file);
        assertEquals("portolan", nb.metadata().getAsJsonObject("kernelspec").get("name").getAsString(), name + ": kernelspec name");
        Set<String> seen = new HashSet<>();
        for (Cell cell : nb.cells()) {
            JsonElement id = cell.json().get("id");
            assertTrue(id != null && id.isJsonPrimitive(), name + ": a cell without an id: " + cell.source().lines().findFirst().orElse(""));
            assertTrue(seen.add(id.getAsString()), name + ": the cell id " + id + " is used twice");
            assertFalse(RANDOM_ID.matcher(id.getAsString()).matches(), name + ": the cell id " + id
                    + " looks generated; give cells readable ids such as \"ports-bind-80\"");
        }
    }

    @Test
    void everyAnswersNotebookBelongsToALesson() {
        List<String> orphans = new ArrayList<>();
        List<Path> expected = StudyNotebooks.lessons().stream().map(StudyNotebooks::answersOf).toList();
        for (Path answers : StudyNotebooks.answers()) {
            if (!expected.contains(answers)) {
                orphans.add(StudyNotebooks.relative(answers));
            }
        }
        assertEquals(List.of(), orphans, "answers notebooks must be named after their lesson: notebooks/answers/NN-name-answers.ipynb");
    }

    private static List<String> sources(List<Cell> cells) {
        return cells.stream().map(Cell::source).toList();
    }
}
