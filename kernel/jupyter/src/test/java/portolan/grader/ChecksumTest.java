package portolan.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import portolan.notebook.Cell;
import portolan.notebook.Notebook;
import portolan.notebook.PythonJson;

/**
 * Checksum vectors: the first four are the values stored in nbgrader 0.9.5's own example
 * notebook ({@code docs/source/user_guide/release/ps1/problem1.ipynb}); the rest were computed
 * once with a Python re-implementation of {@code nbgrader.utils.compute_checksum}.
 */
class ChecksumTest {

    /** A cell with the given source lines and nbgrader metadata (points as JSON text, or null). */
    static Cell cell(String type, String[] lines, boolean grade, boolean solution, boolean locked, String id, String points) {
        StringBuilder json = new StringBuilder("{\"cell_type\": \"" + type + "\", \"metadata\": {\"nbgrader\": {");
        json.append("\"grade\": ").append(grade).append(", \"solution\": ").append(solution)
                .append(", \"locked\": ").append(locked).append(", \"grade_id\": \"").append(id).append("\", \"schema_version\": 3");
        if (points != null) {
            json.append(", \"points\": ").append(points);
        }
        json.append("}}, \"source\": []").append(type.equals("code") ? ", \"outputs\": [], \"execution_count\": null" : "").append("}");
        String nb = "{\"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {}, \"cells\": [" + json + "]}";
        Cell cell = Notebook.parse(nb).cells().get(0);
        var source = new com.google.gson.JsonArray();
        for (String line : lines) {
            source.add(line);
        }
        cell.json().add("source", source);
        return cell;
    }

    @Test
    void nbgraderExampleNotebookVectors() {
        assertEquals("8f1eab8d02a9520920aa06f8a86a2492", Checksum.of(cell("code", new String[] {
            "def squares(n):\n",
            "    \"\"\"Compute the squares of numbers from 1 to n, such that the \n",
            "    ith element of the returned list equals i^2.\n",
            "    \n",
            "    \"\"\"\n",
            "    # YOUR CODE HERE\n",
            "    raise NotImplementedError()"}, false, true, false, "squares", null)));
        assertEquals("8f41dd0f9c8fd2da8e8708d73e506b3a", Checksum.of(cell("code", new String[] {
            "\"\"\"Check that squares returns the correct output for several inputs\"\"\"\n",
            "assert squares(1) == [1]\n",
            "assert squares(2) == [1, 4]\n",
            "assert squares(10) == [1, 4, 9, 16, 25, 36, 49, 64, 81, 100]\n",
            "assert squares(11) == [1, 4, 9, 16, 25, 36, 49, 64, 81, 100, 121]"}, true, false, false, "correct_squares", "1")),
                "a grade cell counts as locked even though its stored flag says false");
        assertEquals("f3cc38a3e522c0be10852ebbe2a638b7", Checksum.of(cell("markdown", new String[] {"YOUR ANSWER HERE"},
                true, true, false, "sum_of_squares_equation", "1")));
        assertEquals("987adcce9e8e5119f9c00f2db459fd97", Checksum.of(cell("markdown", new String[] {
            "---\n", "## Part E (4 points)\n", "\n",
            "State the formulae for an arithmetic and geometric sum and verify them numerically for an example of your choice."},
                false, false, true, "cell-938593c4a215c6cc", "4")), "task cells hash no points (they are not grade cells)");
    }

    @Test
    void javaVectorsIncludingPythonFloatFormatting() {
        String[] test = {"assertEquals(4, square(2));"};
        assertEquals("f3905597bbb59014ae70411f34a9809f", Checksum.of(cell("code", new String[] {"// YOUR CODE HERE"}, false, true, false, "q1", null)));
        assertEquals("8ce4310bc57d0c161e2c8f30d9c7db26", Checksum.of(cell("code", test, true, false, true, "q1_test", "2")));
        assertEquals("8ce4310bc57d0c161e2c8f30d9c7db26", Checksum.of(cell("code", test, true, false, true, "q1_test", "2.0")));
        assertEquals("02f1b55e06aae3ab58483b6c4e957385", Checksum.of(cell("code", test, true, false, true, "q1_test", "0.5")));
        assertEquals("86afcc6d3667f4a5a759d8281f54c820", Checksum.of(cell("code", test, true, false, true, "q1_test", "10000000")));
        assertEquals("80bdcb0754bee344011f40edbe40669c", Checksum.of(cell("code", test, true, false, true, "q1_test", "1e-05")));
        assertEquals("3bb60a904ce23cb1d59a077254283cea", Checksum.of(cell("code", test, true, false, true, "q1_test", "1e16")));
        assertEquals("98405dd8517b3ae5f12c411c6c3f544b", Checksum.of(cell("code", test, true, false, true, "q1_test", "0.30000000000000004")));
        assertEquals("1acab2661c68b2773569a4de170222df", Checksum.of(cell("markdown", new String[] {"YOUR ANSWER HERE"}, true, true, false, "essay", "3")));
        assertEquals("dd7f12eadf06c22c39741bf01ca4cd4b", Checksum.of(cell("markdown", new String[] {"Read-only text é"}, false, false, true, "ro", null)));
    }

    @Test
    void metadataPredicatesAndValidation() {
        Cell test = cell("code", new String[] {"x"}, true, false, false, "t", "1");
        NbgraderMeta meta = NbgraderMeta.of(test);
        assertTrue(meta.isLocked());
        assertFalse(meta.lockedFlag());
        assertTrue(meta.problems().isEmpty(), meta.problems().toString());
        Cell bad = cell("markdown", new String[] {"x"}, true, false, false, "bad id!", null);
        var problems = NbgraderMeta.of(bad).problems();
        assertTrue(problems.contains("cell 'bad id!': grade_id may only contain letters, digits, '_' and '-'"), problems.toString());
        assertTrue(problems.contains("cell 'bad id!' is graded but has no 'points'"), problems.toString());
        assertTrue(problems.contains("cell 'bad id!' is a markdown cell with grade but not solution; a manually graded answer needs both"));
        JsonObject json = NbgraderMeta.of(bad).json();
        json.addProperty("schema_version", 2);
        assertTrue(NbgraderMeta.of(bad).problems().stream().anyMatch(p -> p.contains("schema 2; only schema 3")));
        assertEquals("{\n \"grade\": true,\n \"grade_id\": \"t\",\n \"locked\": false,\n \"points\": 1,\n \"schema_version\": 3,\n \"solution\": false\n}",
                PythonJson.write(meta.json()), "metadata is kept exactly as written");
    }
}
