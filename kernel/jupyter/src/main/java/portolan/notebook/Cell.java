package portolan.notebook;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.Set;

/**
 * One notebook cell ({@code code}, {@code markdown} or {@code raw}): a live view of its JSON
 * object, so unknown fields stay as they are. Source text is read joined and written as one
 * string; {@link Notebook#toJson()} splits it into lines as nbformat does.
 */
public final class Cell {

    private static final Set<String> TYPES = Set.of("code", "markdown", "raw");
    private static final Set<String> JSON_SPLIT_MIMES = Set.of("application/javascript", "image/svg+xml");

    private final JsonObject json;

    Cell(JsonObject json) {
        this.json = json;
    }

    /** A new code cell with no outputs and no execution count. */
    public static Cell code(String source) {
        JsonObject o = new JsonObject();
        o.addProperty("cell_type", "code");
        o.add("execution_count", JsonNull.INSTANCE);
        o.add("metadata", new JsonObject());
        o.add("outputs", new JsonArray());
        o.addProperty("source", source);
        return new Cell(o);
    }

    /** A new markdown cell. */
    public static Cell markdown(String source) {
        JsonObject o = new JsonObject();
        o.addProperty("cell_type", "markdown");
        o.add("metadata", new JsonObject());
        o.addProperty("source", source);
        return new Cell(o);
    }

    public String type() {
        return json.get("cell_type").getAsString();
    }

    public boolean isCode() {
        return "code".equals(type());
    }

    /** The source as one string (a list of lines is joined without separators, as nbformat does). */
    public String source() {
        return joined(json.get("source"));
    }

    public void setSource(String source) {
        json.addProperty("source", source);
    }

    /** Changes the cell type; a code cell gains empty outputs, other types lose outputs and counts. */
    public void setType(String type) {
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("cell type must be code, markdown or raw, not " + type);
        }
        json.addProperty("cell_type", type);
        if (type.equals("code")) {
            if (!json.has("outputs")) {
                json.add("outputs", new JsonArray());
            }
            if (!json.has("execution_count")) {
                json.add("execution_count", JsonNull.INSTANCE);
            }
        } else {
            json.remove("outputs");
            json.remove("execution_count");
        }
    }

    public JsonObject metadata() {
        return json.getAsJsonObject("metadata");
    }

    /** The outputs of a code cell (live); an empty detached list for other cell types. */
    public JsonArray outputs() {
        return json.get("outputs") instanceof JsonArray a ? a : new JsonArray();
    }

    /** Removes outputs and the execution count (what {@code ClearOutput} does). */
    public void clearOutputs() {
        if (isCode()) {
            json.add("outputs", new JsonArray());
            json.add("execution_count", JsonNull.INSTANCE);
        }
    }

    public void setExecutionCount(Integer count) {
        json.add("execution_count", count == null ? JsonNull.INSTANCE : new JsonPrimitive(count));
    }

    /** The underlying JSON object (live). */
    public JsonObject json() {
        return json;
    }

    public Cell copy() {
        return new Cell(json.deepCopy());
    }

    /** Joins nbformat multi-line text: a string, or a list of strings concatenated. */
    public static String joined(JsonElement text) {
        if (text == null || text.isJsonNull()) {
            return "";
        }
        if (text.isJsonArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonElement line : text.getAsJsonArray()) {
                sb.append(line.getAsString());
            }
            return sb.toString();
        }
        return text.getAsString();
    }

    static void check(JsonElement element, int number) {
        if (!(element instanceof JsonObject cell)) {
            throw new NotebookException("cell " + number + " is not a JSON object");
        }
        JsonElement type = cell.get("cell_type");
        if (type == null || !type.isJsonPrimitive() || !TYPES.contains(type.getAsString())) {
            throw new NotebookException("cell " + number + " has " + (type == null ? "no 'cell_type'" : "cell_type " + type)
                    + "; expected \"code\", \"markdown\" or \"raw\"");
        }
        if (!cell.has("source")) {
            throw new NotebookException("cell " + number + " has no 'source'");
        }
        if (!isText(cell.get("source"))) {
            throw new NotebookException("cell " + number + " has a 'source' that is neither a string nor a list of strings");
        }
        if (!(cell.get("metadata") instanceof JsonObject)) {
            throw new NotebookException("cell " + number + " has no 'metadata' object");
        }
        if (type.getAsString().equals("code")) {
            if (!(cell.get("outputs") instanceof JsonArray outputs)) {
                throw new NotebookException("cell " + number + " is a code cell without an 'outputs' list");
            }
            for (int i = 0; i < outputs.size(); i++) {
                if (!(outputs.get(i) instanceof JsonObject o) || !(o.get("output_type") instanceof JsonPrimitive)) {
                    throw new NotebookException("cell " + number + ", output " + (i + 1) + " has no 'output_type'");
                }
            }
        }
    }

    private static boolean isText(JsonElement e) {
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
            return true;
        }
        if (!e.isJsonArray()) {
            return false;
        }
        for (JsonElement line : e.getAsJsonArray()) {
            if (!line.isJsonPrimitive() || !line.getAsJsonPrimitive().isString()) {
                return false;
            }
        }
        return true;
    }

    /** nbformat's {@code split_lines}: multi-line strings become lists of lines before writing. */
    static void splitLines(JsonObject cell) {
        split(cell, "source");
        if (cell.get("attachments") instanceof JsonObject attachments) {
            for (String name : attachments.keySet()) {
                if (attachments.get(name) instanceof JsonObject bundle) {
                    splitBundle(bundle);
                }
            }
        }
        if ("code".equals(cell.get("cell_type").getAsString())) {
            for (JsonElement output : cell.getAsJsonArray("outputs")) {
                JsonObject o = output.getAsJsonObject();
                String kind = o.get("output_type").getAsString();
                if ((kind.equals("execute_result") || kind.equals("display_data")) && o.get("data") instanceof JsonObject data) {
                    splitBundle(data);
                } else if (kind.equals("stream")) {
                    split(o, "text");
                }
            }
        }
    }

    private static void splitBundle(JsonObject data) {
        for (String mime : data.keySet()) {
            if (mime.startsWith("text/") || JSON_SPLIT_MIMES.contains(mime)) {
                split(data, mime);
            }
        }
    }

    private static void split(JsonObject o, String key) {
        JsonElement value = o.get(key);
        if (value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()) {
            JsonArray lines = new JsonArray();
            PyLines.split(value.getAsString()).forEach(lines::add);
            o.add(key, lines);
        }
    }
}
