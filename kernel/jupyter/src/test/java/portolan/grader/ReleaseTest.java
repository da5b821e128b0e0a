package portolan.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.Test;
import portolan.notebook.Cell;
import portolan.notebook.Notebook;

class ReleaseTest {

    @Test
    void placeholdersReplaceSolutionsAndHiddenTestsAreRemoved() {
        Notebook instructor = Assignments.java();
        String before = instructor.toJson();
        Notebook student = Release.studentVersion(instructor);
        assertEquals(before, instructor.toJson(), "the instructor notebook is not changed");
        List<Cell> cells = student.cells();
        assertEquals("""
                int square(int x) {
                    // YOUR CODE HERE
                    throw new UnsupportedOperationException("your code here");
                }""", cells.get(1).source());
        assertEquals("""
                class Counter {
                    private int n;
                    // YOUR CODE HERE
                    int get() {
                        int result = 0;
                        // YOUR CODE HERE
                        return result;
                    }
                }""", cells.get(2).source());
        assertEquals("""
                java.util.function.IntUnaryOperator next = x -> {
                  // YOUR CODE HERE
                  throw new UnsupportedOperationException("your code here");
                };
                // YOUR CODE HERE""", cells.get(3).source());
        assertEquals("if (square(2) != 4) throw new AssertionError(\"square(2) should be 4\");", cells.get(4).source());
        assertEquals("Explain why:\nYOUR ANSWER HERE", cells.get(5).source());
        assertEquals("Do the task", cells.get(7).source());
        for (Cell cell : cells) {
            NbgraderMeta meta = NbgraderMeta.of(cell);
            if (meta != null) {
                assertEquals(Checksum.of(cell), meta.checksum(), "checksum of the released cell " + meta.gradeId());
                assertEquals(cell.type(), meta.cellType());
            }
        }
        assertFalse(cells.get(4).metadata().get("editable").getAsBoolean());
        assertFalse(cells.get(1).metadata().get("deletable").getAsBoolean());
        assertFalse(cells.get(1).metadata().has("editable"), "students edit answer cells");
    }

    @Test
    void releasedJavaCellsStillCompile() {
        Notebook student = Release.studentVersion(Assignments.java());
        try (JShell shell = JShell.builder().executionEngine("local").build()) {
            List<String> rejected = new ArrayList<>();
            for (Cell cell : student.cells()) {
                if (!cell.isCode()) {
                    continue;
                }
                String rest = cell.source();
                while (!rest.isBlank()) {
                    SourceCodeAnalysis.CompletionInfo info = shell.sourceCodeAnalysis().analyzeCompletion(rest);
                    for (SnippetEvent event : shell.eval(info.source())) {
                        if (event.status() == Snippet.Status.REJECTED) {
                            rejected.add(info.source() + " -> " + shell.diagnostics(event.snippet()).map(d -> d.getMessage(null)).toList());
                        }
                    }
                    rest = info.remaining();
                }
            }
            assertEquals(List.of(), rejected);
            // calling the placeholder fails with a clear message
            var events = shell.eval("square(3);");
            assertTrue(events.get(0).exception() != null && events.get(0).exception().getMessage().contains("your code here"));
        }
    }

    @Test
    void markerMistakesAreReported() {
        Notebook nested = Notebook.create("portolan", "Java", "java");
        Assignments.nb(nested, Cell.code("// BEGIN SOLUTION\n// BEGIN SOLUTION\n// END SOLUTION"), "q", false, true, false, null);
        assertEquals("cell 1 ('q'): BEGIN SOLUTION on line 2 is inside the region opened on line 1; regions cannot be nested",
                assertThrows(GradingException.class, () -> Release.studentVersion(nested)).getMessage());
        Notebook open = Notebook.create("portolan", "Java", "java");
        Assignments.nb(open, Cell.code("int x;\n// BEGIN SOLUTION\nx = 1;"), "q", false, true, false, null);
        assertEquals("cell 1 ('q'): BEGIN SOLUTION on line 2 has no END SOLUTION",
                assertThrows(GradingException.class, () -> Release.studentVersion(open)).getMessage());
        Notebook hiddenInSolution = Notebook.create("portolan", "Java", "java");
        Assignments.nb(hiddenInSolution, Cell.code("// BEGIN HIDDEN TESTS\n// END HIDDEN TESTS"), "q", false, true, false, null);
        assertTrue(assertThrows(GradingException.class, () -> Release.studentVersion(hiddenInSolution)).getMessage()
                .contains("has a HIDDEN TESTS region but is not a grade (test) cell"));
        Notebook plain = Notebook.create("portolan", "Java", "java");
        Assignments.nb(plain, Cell.code("// BEGIN SOLUTION\n// END SOLUTION"), null, false, false, false, null);
        assertTrue(assertThrows(GradingException.class, () -> Release.studentVersion(plain)).getMessage()
                .startsWith("cell 1 has a BEGIN SOLUTION region but is an ordinary cell"));
        Notebook dup = Notebook.create("portolan", "Java", "java");
        Assignments.nb(dup, Cell.code("a"), "same", true, false, true, 1.0);
        Assignments.nb(dup, Cell.code("b"), "same", true, false, true, 1.0);
        assertTrue(assertThrows(GradingException.class, () -> Release.studentVersion(dup)).getMessage()
                .contains("cell 2: grade_id 'same' is already used by cell 1"));
    }
}
