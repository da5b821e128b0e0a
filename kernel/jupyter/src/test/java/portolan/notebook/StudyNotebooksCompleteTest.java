package portolan.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The set of study notebooks is complete: the six lessons that notebooks/concepts.json names,
 * each with its answers notebook, and every one of the 42 concepts demonstrated by an executed
 * code cell of its lesson. (The per-notebook tests check whatever notebooks exist; this one
 * fails while any is missing.)
 */
class StudyNotebooksCompleteTest {

    @Test
    void theSixLessonsAndTheirAnswersArePresentAndNoOthers() throws IOException {
        List<String> named = ConceptCoverageTest.concepts().values().stream()
                .map(c -> c.get("notebook").getAsString()).distinct().toList();
        assertEquals(6, named.size(), "notebooks/concepts.json should name six lesson notebooks: " + named);
        List<String> present = StudyNotebooks.lessons().stream().map(p -> p.getFileName().toString()).toList();
        assertEquals(named, present, "the lesson notebooks in notebooks/ must be exactly those concepts.json names");
        List<String> missingAnswers = new ArrayList<>();
        for (Path lesson : StudyNotebooks.lessons()) {
            if (!Files.isRegularFile(StudyNotebooks.answersOf(lesson))) {
                missingAnswers.add(StudyNotebooks.relative(StudyNotebooks.answersOf(lesson)));
            }
        }
        assertEquals(List.of(), missingAnswers, "answers notebooks missing");
        assertEquals(6, StudyNotebooks.answers().size(), "six answers notebooks: " + StudyNotebooks.answers());
    }

    @Test
    void everyConceptIsDemonstratedByAnExecutedCodeCellOfItsLesson() throws IOException {
        Map<String, Notebook> read = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (JsonObject concept : ConceptCoverageTest.concepts().values()) {
            Path lesson = StudyNotebooks.root().resolve("notebooks").resolve(concept.get("notebook").getAsString());
            String name = StudyNotebooks.relative(lesson);
            if (!Files.isRegularFile(lesson)) {
                problems.add(concept.get("id").getAsString() + ": its notebook " + name + " does not exist");
                continue;
            }
            if (!read.containsKey(name)) {
                read.put(name, Notebook.read(lesson));
            }
            String problem = ConceptCoverageTest.demonstration(name, read.get(name), concept.get("id").getAsString());
            if (problem != null) {
                problems.add(problem);
            }
        }
        assertTrue(problems.isEmpty(), problems.size() + " of 42 concepts not demonstrated:\n" + String.join("\n", problems));
    }
}
