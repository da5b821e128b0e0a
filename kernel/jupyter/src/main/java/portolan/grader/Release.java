package portolan.grader;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import portolan.notebook.Cell;
import portolan.notebook.Notebook;

/**
 * Makes the student version of an instructor notebook, following nbgrader's
 * {@code generate_assignment} order: lock cells, replace solutions by placeholders, clear
 * outputs, remove hidden tests and mark schemes, then set checksums. The result grades with
 * stock nbgrader as well as with Portolan.
 */
public final class Release {

    /** The text that replaces a markdown answer (as in nbgrader). */
    public static final String TEXT_STUB = "YOUR ANSWER HERE";

    private Release() {
    }

    /**
     * The student notebook for {@code instructor} (which is not changed).
     *
     * @throws GradingException naming every invalid cell, or a marker region problem
     */
    public static Notebook studentVersion(Notebook instructor) {
        checkMetadata(instructor);
        Notebook nb = instructor.copy();
        boolean java = isJava(nb);
        List<Cell> cells = nb.cells();
        for (int i = 0; i < cells.size(); i++) {
            Cell cell = cells.get(i);
            cell.clearOutputs();
            NbgraderMeta meta = NbgraderMeta.of(cell);
            String where = where(i, meta);
            if (meta == null) {
                rejectMarkers(cell, where, "an ordinary cell (not an nbgrader cell)");
                continue;
            }
            lock(cell, meta);
            if (!meta.grade() && Regions.has(cell.source(), Regions.HIDDEN_TESTS)) {
                throw new GradingException(where + " has a HIDDEN TESTS region but is not a grade (test) cell");
            }
            if (meta.solution()) {
                cell.setSource(clearSolution(cell, where, java));
            } else {
                rejectMarkers(cell, where, "a cell that is not a solution cell", Regions.SOLUTION);
            }
            if (Regions.has(cell.source(), Regions.HIDDEN_TESTS)) {
                cell.setSource(Regions.remove(cell.source(), Regions.HIDDEN_TESTS, where));
            }
            if (meta.task()) {
                cell.setSource(Regions.remove(cell.source(), Regions.MARK_SCHEME, where));
            }
            meta.setCellType(cell.type());
            if (meta.grade() || meta.solution() || meta.isLocked() || meta.task()) {
                meta.setChecksum(Checksum.of(cell));
            }
        }
        return nb;
    }

    /** The source of a solution cell with its solution replaced (the whole cell if it has no region). */
    static String clearSolution(Cell cell, String where, boolean java) {
        String source = cell.source();
        if (!cell.isCode()) {
            return Regions.has(source, Regions.SOLUTION)
                    ? Regions.replace(source, Regions.SOLUTION, where, (b, a) -> List.of(TEXT_STUB))
                    : TEXT_STUB;
        }
        if (!java) {
            throw new GradingException("the notebook's kernelspec language is not \"java\"; Portolan releases Java notebooks only");
        }
        return Regions.has(source, Regions.SOLUTION)
                ? Regions.replace(source, Regions.SOLUTION, where, JavaStub::placeholder)
                : String.join("\n", JavaStub.placeholder("", ""));
    }

    /** nbgrader's LockCells: answer cells may not be deleted; test and read-only cells not edited either. */
    private static void lock(Cell cell, NbgraderMeta meta) {
        if (meta.grade() && !meta.solution() || !meta.solution() && meta.isLocked()) {
            cell.metadata().addProperty("deletable", false);
            cell.metadata().addProperty("editable", false);
        } else if (meta.solution()) {
            cell.metadata().addProperty("deletable", false);
        }
    }

    /** Validates every cell's nbgrader metadata and grade_id uniqueness, reporting all problems at once. */
    public static void checkMetadata(Notebook nb) {
        List<String> problems = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        List<Cell> cells = nb.cells();
        for (int i = 0; i < cells.size(); i++) {
            NbgraderMeta meta = NbgraderMeta.of(cells.get(i));
            if (meta == null) {
                continue;
            }
            for (String p : meta.problems()) {
                problems.add("cell " + (i + 1) + ": " + p);
            }
            String id = meta.gradeId();
            if (id != null && !id.isEmpty() && (meta.grade() || meta.solution() || meta.isLocked())) {
                Integer first = seen.putIfAbsent(id, i + 1);
                if (first != null) {
                    problems.add("cell " + (i + 1) + ": grade_id '" + id + "' is already used by cell " + first + "; grade ids must be unique");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new GradingException("the notebook's nbgrader metadata is invalid:\n  " + String.join("\n  ", problems));
        }
    }

    static boolean isJava(Notebook nb) {
        String language = nb.language();
        return language != null && language.equalsIgnoreCase("java");
    }

    /** How messages name a cell: its number (from 1) and, if it has one, its grade_id. */
    static String where(int index, NbgraderMeta meta) {
        return "cell " + (index + 1) + (meta != null && meta.gradeId() != null ? " ('" + meta.gradeId() + "')" : "");
    }

    private static void rejectMarkers(Cell cell, String where, String what, String... kinds) {
        String[] check = kinds.length == 0 ? new String[] {Regions.SOLUTION, Regions.HIDDEN_TESTS} : kinds;
        for (String kind : check) {
            if (Regions.has(cell.source(), kind)) {
                throw new GradingException(where + " has a BEGIN " + kind + " region but is " + what
                        + "; mark it as a solution/test cell in nbgrader's Create Assignment toolbar or remove the markers");
            }
        }
    }
}
