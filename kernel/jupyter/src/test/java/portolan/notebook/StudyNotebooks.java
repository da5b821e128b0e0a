package portolan.notebook;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The study notebooks of the repository (notebooks/NN-*.ipynb and notebooks/answers/*.ipynb)
 * as the tests see them, and the one normalisation under which a re-executed notebook must
 * equal the committed one. Its Python twin is src/test/python/nbnormalize.py; both exclude
 * exactly the {@link #EXCLUDED} items and nothing else.
 */
final class StudyNotebooks {

    /**
     * What may differ between two executions of the same notebook, and why. Everything else
     * (sources, cell ids and metadata, every output's text and data, execution counts, notebook
     * metadata) must be equal.
     */
    static final List<String> EXCLUDED = List.of(
            "cells[].metadata.execution: nbclient's timestamps of each cell (iopub.status.busy, shell.execute_reply, ...), wall-clock times",
            "metadata.language_info.version: the version of the Java that ran the kernel (17.0.x, 25.0.x)",
            "progress-bar outputs: display_data whose text/html has the class '" + Outputs.PROGRESS_CLASS + "', the live bar shown"
                    + " only when a simulation run lasts over 1 s of real time (the runner never writes it; nbclient keeps its last state)",
            "stream chunking: consecutive stream outputs of one name are joined into one, as the runner and Jupyter's front"
                    + " ends do (the kernel sends text in chunks whose boundaries depend on timing; nbclient keeps each chunk)");

    private StudyNotebooks() {
    }

    /** The repository root: the nearest folder at or above the working directory with notebooks/ and install/test.sh. */
    static Path root() {
        Path start = Path.of("").toAbsolutePath().normalize();
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("notebooks")) && Files.isRegularFile(p.resolve("install/test.sh"))) {
                return p;
            }
        }
        throw new IllegalStateException("no repository root (a folder with notebooks/ and install/test.sh) at or above " + start
                + "; run the tests from the repository or from kernel/jupyter");
    }

    /** The lesson notebooks, notebooks/[0-9][0-9]-*.ipynb, in reading order. */
    static List<Path> lessons() {
        return list(root().resolve("notebooks"), "[0-9][0-9]-*.ipynb");
    }

    /** The answers notebooks, notebooks/answers/*.ipynb, in order. */
    static List<Path> answers() {
        Path dir = root().resolve("notebooks/answers");
        return Files.isDirectory(dir) ? list(dir, "*.ipynb") : List.of();
    }

    /** The answers notebook of {@code lesson}: notebooks/answers/NN-name-answers.ipynb. */
    static Path answersOf(Path lesson) {
        String name = lesson.getFileName().toString();
        return lesson.resolveSibling("answers").resolve(name.substring(0, name.length() - ".ipynb".length()) + "-answers.ipynb");
    }

    /** {@code path} relative to the repository root, with forward slashes, for messages. */
    static String relative(Path path) {
        return root().relativize(path.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    private static List<Path> list(Path dir, String glob) {
        List<Path> found = new ArrayList<>();
        try (var stream = Files.newDirectoryStream(dir, glob)) {
            stream.forEach(found::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        found.sort(null);
        return found;
    }

    /** The code cells of {@code nb} carrying {@code tag} in {@code metadata.tags}, in order. */
    static List<Cell> tagged(Notebook nb, String tag) {
        return nb.cells().stream().filter(c -> tags(c).contains(tag)).toList();
    }

    static List<String> tags(Cell cell) {
        return strings(cell.metadata().get("tags"));
    }

    /** A JSON list of strings as a Java list; anything else is empty. */
    static List<String> strings(JsonElement list) {
        if (!(list instanceof JsonArray array)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.isJsonPrimitive() ? e.getAsString() : e.toString()));
        return out;
    }

    /** The text a cell printed on stdout, all stream chunks joined. */
    static String stdout(Cell cell) {
        StringBuilder text = new StringBuilder();
        for (JsonElement o : cell.outputs()) {
            JsonObject output = o.getAsJsonObject();
            if (Outputs.type(output).equals("stream") && output.get("name").getAsString().equals("stdout")) {
                text.append(Cell.joined(output.get("text")));
            }
        }
        return text.toString();
    }

    /** A copy of the notebook with the {@link #EXCLUDED} items removed or joined, text fields joined into strings. */
    static JsonObject normalized(Notebook notebook) {
        JsonObject nb = notebook.json().deepCopy();
        if (nb.getAsJsonObject("metadata").get("language_info") instanceof JsonObject info) {
            info.remove("version");
        }
        for (JsonElement c : nb.getAsJsonArray("cells")) {
            JsonObject cell = c.getAsJsonObject();
            cell.getAsJsonObject("metadata").remove("execution");
            cell.addProperty("source", Cell.joined(cell.get("source")));
            if (cell.get("outputs") instanceof JsonArray outputs) {
                cell.add("outputs", normalizedOutputs(outputs));
            }
        }
        return nb;
    }

    private static JsonArray normalizedOutputs(JsonArray outputs) {
        JsonArray kept = new JsonArray();
        JsonObject lastStream = null;
        for (JsonElement e : outputs) {
            JsonObject o = e.getAsJsonObject().deepCopy();
            String type = Outputs.type(o);
            if (type.equals("display_data") && o.get("data") instanceof JsonObject data && Outputs.isProgressBar(dataJoined(data))) {
                continue;
            }
            if (type.equals("stream")) {
                o.addProperty("text", Cell.joined(o.get("text")));
                if (lastStream != null && lastStream.get("name").equals(o.get("name"))) {
                    lastStream.addProperty("text", lastStream.get("text").getAsString() + o.get("text").getAsString());
                    continue;
                }
                lastStream = o;
            } else {
                lastStream = null;
            }
            if (o.get("data") instanceof JsonObject data) {
                o.add("data", dataJoined(data));
            }
            kept.add(o);
        }
        return kept;
    }

    /** A MIME bundle with its text values (stored as lists of lines) joined into strings. */
    private static JsonObject dataJoined(JsonObject data) {
        JsonObject joined = new JsonObject();
        for (String mime : data.keySet()) {
            JsonElement v = data.get(mime);
            joined.add(mime, v.isJsonArray() && v.getAsJsonArray().asList().stream().allMatch(x -> x.isJsonPrimitive())
                    ? new com.google.gson.JsonPrimitive(Cell.joined(v)) : v);
        }
        return joined;
    }

    /**
     * Where the normalised {@code actual} first differs from the normalised {@code expected}:
     * the cell (number and id) and its first differing line, or null if they are equal.
     */
    static String difference(JsonObject expected, JsonObject actual) {
        JsonArray a = expected.getAsJsonArray("cells");
        JsonArray b = actual.getAsJsonArray("cells");
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            if (!a.get(i).equals(b.get(i))) {
                JsonElement id = a.get(i).getAsJsonObject().get("id");
                return "cell " + (i + 1) + " (id " + (id == null ? "none" : id.getAsString()) + ") differs: "
                        + firstLine(a.get(i), b.get(i));
            }
        }
        if (a.size() != b.size()) {
            return "the committed notebook has " + a.size() + " cells, the re-executed one " + b.size();
        }
        JsonObject restA = expected.deepCopy();
        JsonObject restB = actual.deepCopy();
        restA.remove("cells");
        restB.remove("cells");
        return restA.equals(restB) ? null : "the notebook metadata or format differs: " + firstLine(restA, restB);
    }

    private static String firstLine(JsonElement expected, JsonElement actual) {
        List<String> x = PythonJson.write(expected).lines().toList();
        List<String> y = PythonJson.write(actual).lines().toList();
        int n = 0;
        while (n < x.size() && n < y.size() && x.get(n).equals(y.get(n))) {
            n++;
        }
        String context = n > 0 ? "after " + x.get(n - 1).strip() + "\n" : "";
        return context + "  committed:   " + (n < x.size() ? x.get(n).strip() : "(nothing more)")
                + "\n  re-executed: " + (n < y.size() ? y.get(n).strip() : "(nothing more)");
    }

    /** All files the reproduction tests execute: the study notebooks and the test notebook that checks both ways of running. */
    static Stream<Path> executable() {
        return Stream.of(lessons().stream(), answers().stream(),
                Stream.of(root().resolve("kernel/jupyter/src/test/notebooks/both-ways.ipynb"))).flatMap(s -> s);
    }
}
