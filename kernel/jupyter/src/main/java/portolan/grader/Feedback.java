package portolan.grader;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import portolan.grader.SubmissionResult.CellGrade;
import portolan.grader.SubmissionResult.Issue;
import portolan.grader.SubmissionResult.TestGrade;
import portolan.notebook.Cell;
import portolan.notebook.Notebook;

/**
 * Feedback for one student: the autograded notebook with scores per cell and per test and the
 * failure messages, as a notebook and as a self-contained HTML page. Hidden test code never
 * appears: hidden regions are cut from test cells, and output lines quoting a hidden line are
 * removed (a hidden test's failure still shows its message). Student-made HTML output is shown
 * as text only, so the page runs no student code.
 */
public final class Feedback {

    private Feedback() {
    }

    /** The autograded notebook with hidden test code removed from sources and outputs. */
    public static Notebook withoutHiddenTests(Notebook autograded) {
        Notebook nb = autograded.copy();
        for (Cell cell : nb.cells()) {
            if (!Regions.has(cell.source(), Regions.HIDDEN_TESTS)) {
                continue;
            }
            List<String> hidden = hiddenLines(cell.source());
            cell.setSource(Regions.remove(cell.source(), Regions.HIDDEN_TESTS, "a test cell"));
            for (JsonElement o : cell.outputs()) {
                scrub(o.getAsJsonObject(), hidden);
            }
        }
        return nb;
    }

    /** The feedback notebook: hidden tests removed, a summary at the top and a score note after each graded cell. */
    public static Notebook notebook(Notebook autograded, SubmissionResult result) {
        Notebook nb = withoutHiddenTests(autograded);
        Map<String, CellGrade> grades = byId(result);
        List<Cell> cells = nb.cells();
        for (int i = cells.size() - 1; i >= 0; i--) {
            NbgraderMeta meta = NbgraderMeta.of(cells.get(i));
            if (meta != null && grades.containsKey(meta.gradeId())) {
                Cell note = Cell.markdown(cellNote(grades.get(meta.gradeId())));
                note.metadata().add(Assignment.METADATA_KEY, marker());
                nb.addCell(i + 1, note);
            }
        }
        Cell summary = Cell.markdown(summaryMarkdown(result));
        summary.metadata().add(Assignment.METADATA_KEY, marker());
        nb.addCell(0, summary);
        return nb;
    }

