package portolan.grader;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import portolan.grader.SubmissionResult.CellGrade;
import portolan.grader.SubmissionResult.TestGrade;
import portolan.notebook.Cell;
import portolan.notebook.CellRun;

/**
 * How a graded cell is scored.
 * <ul>
 * <li>A test cell scores its full points when it ran without an {@code error} output, and 0
 *     when it failed, timed out, crashed its worker or was not run. Unlike nbgrader, text on
 *     stderr and a trailing value do not change the score: Portolan reports every failure as an
 *     error output, so warnings cannot cost points.</li>
 * <li>Partial credit: a test cell that displays a {@value #TESTS_MIME} bundle (what a JUnit test
 *     class run in the cell shows) scores
 *     {@code points × (points of passed tests / points of all tests)}; each test's {@code points}
 *     defaults to 1, so by default every test is an equal share.</li>
 * <li>A manually graded answer scores 0 with "No response" if it is unchanged from the released
 *     placeholder (same checksum), and otherwise waits for a manual grade (score null);
 *     a task cell always waits for a manual grade.</li>
 * </ul>
 */
public final class Scoring {

    /**
     * The MIME type of a test report shown by a test cell:
     * {@code {"tests": [{"name": "...", "status": "passed|failed|aborted|skipped", "points": 2, "message": "..."}]}}.
     */
    public static final String TESTS_MIME = "application/vnd.portolan.tests+json";

    private Scoring() {
    }

    /** Scores a test cell from its outputs and how its run ended. */
    public static CellGrade testCell(String gradeId, double points, CellRun run) {
        List<TestGrade> tests = tests(run.outputs(), points);
        if (run.status() == CellRun.Status.TIMEOUT || run.status() == CellRun.Status.CRASHED || run.status() == CellRun.Status.SKIPPED) {
            String status = switch (run.status()) {
                case TIMEOUT -> "timeout";
                case CRASHED -> "crashed";
                default -> "not_run";
            };
            List<TestGrade> zeroed = tests.stream()
                    .map(t -> t.status().equals("passed") ? t : new TestGrade(t.name(), 0, t.maxScore(), t.status(), t.message()))
                    .toList();
            return new CellGrade(gradeId, CellGrade.TEST, 0.0, points, status, errorText(run.outputs()), zeroed);
        }
        if (!tests.isEmpty()) {
            double earned = tests.stream().mapToDouble(TestGrade::score).sum();
            long passed = tests.stream().filter(t -> t.status().equals("passed")).count();
            String status = passed == tests.size() ? "passed" : passed == 0 ? "failed" : "partial";
            String message = passed + " of " + tests.size() + " tests passed";
            return new CellGrade(gradeId, CellGrade.TEST, round(earned), points, status, message, tests);
        }
        if (run.status() == CellRun.Status.ERROR) {
            return new CellGrade(gradeId, CellGrade.TEST, 0.0, points, "failed", errorText(run.outputs()), List.of());
        }
        return new CellGrade(gradeId, CellGrade.TEST, points, points, "passed", "", List.of());
    }

    /** Scores a manually graded answer: 0 if left as released, else pending a manual grade. */
    public static CellGrade manualAnswer(String gradeId, double points, Cell submitted, String releasedChecksum) {
        boolean unchanged = releasedChecksum != null && releasedChecksum.equals(Checksum.of(submitted));
        return unchanged
                ? new CellGrade(gradeId, CellGrade.MANUAL, 0.0, points, "no_response", "No response.", List.of())
                : new CellGrade(gradeId, CellGrade.MANUAL, null, points, "needs_manual_grade", "Waits for a grader.", List.of());
    }

    public static CellGrade task(String gradeId, double points) {
        return new CellGrade(gradeId, CellGrade.TASK, null, points, "needs_manual_grade", "Waits for a grader.", List.of());
    }

    /** The tests reported by {@value #TESTS_MIME} displays, with each one's share of {@code cellPoints}. */
    static List<TestGrade> tests(JsonArray outputs, double cellPoints) {
        List<JsonObject> reported = new ArrayList<>();
        for (JsonElement o : outputs) {
            JsonObject output = o.getAsJsonObject();
            if (output.get("data") instanceof JsonObject data && data.get(TESTS_MIME) instanceof JsonObject report
                    && report.get("tests") instanceof JsonArray tests) {
                tests.forEach(t -> reported.add(t.getAsJsonObject()));
            }
        }
        double total = 0;
        for (JsonObject t : reported) {
            total += weight(t);
        }
        List<TestGrade> grades = new ArrayList<>();
        for (JsonObject t : reported) {
            double max = total > 0 ? cellPoints * weight(t) / total : cellPoints / reported.size();
            String status = t.has("status") ? t.get("status").getAsString() : "failed";
            String message = t.has("message") && !t.get("message").isJsonNull() ? t.get("message").getAsString() : "";
            grades.add(new TestGrade(t.has("name") ? t.get("name").getAsString() : "test " + (grades.size() + 1),
                    status.equals("passed") ? round(max) : 0, round(max), status, message));
        }
        return grades;
    }

    private static double weight(JsonObject test) {
        JsonElement p = test.get("points");
        return p != null && p.isJsonPrimitive() && p.getAsJsonPrimitive().isNumber() && p.getAsDouble() >= 0 ? p.getAsDouble() : 1;
    }

    /** The first error output as one line: {@code ename: evalue}. */
    static String errorText(JsonArray outputs) {
        for (JsonElement o : outputs) {
            JsonObject output = o.getAsJsonObject();
            if (output.get("output_type").getAsString().equals("error")) {
                String evalue = output.get("evalue").getAsString();
                return output.get("ename").getAsString() + (evalue.isEmpty() ? "" : ": " + evalue);
            }
        }
        return "";
    }

    /** Rounds to 1e-6 so that shares like 1/3 add up to the cell's points in reports. */
    static double round(double x) {
        return Math.round(x * 1e6) / 1e6;
    }
}
