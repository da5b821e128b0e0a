package portolan.grader;

import portolan.notebook.Cell;
import portolan.notebook.Notebook;

/** Instructor notebooks used by the grader tests. */
final class Assignments {

    private Assignments() {
    }

    static Cell nb(Notebook nb, Cell cell, String id, boolean grade, boolean solution, boolean locked, Double points) {
        if (id != null) {
            NbgraderMeta.create(cell, id, grade, solution, locked, points);
        }
        nb.addCell(nb.cells().size(), cell);
        return cell;
    }

    /** A Java instructor notebook: real Java solutions, tests and hidden tests. */
    static Notebook java() {
        Notebook nb = Notebook.create("portolan", "Java (Portolan)", "java");
        nb(nb, Cell.markdown("# Squares\nWrite `square`."), null, false, false, false, null);
        nb(nb, Cell.code("""
                int square(int x) {
                    // BEGIN SOLUTION
                    return x * x;
                    // END SOLUTION
                }"""), "square", false, true, false, null);
        nb(nb, Cell.code("""
                class Counter {
                    private int n;
                    // BEGIN SOLUTION
                    void add() { n++; }
                    // END SOLUTION
                    int get() {
                        int result = 0;
                        // BEGIN SOLUTION
                        result = n; // "}" in a comment {
                        // END SOLUTION
                        return result;
                    }
                }"""), "counter", false, true, false, null);
        nb(nb, Cell.code("""
                java.util.function.IntUnaryOperator next = x -> {
                  // BEGIN SOLUTION
                  return x + 1;
                  // END SOLUTION
                };
                // BEGIN SOLUTION
                int answer = 42;
                // END SOLUTION"""), "lambda", false, true, false, null);
        nb(nb, Cell.code("""
                if (square(2) != 4) throw new AssertionError("square(2) should be 4");
                // BEGIN HIDDEN TESTS
                if (square(-3) != 9) throw new AssertionError("square(-3) should be 9");
                // END HIDDEN TESTS"""), "square_test", true, false, true, 2.0);
        nb(nb, Cell.markdown("Explain why:\n<!-- BEGIN SOLUTION -->\nBecause.\n<!-- END SOLUTION -->"), "essay", true, true, false, 1.0);
        nb(nb, Cell.markdown("Read only"), "ro", false, false, true, null);
        Cell task = nb(nb, Cell.markdown("Do the task\n=== BEGIN MARK SCHEME ===\nGive 2 points for X\n=== END MARK SCHEME ==="), "task", false, false, true, 2.0);
        NbgraderMeta.of(task).json().addProperty("task", true);
        return nb;
    }
}
