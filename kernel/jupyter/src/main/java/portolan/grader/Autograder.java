package portolan.grader;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import portolan.grader.Assignment.SourceCell;
import portolan.grader.SubmissionResult.CellGrade;
import portolan.grader.SubmissionResult.Issue;
import portolan.notebook.Cell;
import portolan.notebook.CellRun;
import portolan.notebook.CellSession;
import portolan.notebook.InterpreterFactory;
import portolan.notebook.Notebook;

/**
 * Grades one submission against an {@link Assignment}, as nbgrader's {@code autograde} does:
 * outputs are cleared; duplicated grade ids keep only the last cell; test and read-only cells
 * are restored from the instructor version (which puts the hidden tests back), and a student's
 * change to one of them, detected by checksum, is reported; deleted cells are put back; then
 * every code cell runs top to bottom in a fresh worker and the graded cells are scored.
 */
public final class Autograder {

    /** Limits for one submission. */
    public record Limits(Duration cell, Duration submission, Duration grace) {
        public static Limits defaults() {
            return new Limits(Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofSeconds(5));
        }
    }

    /** The outcome: the scores and the notebook as run (with outputs and per-cell grades in metadata). */
    public record Graded(SubmissionResult result, Notebook notebook) {
    }

    private final Assignment assignment;
    private final InterpreterFactory factory;
    private final Limits limits;

    public Autograder(Assignment assignment, InterpreterFactory factory, Limits limits) {
        this.assignment = assignment;
        this.factory = factory;
        this.limits = limits;
    }

    /** Grades {@code submission}; its notebook is not changed. */
    public Graded grade(String student, String notebookName, String inputSha256, Notebook submission) {
        List<Issue> issues = new ArrayList<>();
        Notebook nb = sanitize(submission.copy(), issues);
        Map<String, CellGrade> grades = new LinkedHashMap<>();
        try (CellSession session = new CellSession(factory, limits.cell(), limits.submission(), limits.grace())) {
            for (Cell cell : nb.cells()) {
                NbgraderMeta meta = NbgraderMeta.of(cell);
                SourceCell source = meta == null ? null : assignment.cells().get(meta.gradeId());
                if (cell.isCode() && !cell.source().isBlank()) {
                    Duration timeout = source != null && source.timeout() != null ? source.timeout() : limits.cell();
                    CellRun run = session.execute(cell.source(), timeout);
                    cell.json().add("outputs", run.outputs());
                    cell.setExecutionCount(run.executionCount());
                    if (source != null && source.meta().grade() && !source.meta().solution()) {
                        grades.put(source.gradeId(), Scoring.testCell(source.gradeId(), source.meta().points(), run));
                    }
                }
                if (source != null && source.meta().grade() && source.meta().solution()) {
                    grades.put(source.gradeId(), Scoring.manualAnswer(source.gradeId(), source.meta().points(), cell, source.releasedChecksum()));
                } else if (source != null && source.meta().task()) {
                    grades.put(source.gradeId(), Scoring.task(source.gradeId(), source.meta().points()));
                } else if (source != null && source.meta().grade() && !grades.containsKey(source.gradeId())) {
                    // an empty test cell: nothing to fail, as in nbgrader
                    grades.put(source.gradeId(), new CellGrade(source.gradeId(), CellGrade.TEST, source.meta().points(),
                            source.meta().points(), "passed", "", List.of()));
                }
            }
        }
        List<CellGrade> ordered = new ArrayList<>();
        for (SourceCell c : assignment.gradedCells()) {
            ordered.add(grades.get(c.gradeId()));
        }
        annotate(nb, grades);
        SubmissionResult result = new SubmissionResult(assignment.name(), student, notebookName, inputSha256,
                SubmissionResult.GRADED, ordered, issues);
        return new Graded(result, nb);
    }

    /** The result for a student who submitted nothing usable: every graded cell scores 0. */
    public SubmissionResult zero(String student, String notebookName, String inputSha256, String status, String why) {
        List<CellGrade> cells = new ArrayList<>();
        for (SourceCell c : assignment.gradedCells()) {
            String kind = c.meta().task() ? CellGrade.TASK : c.meta().solution() ? CellGrade.MANUAL : CellGrade.TEST;
            cells.add(new CellGrade(c.gradeId(), kind, 0.0, c.meta().points(), "not_submitted", why, List.of()));
        }
        List<Issue> issues = status.equals(SubmissionResult.UNREADABLE) ? List.of(new Issue(null, Issue.UNREADABLE, why)) : List.of();
        return new SubmissionResult(assignment.name(), student, notebookName, inputSha256, status, cells, issues);
    }

