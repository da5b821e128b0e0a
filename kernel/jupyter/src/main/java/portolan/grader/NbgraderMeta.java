package portolan.grader;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import portolan.notebook.Cell;

/**
 * A view of a cell's {@code metadata.nbgrader} object, nbgrader's cell metadata schema v3
 * ({@code grade}, {@code grade_id}, {@code locked}, {@code points}, {@code schema_version},
 * {@code solution}, {@code task}, {@code checksum}, {@code cell_type}). It reads and writes
 * the object in place, so what nbgrader wrote stays exactly as written; our own data never goes
 * in here (nbgrader deletes unknown keys) but under {@code metadata.portolan}.
 */
public final class NbgraderMeta {

    /** The only schema version nbgrader 0.9 accepts. */
    public static final int SCHEMA_VERSION = 3;
    private static final Pattern GRADE_ID = Pattern.compile("^[a-zA-Z0-9_\\-]*$");

    private final Cell cell;
    private final JsonObject json;

    private NbgraderMeta(Cell cell, JsonObject json) {
        this.cell = cell;
        this.json = json;
    }

    /** The cell's nbgrader metadata, or null if it has none (an ordinary cell). */
    public static NbgraderMeta of(Cell cell) {
        return cell.metadata().get("nbgrader") instanceof JsonObject o ? new NbgraderMeta(cell, o) : null;
    }

    /** Adds (or replaces) nbgrader metadata on {@code cell}. */
    public static NbgraderMeta create(Cell cell, String gradeId, boolean grade, boolean solution, boolean locked, Double points) {
        JsonObject o = new JsonObject();
        o.addProperty("grade", grade);
        o.addProperty("grade_id", gradeId);
        o.addProperty("locked", locked);
        if (points != null) {
            o.addProperty("points", points);
        }
        o.addProperty("schema_version", SCHEMA_VERSION);
        o.addProperty("solution", solution);
        cell.metadata().add("nbgrader", o);
        return new NbgraderMeta(cell, o);
    }

    public JsonObject json() {
        return json;
    }

    public boolean grade() {
        return bool("grade");
    }

    public boolean solution() {
        return bool("solution");
    }

    public boolean task() {
        return bool("task");
    }

    /** The stored {@code locked} flag; see {@link #isLocked()} for what nbgrader actually uses. */
    public boolean lockedFlag() {
        return bool("locked");
    }

    /** nbgrader's {@code is_locked}: never for solution cells, always for grade cells, else the flag. */
    public boolean isLocked() {
        if (solution()) {
            return false;
        }
        return grade() || lockedFlag();
    }

    public String gradeId() {
        JsonElement id = json.get("grade_id");
        return id != null && id.isJsonPrimitive() ? id.getAsString() : null;
    }

    /** The maximum points as a double (0 when absent). */
    public double points() {
        JsonElement p = json.get("points");
        return p != null && p.isJsonPrimitive() && p.getAsJsonPrimitive().isNumber() ? p.getAsDouble() : 0;
    }

    public boolean hasPoints() {
        JsonElement p = json.get("points");
        return p != null && p.isJsonPrimitive() && p.getAsJsonPrimitive().isNumber();
    }

    public String checksum() {
        JsonElement c = json.get("checksum");
        return c != null && c.isJsonPrimitive() ? c.getAsString() : null;
    }

    public void setChecksum(String checksum) {
        json.addProperty("checksum", checksum);
    }

    /** The cell type recorded at release ({@code metadata.nbgrader.cell_type}), or null. */
    public String cellType() {
        JsonElement c = json.get("cell_type");
        return c != null && c.isJsonPrimitive() ? c.getAsString() : null;
    }

    public void setCellType(String type) {
        json.addProperty("cell_type", type);
    }

    /** Copies a value (e.g. {@code points}, {@code locked}) from another cell's metadata, keeping its JSON form. */
    public void copyFrom(NbgraderMeta other, String key) {
        JsonElement v = other.json.get(key);
        if (v == null) {
            json.remove(key);
        } else {
            json.add(key, v.deepCopy());
        }
    }

    public Cell cell() {
        return cell;
    }

    private boolean bool(String key) {
        JsonElement v = json.get(key);
        return v instanceof JsonPrimitive p && p.isBoolean() && p.getAsBoolean();
    }

    /**
     * The problems nbgrader's schema v3 and {@code CheckCellMetadata} would report for this cell,
     * as sentences naming the cell; empty when it is valid.
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        String where = gradeId() == null || gradeId().isEmpty() ? "a cell without grade_id" : "cell '" + gradeId() + "'";
        JsonElement version = json.get("schema_version");
        if (version == null) {
            problems.add(where + " has no nbgrader schema_version (expected 3)");
        } else if (!version.isJsonPrimitive() || !version.getAsJsonPrimitive().isNumber() || version.getAsDouble() != SCHEMA_VERSION) {
            problems.add(where + " uses nbgrader metadata schema " + version + "; only schema 3 is supported (run `nbgrader update` on it)");
        }
        for (String key : new String[] {"grade", "solution", "locked"}) {
            if (!(json.get(key) instanceof JsonPrimitive p) || !p.isBoolean()) {
                problems.add(where + " needs a true/false '" + key + "' in metadata.nbgrader");
            }
        }
        if ((grade() || solution() || lockedFlag() || task()) && (gradeId() == null || gradeId().isEmpty())) {
            problems.add("a " + cell.type() + " cell marked as nbgrader grade/solution/locked has no grade_id");
        } else if (gradeId() != null && !GRADE_ID.matcher(gradeId()).matches()) {
            problems.add(where + ": grade_id may only contain letters, digits, '_' and '-'");
        }
        if ((grade() || task()) && !hasPoints()) {
            problems.add(where + " is graded but has no 'points'");
        } else if (hasPoints() && points() < 0) {
            problems.add(where + " has negative points (" + points() + ")");
        }
        if (checksum() != null && checksum().length() != 32) {
            problems.add(where + " has a checksum that is not 32 hex digits");
        }
        if (task() && !cell.type().equals("markdown")) {
            problems.add(where + " is a task but task cells must be markdown");
        }
        if (cell.type().equals("markdown") && !task() && grade() != solution()) {
            problems.add(where + " is a markdown cell with " + (grade() ? "grade but not solution" : "solution but not grade")
                    + "; a manually graded answer needs both");
        }
        return problems;
    }
}
