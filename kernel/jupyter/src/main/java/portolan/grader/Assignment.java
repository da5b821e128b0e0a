package portolan.grader;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import portolan.notebook.Cell;
import portolan.notebook.Notebook;

/**
 * An assignment as the grader needs it, derived from the instructor notebook (nbgrader's
 * "source" version, with solutions and hidden tests): for every nbgrader cell the instructor's
 * cell and the released (student) cell with its checksum. This takes the place of nbgrader's
 * gradebook database, so grading needs nothing but the instructor notebook.
 */
public final class Assignment {

    /** Our own per-cell settings live under this metadata key, never inside {@code nbgrader}. */
    public static final String METADATA_KEY = "portolan";

    /** One nbgrader cell of the assignment. */
    public record SourceCell(String gradeId, int index, Cell instructor, Cell released) {
        public NbgraderMeta meta() {
            return NbgraderMeta.of(released);
        }

        public String releasedChecksum() {
            return meta().checksum();
        }

        /** The cell's own time limit ({@code metadata.portolan.timeout}, seconds), or null. */
        public Duration timeout() {
            if (instructor.metadata().get(METADATA_KEY) instanceof JsonObject own) {
                JsonElement t = own.get("timeout");
                if (t != null && t.isJsonPrimitive() && t.getAsJsonPrimitive().isNumber() && t.getAsDouble() > 0) {
                    return Duration.ofMillis((long) (t.getAsDouble() * 1000));
                }
            }
            return null;
        }
    }

    private final String name;
    private final Notebook instructor;
    private final Notebook released;
    private final Map<String, SourceCell> cells;

    private Assignment(String name, Notebook instructor, Notebook released, Map<String, SourceCell> cells) {
        this.name = name;
        this.instructor = instructor;
        this.released = released;
        this.cells = cells;
    }

    /**
     * Prepares an assignment from its instructor notebook.
     *
     * @throws GradingException if the notebook's nbgrader metadata or markers are invalid
     */
    public static Assignment of(String name, Notebook instructor) {
        Notebook released = Release.studentVersion(instructor);
        Map<String, SourceCell> cells = new LinkedHashMap<>();
        List<Cell> source = instructor.cells();
        List<Cell> student = released.cells();
        for (int i = 0; i < source.size(); i++) {
            NbgraderMeta meta = NbgraderMeta.of(source.get(i));
            if (meta != null && meta.gradeId() != null && !meta.gradeId().isEmpty()
                    && (meta.grade() || meta.solution() || meta.isLocked() || meta.task())) {
                cells.put(meta.gradeId(), new SourceCell(meta.gradeId(), i, source.get(i), student.get(i)));
            }
        }
        if (cells.values().stream().noneMatch(c -> c.meta().grade() || c.meta().task())) {
            throw new GradingException("the instructor notebook has no graded cells: mark test cells as"
                    + " \"Autograder tests\" (nbgrader metadata grade=true with points)");
        }
        return new Assignment(name, instructor, released, Collections.unmodifiableMap(cells));
    }

    public String name() {
        return name;
    }

    public Notebook instructor() {
        return instructor;
    }

    /** The student version (what {@code release} writes). */
    public Notebook released() {
        return released;
    }

    /** The nbgrader cells by grade_id, in notebook order. */
    public Map<String, SourceCell> cells() {
        return cells;
    }

    /** The cells that carry points (tests, manually graded answers, tasks), in notebook order. */
    public List<SourceCell> gradedCells() {
        List<SourceCell> graded = new ArrayList<>();
        for (SourceCell c : cells.values()) {
            if (c.meta().grade() || c.meta().task()) {
                graded.add(c);
            }
        }
        return graded;
    }

    public double maxScore() {
        return gradedCells().stream().mapToDouble(c -> c.meta().points()).sum();
    }
}
