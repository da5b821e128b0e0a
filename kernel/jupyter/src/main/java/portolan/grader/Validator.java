package portolan.grader;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import portolan.grader.SubmissionResult.CellGrade;
import portolan.notebook.Cell;
import portolan.notebook.CellRun;
import portolan.notebook.NotebookRunner;
import portolan.notebook.InterpreterFactory;
import portolan.notebook.Notebook;

/**
 * Checks a notebook the way the grader will see it ({@code nbgrader validate}): runs every code
 * cell in a fresh worker, then reports test cells that fail and locked cells whose content no
 * longer matches their checksum. Unlike nbgrader, a failed validation is a non-zero exit status.
 */
public final class Validator {

    /** The outcome: the problems found (empty means success) and the notebook as run. */
    public record Validation(List<String> failures, List<String> changed, int testCells, Notebook notebook) {
        public boolean passed() {
            return failures.isEmpty() && changed.isEmpty();
        }

        /** The readable summary printed by {@code grade validate}. */
        public String summary() {
            StringBuilder sb = new StringBuilder();
            if (!changed.isEmpty()) {
                sb.append("THE CONTENTS OF ").append(changed.size()).append(" LOCKED CELL(S) HAVE CHANGED! The grader will use the"
                        + " original version of these cells instead of yours:\n");
                changed.forEach(c -> sb.append("    ").append(c).append('\n'));
            }
            if (!failures.isEmpty()) {
                sb.append("VALIDATION FAILED ON ").append(failures.size()).append(" CELL(S)! If you submit your assignment as it is,"
                        + " you WILL NOT receive full credit.\n");
                failures.forEach(f -> sb.append("    ").append(f.replace("\n", "\n    ")).append('\n'));
            }
            if (passed()) {
                sb.append(testCells == 0 ? "This notebook has no test cells; every cell ran without an error.\n"
                        : "Success! Your notebook passes all " + testCells + " visible test cell(s). Hidden tests, if any, run only at grading.\n");
            }
            return sb.toString();
        }
    }

    private final InterpreterFactory factory;
    private final Duration cellTimeout;

    public Validator(InterpreterFactory factory, Duration cellTimeout) {
        this.factory = factory;
        this.cellTimeout = cellTimeout;
    }

    public Validation validate(Notebook original) {
        Notebook nb = original.copy();
        List<String> failures = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        int tests = 0;
        List<Cell> cells = nb.cells();
        for (int i = 0; i < cells.size(); i++) {
            NbgraderMeta meta = NbgraderMeta.of(cells.get(i));
            if (meta != null && meta.checksum() != null && meta.isLocked() && meta.gradeId() != null
                    && !meta.checksum().equals(Checksum.of(cells.get(i)))) {
                changed.add("cell " + (i + 1) + " ('" + meta.gradeId() + "')");
            }
            if (meta != null && meta.cellType() != null && !meta.cellType().equals(cells.get(i).type())) {
                changed.add("cell " + (i + 1) + " ('" + meta.gradeId() + "') was a " + meta.cellType() + " cell and is now " + cells.get(i).type());
            }
        }
        NotebookRunner.Report report = new NotebookRunner(factory,
                new NotebookRunner.Options(cellTimeout, true, Duration.ofSeconds(5))).run(nb);
        for (int k = 0; k < report.runs().size(); k++) {
            int i = report.cellIndexes().get(k);
            CellRun run = report.runs().get(k);
            NbgraderMeta meta = NbgraderMeta.of(cells.get(i));
            if (meta != null && meta.grade() && !meta.solution()) {
                tests++;
                CellGrade grade = Scoring.testCell(meta.gradeId(), meta.points(), run);
                if (grade.scoreOrZero() < grade.maxScore() || (grade.maxScore() == 0 && !run.ok())) {
                    failures.add("cell " + (i + 1) + " ('" + meta.gradeId() + "', " + Report.points(grade.scoreOrZero()) + " of "
                            + Report.points(grade.maxScore()) + " points): " + grade.status()
                            + (grade.message().isEmpty() ? "" : "\n    " + Report.stripAnsi(grade.message())));
                }
            }
        }
        return new Validation(failures, changed, tests, nb);
    }
}
