package portolan.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The concept list notebooks/concepts.json and the cell metadata of the notebooks agree: every
 * concept is demonstrated in the lesson notebook it names by an executed code cell that lists
 * its id ({@code "metadata": {"concepts": ["P3"]}}), and no cell names an id the list lacks.
 */
class ConceptCoverageTest {

    /** The concepts the study notes teach: P1–P7, F1–F2, D1–D4, W1–W4, C1–C6, S1–S11, R1–R8. */
    static final Map<String, Integer> SERIES = new LinkedHashMap<>();

    static {
        SERIES.put("P", 7);
        SERIES.put("F", 2);
        SERIES.put("D", 4);
        SERIES.put("W", 4);
        SERIES.put("C", 6);
        SERIES.put("S", 11);
        SERIES.put("R", 8);
    }

    private static final Pattern LESSON_NAME = Pattern.compile("[0-9]{2}-[a-z0-9-]+\\.ipynb");

    /** The entries of concepts.json, by id, in file order. */
    static Map<String, JsonObject> concepts() throws IOException {
        Path file = StudyNotebooks.root().resolve("notebooks/concepts.json");
        JsonObject root = PythonJson.parse(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
        Map<String, JsonObject> byId = new LinkedHashMap<>();
        for (JsonElement e : root.getAsJsonArray("concepts")) {
            JsonObject concept = e.getAsJsonObject();
            String id = concept.get("id").getAsString();
            assertTrue(byId.put(id, concept) == null, "notebooks/concepts.json lists " + id + " twice");
        }
        return byId;
    }

    @Test
    void theListHoldsTheFortyTwoConceptsOfTheNotesEachDescribed() throws IOException {
        List<String> expected = new ArrayList<>();
        SERIES.forEach((letter, n) -> {
            for (int i = 1; i <= n; i++) {
                expected.add(letter + i);
            }
        });
        Map<String, JsonObject> concepts = concepts();
        assertEquals(expected, new ArrayList<>(concepts.keySet()), "notebooks/concepts.json: the ids, in order");
        for (JsonObject c : concepts.values()) {
            String id = c.get("id").getAsString();
            assertTrue(LESSON_NAME.matcher(text(c, "notebook")).matches(), id + ": 'notebook' must name a lesson file such as 01-ports.ipynb");
            assertTrue(text(c, "en").length() > 20, id + ": describe the concept in English ('en')");
            assertTrue(text(c, "ko").length() > 10, id + ": describe the concept in Korean ('ko')");
            if (c.has("correction")) {
                assertTrue(Set.of("fix", "answer").contains(text(c, "correction")), id + ": 'correction' is fix or answer");
            }
        }
    }

    private static String text(JsonObject o, String key) {
        JsonElement v = o.get(key);
        return v != null && v.isJsonPrimitive() ? v.getAsString().strip() : "";
    }

    static Stream<Path> lessons() {
        return StudyNotebooks.lessons().stream();
    }

    @ParameterizedTest(name = "{0}", allowZeroInvocations = true) // zero until the lessons are written
    @MethodSource("lessons")
    void everyConceptOfTheLessonIsDemonstratedByAnExecutedCodeCell(Path lesson) throws IOException {
        String name = StudyNotebooks.relative(lesson);
        String file = lesson.getFileName().toString();
        List<String> ids = concepts().values().stream().filter(c -> text(c, "notebook").equals(file)).map(c -> text(c, "id")).toList();
        assertTrue(!ids.isEmpty(), name + " is not named by any concept in notebooks/concepts.json");
        Notebook nb = Notebook.read(lesson);
        for (String id : ids) {
            String problem = demonstration(name, nb, id);
            assertTrue(problem == null, problem);
        }
    }

    /** Why {@code id} is not demonstrated in {@code nb} by an executed code cell, or null if it is. */
    static String demonstration(String name, Notebook nb, String id) {
        List<Cell> cells = nb.cells().stream().filter(c -> c.isCode() && concepts(c).contains(id)).toList();
        if (cells.isEmpty()) {
            return name + ": no code cell names " + id + " in its metadata (\"concepts\": [\"" + id + "\"])";
        }
        for (Cell cell : cells) {
            String where = name + ", cell " + cell.json().get("id") + " (" + id + ")";
            if (!cell.json().get("execution_count").isJsonPrimitive()) {
                return where + " was not executed";
            }
            if (Outputs.hasError(cell.outputs())) {
                return where + " has an error output";
            }
        }
        if (cells.stream().allMatch(c -> c.outputs().isEmpty())) {
            return name + ": " + id + " is named only by cells that show nothing; a demonstration shows its result";
        }
        return null;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("portolan.notebook.StudyNotebooks#executable")
    void cellsNameOnlyKnownConceptsAndOnlyOnCodeCells(Path file) throws IOException {
        String name = StudyNotebooks.relative(file);
        Set<String> known = concepts().keySet();
        for (Cell cell : Notebook.read(file).cells()) {
            JsonElement list = cell.metadata().get("concepts");
            if (list == null) {
                continue;
            }
            String where = name + ", cell " + cell.json().get("id");
            assertTrue(list.isJsonArray() && list.getAsJsonArray().asList().stream().allMatch(e -> e.isJsonPrimitive()
                    && e.getAsJsonPrimitive().isString()), where + ": \"concepts\" must be a list of ids such as [\"P3\", \"P4\"]");
            assertTrue(cell.isCode(), where + " is a " + cell.type() + " cell; only code cells demonstrate concepts");
            for (String id : concepts(cell)) {
                assertTrue(known.contains(id), where + " names the unknown concept " + id + " (not in notebooks/concepts.json)");
            }
        }
    }

    private static List<String> concepts(Cell cell) {
        return StudyNotebooks.strings(cell.metadata().get("concepts"));
    }

    @Test
    void aConceptCountsOnlyWhenAnExecutedCellWithoutErrorsShowsIt() {
        Notebook nb = Notebook.create("portolan", "Java (Portolan)", "java");
        Cell shown = Cell.code("System.out.println(80);");
        shown.outputs().add(Outputs.stream("stdout", "80\n"));
        shown.setExecutionCount(1);
        Cell silent = Cell.code("int port = 80;");
        silent.setExecutionCount(2);
        Cell unrun = Cell.code("port");
        Cell failed = Cell.code("throw new RuntimeException();");
        failed.setExecutionCount(3);
        failed.outputs().add(Outputs.error("java.lang.RuntimeException", "", List.of()));
        Cell prose = Cell.markdown("P9 in words only");
        String[][] tags = {{"P1", "P2"}, {"P2", "P3"}, {"P4"}, {"P5"}, {"P9"}};
        Cell[] cells = {shown, silent, unrun, failed, prose};
        for (int i = 0; i < cells.length; i++) {
            com.google.gson.JsonArray ids = new com.google.gson.JsonArray();
            for (String id : tags[i]) {
                ids.add(id);
            }
            cells[i].metadata().add("concepts", ids);
            nb.addCell(i, cells[i]);
        }
        assertEquals(null, demonstration("nb", nb, "P1"));
        assertEquals(null, demonstration("nb", nb, "P2"), "one cell that shows something is enough");
        assertTrue(demonstration("nb", nb, "P3").contains("show nothing"));
        assertTrue(demonstration("nb", nb, "P4").contains("was not executed"));
        assertTrue(demonstration("nb", nb, "P5").contains("error output"));
        assertTrue(demonstration("nb", nb, "P9").contains("no code cell names P9"));
    }
}
