package portolan.grader;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import portolan.grader.SubmissionResult.CellGrade;
import portolan.grader.SubmissionResult.TestGrade;
import portolan.notebook.PythonJson;

/**
 * Class-wide exports of {@link SubmissionResult}s: a per-cell CSV (student, assignment, cell,
 * points, max, status), the same as JSON with per-student totals, and Gradescope's
 * {@code results.json} for one submission (one test per graded cell, or per JUnit test).
 */
public final class Gradebook {

    private Gradebook() {
    }

    /** One row per student and graded cell; points are empty while a manual grade is pending. */
    public static String csv(List<SubmissionResult> results) {
        StringBuilder sb = new StringBuilder("student,assignment,cell,points,max,status\r\n");
        for (SubmissionResult r : results) {
            for (CellGrade c : r.cells()) {
                sb.append(Report.csv(r.student())).append(',').append(Report.csv(r.assignment())).append(',')
                        .append(Report.csv(c.gradeId())).append(',').append(c.score() == null ? "" : Report.points(c.score())).append(',')
                        .append(Report.points(c.maxScore())).append(',').append(Report.csv(c.status())).append("\r\n");
            }
        }
        return sb.toString();
    }

    /** {@code {"students": [{student, assignment, status, score, max_score, issues, cells: [...]}]}}. */
    public static String json(List<SubmissionResult> results) {
        JsonArray students = new JsonArray();
        for (SubmissionResult r : results) {
            JsonObject s = r.toJson();
            s.remove("input_sha256");
            students.add(s);
        }
        JsonObject root = new JsonObject();
        root.add("students", students);
        return PythonJson.write(root) + "\n";
    }

    /**
     * Gradescope's {@code results.json}: {@code score} (total) and {@code tests[]} with
     * {@code name}, {@code score}, {@code max_score}, {@code status}, {@code output}.
     */
    public static String gradescope(SubmissionResult r) {
        JsonObject root = new JsonObject();
        root.addProperty("score", Scoring.round(r.score()));
        StringBuilder output = new StringBuilder(r.assignment() + ": " + Report.points(r.score()) + " / " + Report.points(r.maxScore()));
        r.issues().forEach(i -> output.append("\n").append(i.message()));
        root.addProperty("output", output.toString());
        JsonArray tests = new JsonArray();
        for (CellGrade c : r.cells()) {
            if (c.tests().isEmpty()) {
                tests.add(test(c.gradeId(), c.score() == null ? null : c.score(), c.maxScore(), c.status(), c.message()));
            } else {
                for (TestGrade t : c.tests()) {
                    tests.add(test(c.gradeId() + " / " + t.name(), t.score(), t.maxScore(), t.status(), t.message()));
                }
            }
        }
        root.add("tests", tests);
        return PythonJson.write(root) + "\n";
    }

    private static JsonObject test(String name, Double score, double max, String status, String message) {
        JsonObject t = new JsonObject();
        t.addProperty("name", name);
        if (score != null) {
            // left out while a manual grade is pending: Gradescope then shows the test without a score
            t.addProperty("score", score);
        }
        t.addProperty("max_score", max);
        t.addProperty("status", status.equals("passed") ? "passed" : "failed");
        t.addProperty("output", status + (message.isEmpty() ? "" : ": " + message));
        return t;
    }
}