    /** nbgrader's ClearOutput, DeduplicateIds, OverwriteKernelspec and OverwriteCells (with add_missing_cells). */
    Notebook sanitize(Notebook nb, List<Issue> issues) {
        nb.cells().forEach(Cell::clearOutputs);
        deduplicate(nb, issues);
        if (assignment.instructor().metadata().get("kernelspec") instanceof JsonObject kernelspec) {
            nb.metadata().add("kernelspec", kernelspec.deepCopy());
        }
        Set<String> present = new HashSet<>();
        List<Cell> cells = nb.cells();
        for (int i = cells.size() - 1; i >= 0; i--) {
            Cell cell = cells.get(i);
            NbgraderMeta meta = NbgraderMeta.of(cell);
            if (meta == null) {
                continue;
            }
            SourceCell source = assignment.cells().get(meta.gradeId());
            if (source == null) {
                issues.add(new Issue(meta.gradeId(), Issue.UNKNOWN, "cell " + (i + 1) + " has grade_id '" + meta.gradeId()
                        + "', which the assignment does not have; it was graded as an ordinary cell"));
                cell.metadata().remove("nbgrader");
                continue;
            }
            present.add(source.gradeId());
            overwrite(cell, source, issues);
        }
        restoreMissing(nb, present, issues);
        issues.sort((a, b) -> order(a) - order(b));
        return nb;
    }

    private int order(Issue issue) {
        SourceCell c = issue.gradeId() == null ? null : assignment.cells().get(issue.gradeId());
        return c == null ? Integer.MAX_VALUE : c.index();
    }

    private static void deduplicate(Notebook nb, List<Issue> issues) {
        Set<String> seen = new HashSet<>();
        List<Cell> cells = nb.cells();
        for (int i = cells.size() - 1; i >= 0; i--) {
            NbgraderMeta meta = NbgraderMeta.of(cells.get(i));
            if (meta == null || meta.gradeId() == null) {
                continue;
            }
            if (!seen.add(meta.gradeId())) {
                issues.add(new Issue(meta.gradeId(), Issue.DUPLICATE, "cell " + (i + 1) + " is a copy of the cell '" + meta.gradeId()
                        + "'; only the last copy was graded"));
                cells.get(i).metadata().remove("nbgrader");
            }
        }
    }

    private static void overwrite(Cell cell, SourceCell source, List<Issue> issues) {
        NbgraderMeta released = source.meta();
        if (!cell.type().equals(source.released().type())) {
            issues.add(new Issue(source.gradeId(), Issue.TYPE_CHANGED, "the cell '" + source.gradeId() + "' was changed from "
                    + source.released().type() + " to " + cell.type() + "; it was changed back"));
            cell.setType(source.released().type());
        }
        cell.metadata().add("nbgrader", released.json().deepCopy());
        if (released.isLocked()) {
            if (!released.checksum().equals(Checksum.of(cell))) {
                issues.add(new Issue(source.gradeId(), Issue.CHANGED, "the locked cell '" + source.gradeId()
                        + "' was edited; the instructor's version was graded instead"));
            }
            cell.setSource(source.instructor().source());
        }
    }

    /** Puts deleted cells back after the nearest earlier cell that is still there (nbgrader's add_missing_cells). */
    private void restoreMissing(Notebook nb, Set<String> present, List<Issue> issues) {
        String previous = null;
        for (SourceCell source : assignment.cells().values()) {
            if (!present.contains(source.gradeId())) {
                Cell restored = (source.meta().isLocked() ? source.instructor() : source.released()).copy();
                restored.metadata().add("nbgrader", source.meta().json().deepCopy());
                restored.clearOutputs();
                nb.addCell(insertionPoint(nb, previous), restored);
                issues.add(new Issue(source.gradeId(), Issue.DELETED, "the cell '" + source.gradeId() + "' was deleted; "
                        + (source.meta().isLocked() ? "the instructor's version was put back" : "the empty answer cell was put back")));
                present.add(source.gradeId());
            }
            previous = source.gradeId();
        }
    }

    private static int insertionPoint(Notebook nb, String previousGradeId) {
        if (previousGradeId == null) {
            return 0;
        }
        List<Cell> cells = nb.cells();
        for (int i = 0; i < cells.size(); i++) {
            NbgraderMeta meta = NbgraderMeta.of(cells.get(i));
            if (meta != null && previousGradeId.equals(meta.gradeId())) {
                return i + 1;
            }
        }
        return cells.size();
    }

    /** Stores each graded cell's result under {@code metadata.portolan.grade} (never inside nbgrader's key). */
    private static void annotate(Notebook nb, Map<String, CellGrade> grades) {
        for (Cell cell : nb.cells()) {
            NbgraderMeta meta = NbgraderMeta.of(cell);
            if (meta != null && grades.containsKey(meta.gradeId())) {
                JsonObject own = cell.metadata().get(Assignment.METADATA_KEY) instanceof JsonObject o ? o : new JsonObject();
                own.add("grade", SubmissionResult.cellJson(grades.get(meta.gradeId())));
                cell.metadata().add(Assignment.METADATA_KEY, own);
            }
        }
    }
}
