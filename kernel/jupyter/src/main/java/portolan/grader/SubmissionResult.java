package portolan.grader;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import portolan.notebook.PythonJson;

/**
 * The grades of one student's notebook: per grade cell its score, maximum, status and message
 * (and per JUnit test, when the cell reports tests), plus the integrity issues found (changed or
 * deleted locked cells, duplicate or unknown ids). Stored as {@code result.json} next to the
 * autograded notebook; the gradebook, feedback and Gradescope exports are made from it.
 */
public record SubmissionResult(String assignment, String student, String notebook, String inputSha256,
                               String status, List<CellGrade> cells, List<Issue> issues) {

    /** A submission was found and graded. */
    public static final String GRADED = "graded";
    /** No notebook was submitted; every cell scores 0. */
    public static final String MISSING = "missing";
    /** The submitted file is not a readable notebook; every cell scores 0. */
    public static final String UNREADABLE = "unreadable";

    public SubmissionResult {
        cells = List.copyOf(cells);
        issues = List.copyOf(issues);
    }

    /** One graded cell. {@code score} is null while a manually graded answer awaits its grade. */
    public record CellGrade(String gradeId, String kind, Double score, double maxScore, String status,
                            String message, List<TestGrade> tests) {
        /** Kinds: an autograded test cell, a manually graded answer, a manually graded task. */
        public static final String TEST = "test";
        public static final String MANUAL = "manual";
        public static final String TASK = "task";

        public CellGrade {
            tests = List.copyOf(tests);
        }

        public double scoreOrZero() {
            return score == null ? 0 : score;
        }
    }

    /** One JUnit test of a test cell. */
    public record TestGrade(String name, double score, double maxScore, String status, String message) {
    }

    /** Something wrong with the submission itself, reported to the instructor (and the student). */
    public record Issue(String gradeId, String kind, String message) {
        public static final String CHANGED = "changed";
        public static final String DELETED = "deleted";
        public static final String DUPLICATE = "duplicate";
        public static final String UNKNOWN = "unknown";
        public static final String TYPE_CHANGED = "type_changed";
        public static final String UNREADABLE = "unreadable";
    }

    public double score() {
        return cells.stream().mapToDouble(CellGrade::scoreOrZero).sum();
    }

    public double maxScore() {
        return cells.stream().mapToDouble(CellGrade::maxScore).sum();
    }

    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("assignment", assignment);
        o.addProperty("student", student);
        o.addProperty("notebook", notebook);
        o.addProperty("input_sha256", inputSha256);
        o.addProperty("status", status);
        o.addProperty("score", score());
        o.addProperty("max_score", maxScore());
        JsonArray cellArray = new JsonArray();
        for (CellGrade c : cells) {
            cellArray.add(cellJson(c));
        }
        o.add("cells", cellArray);
        JsonArray issueArray = new JsonArray();
        for (Issue i : issues) {
            JsonObject j = new JsonObject();
            j.addProperty("grade_id", i.gradeId());
            j.addProperty("kind", i.kind());
            j.addProperty("message", i.message());
            issueArray.add(j);
        }
        o.add("issues", issueArray);
        return o;
    }

    /** One cell's grade as stored in result.json and in the autograded notebook's {@code metadata.portolan.grade}. */
    public static JsonObject cellJson(CellGrade c) {
        JsonObject j = new JsonObject();
        j.addProperty("grade_id", c.gradeId());
        j.addProperty("kind", c.kind());
        j.add("score", c.score() == null ? JsonNull.INSTANCE : new com.google.gson.JsonPrimitive(c.score()));
        j.addProperty("max_score", c.maxScore());
        j.addProperty("status", c.status());
        j.addProperty("message", c.message());
        JsonArray tests = new JsonArray();
        for (TestGrade t : c.tests()) {
            JsonObject tj = new JsonObject();
            tj.addProperty("name", t.name());
            tj.addProperty("score", t.score());
            tj.addProperty("max_score", t.maxScore());
            tj.addProperty("status", t.status());
            tj.addProperty("message", t.message());
            tests.add(tj);
        }
        j.add("tests", tests);
        return j;
    }

    public String toJsonText() {
        return PythonJson.write(toJson()) + "\n";
    }

    /** Reads a result written by {@link #toJsonText()}. */
    public static SubmissionResult fromJson(JsonObject o) {
        List<CellGrade> cells = new ArrayList<>();
        for (JsonElement e : o.getAsJsonArray("cells")) {
            JsonObject c = e.getAsJsonObject();
            List<TestGrade> tests = new ArrayList<>();
            for (JsonElement t : c.getAsJsonArray("tests")) {
                JsonObject tj = t.getAsJsonObject();
                tests.add(new TestGrade(str(tj, "name"), tj.get("score").getAsDouble(), tj.get("max_score").getAsDouble(),
                        str(tj, "status"), str(tj, "message")));
            }
            cells.add(new CellGrade(str(c, "grade_id"), str(c, "kind"), c.get("score").isJsonNull() ? null : c.get("score").getAsDouble(),
                    c.get("max_score").getAsDouble(), str(c, "status"), str(c, "message"), tests));
        }
        List<Issue> issues = new ArrayList<>();
        for (JsonElement e : o.getAsJsonArray("issues")) {
            JsonObject i = e.getAsJsonObject();
            issues.add(new Issue(str(i, "grade_id"), str(i, "kind"), str(i, "message")));
        }
        return new SubmissionResult(str(o, "assignment"), str(o, "student"), str(o, "notebook"), str(o, "input_sha256"),
                str(o, "status"), cells, issues);
    }

    private static String str(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }
}