    /** A self-contained HTML page for the student. {@code autograded} may be null (nothing submitted). */
    public static String html(Notebook autograded, SubmissionResult result) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(Report.html(result.assignment() + " – " + result.student())).append("</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em;color:#222}\n")
                .append("pre{background:#f6f6f6;padding:.6em;overflow-x:auto;white-space:pre-wrap}\n")
                .append(".out{background:#fff;border-left:3px solid #ccc}.err{border-left-color:#c33;color:#900}\n")
                .append(".grade{padding:.3em .6em;border-radius:4px;display:inline-block;margin:.3em 0}\n")
                .append(".passed{background:#dfd}.failed,.timeout,.crashed,.not_run,.not_submitted,.no_response{background:#fdd}")
                .append(".partial,.needs_manual_grade{background:#ffd}\n")
                .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left}\n")
                .append("</style>\n</head>\n<body>\n");
        h.append("<h1>").append(Report.html(result.assignment())).append(" – ").append(Report.html(result.student())).append("</h1>\n");
        h.append("<p><strong>Score: ").append(Report.points(result.score())).append(" / ").append(Report.points(result.maxScore()))
                .append("</strong>").append(result.status().equals(SubmissionResult.GRADED) ? "" : " (" + Report.html(result.status()) + ")")
                .append("</p>\n");
        h.append(summaryTable(result));
        if (!result.issues().isEmpty()) {
            h.append("<h2>Problems with the submission</h2>\n<ul>\n");
            for (Issue issue : result.issues()) {
                h.append("<li>").append(Report.html(issue.message())).append("</li>\n");
            }
            h.append("</ul>\n");
        }
        if (autograded != null) {
            Map<String, CellGrade> grades = byId(result);
            h.append("<h2>Your notebook</h2>\n");
            for (Cell cell : withoutHiddenTests(autograded).cells()) {
                h.append(cell.isCode() ? "<pre><code>" : "<pre class=\"md\">").append(Report.html(cell.source()))
                        .append(cell.isCode() ? "</code></pre>\n" : "</pre>\n");
                for (JsonElement o : cell.outputs()) {
                    h.append(outputHtml(o.getAsJsonObject()));
                }
                NbgraderMeta meta = NbgraderMeta.of(cell);
                if (meta != null && grades.containsKey(meta.gradeId())) {
                    h.append(gradeHtml(grades.get(meta.gradeId())));
                }
            }
        }
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    private static String summaryTable(SubmissionResult result) {
        StringBuilder h = new StringBuilder("<table>\n<tr><th>cell</th><th>score</th><th>status</th><th>message</th></tr>\n");
        for (CellGrade c : result.cells()) {
            h.append("<tr><td>").append(Report.html(c.gradeId())).append("</td><td>").append(score(c)).append("</td><td class=\"")
                    .append(c.status()).append("\">").append(Report.html(c.status())).append("</td><td>")
                    .append(Report.html(c.message())).append("</td></tr>\n");
        }
        return h.append("</table>\n").toString();
    }

    private static String gradeHtml(CellGrade c) {
        StringBuilder h = new StringBuilder("<div class=\"grade " + c.status() + "\">" + Report.html(c.gradeId()) + ": " + score(c)
                + " – " + Report.html(c.status()) + (c.message().isEmpty() ? "" : " – " + Report.html(c.message())) + "</div>\n");
        if (!c.tests().isEmpty()) {
            h.append("<table>\n<tr><th>test</th><th>score</th><th>status</th><th>message</th></tr>\n");
            for (TestGrade t : c.tests()) {
                h.append("<tr><td>").append(Report.html(t.name())).append("</td><td>").append(Report.points(t.score())).append(" / ")
                        .append(Report.points(t.maxScore())).append("</td><td class=\"").append(t.status()).append("\">")
                        .append(Report.html(t.status())).append("</td><td>").append(Report.html(t.message())).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        return h.toString();
    }

    private static String outputHtml(JsonObject o) {
        String type = o.get("output_type").getAsString();
        String text = switch (type) {
            case "stream" -> Cell.joined(o.get("text"));
            case "error" -> o.get("ename").getAsString() + ": " + o.get("evalue").getAsString() + "\n"
                    + String.join("\n", strings(o.getAsJsonArray("traceback")));
            default -> o.get("data") instanceof JsonObject data ? Cell.joined(data.get("text/plain")) : "";
        };
        String cls = type.equals("error") || (type.equals("stream") && o.get("name").getAsString().equals("stderr")) ? "out err" : "out";
        return "<pre class=\"" + cls + "\">" + Report.html(Report.stripAnsi(text)) + "</pre>\n";
    }

    private static String score(CellGrade c) {
        return (c.score() == null ? "?" : Report.points(c.score())) + " / " + Report.points(c.maxScore());
    }

    static String summaryMarkdown(SubmissionResult r) {
        StringBuilder md = new StringBuilder("# Feedback: " + r.assignment() + " (" + r.student() + ")\n\n");
        md.append("**Score: ").append(Report.points(r.score())).append(" / ").append(Report.points(r.maxScore())).append("**\n\n");
        md.append("| cell | score | status | message |\n|---|---|---|---|\n");
        for (CellGrade c : r.cells()) {
            md.append("| ").append(c.gradeId()).append(" | ").append(score(c)).append(" | ").append(c.status()).append(" | ")
                    .append(c.message().replace("|", "\\|").replace("\n", " ")).append(" |\n");
        }
        for (Issue issue : r.issues()) {
            md.append("\n- ").append(issue.message());
        }
        return md.toString().stripTrailing();
    }

    private static String cellNote(CellGrade c) {
        StringBuilder md = new StringBuilder("**" + c.gradeId() + ": " + score(c) + "** – " + c.status());
        if (!c.message().isEmpty()) {
            md.append(" – ").append(c.message().replace("\n", " "));
        }
        for (TestGrade t : c.tests()) {
            md.append("\n- ").append(t.name()).append(": ").append(Report.points(t.score())).append(" / ")
                    .append(Report.points(t.maxScore())).append(" ").append(t.status())
                    .append(t.message().isEmpty() ? "" : " – " + t.message().replace("\n", " "));
        }
        return md.toString();
    }

    private static Map<String, CellGrade> byId(SubmissionResult result) {
        Map<String, CellGrade> grades = new TreeMap<>();
        result.cells().forEach(c -> grades.put(c.gradeId(), c));
        return grades;
    }

    private static JsonObject marker() {
        JsonObject o = new JsonObject();
        o.addProperty("feedback", true);
        return o;
    }

    /** The non-blank, non-marker lines of the hidden regions (what must not leak through outputs). */
    static List<String> hiddenLines(String source) {
        List<String> hidden = new ArrayList<>();
        boolean inside = false;
        for (String line : source.split("\n", -1)) {
            if (line.contains("BEGIN " + Regions.HIDDEN_TESTS)) {
                inside = true;
            } else if (line.contains("END " + Regions.HIDDEN_TESTS)) {
                inside = false;
            } else if (inside && line.strip().length() >= 4) {
                hidden.add(line.strip());
            }
        }
        return hidden;
    }

    private static void scrub(JsonObject output, List<String> hidden) {
        switch (output.get("output_type").getAsString()) {
            case "stream" -> output.addProperty("text", dropLines(Cell.joined(output.get("text")), hidden));
            case "error" -> {
                JsonArray kept = new JsonArray();
                for (String line : strings(output.getAsJsonArray("traceback"))) {
                    if (!quotes(line, hidden)) {
                        kept.add(line);
                    }
                }
                output.add("traceback", kept);
                if (quotes(output.get("evalue").getAsString(), hidden)) {
                    output.addProperty("evalue", "(a hidden test failed)");
                }
            }
            default -> {
                if (output.get("data") instanceof JsonObject data) {
                    for (String mime : List.copyOf(data.keySet())) {
                        if (data.get(mime).isJsonPrimitive() || data.get(mime).isJsonArray()) {
                            String text = Cell.joined(data.get(mime));
                            if (quotes(text, hidden)) {
                                data.addProperty(mime, dropLines(text, hidden));
                            }
                        }
                    }
                }
            }
        }
    }

    private static boolean quotes(String text, List<String> hidden) {
        String plain = Report.stripAnsi(text);
        return hidden.stream().anyMatch(plain::contains);
    }

    private static String dropLines(String text, List<String> hidden) {
        StringBuilder kept = new StringBuilder();
        for (String line : portolan.notebook.PyLines.split(text)) {
            if (!quotes(line, hidden)) {
                kept.append(line);
            }
        }
        return kept.toString();
    }

    private static List<String> strings(JsonArray array) {
        List<String> list = new ArrayList<>();
        if (array != null) {
            array.forEach(e -> list.add(e.getAsString()));
        }
        return list;
    }
}
