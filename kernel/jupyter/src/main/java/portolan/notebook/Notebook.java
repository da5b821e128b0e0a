package portolan.notebook;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.nio.ByteBuffer;

/**
 * A Jupyter notebook (nbformat 4.x) held as its JSON tree, so that every field we do not know
 * (metadata of other tools, attachments, cell ids) survives a read and a write unchanged.
 * {@link #toJson()} writes exactly what Jupyter writes: one-space indent, sorted keys, text
 * split into lists of lines, a trailing newline; a file Jupyter saved reads and writes back
 * byte for byte.
 */
public final class Notebook {

    private final JsonObject root;

    private Notebook(JsonObject root) {
        this.root = root;
    }

    /** Reads and checks a notebook file. */
    public static Notebook read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new NotebookException(file + ": not a notebook: the file is not UTF-8 text");
        }
        try {
            return parse(text);
        } catch (NotebookException e) {
            throw new NotebookException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses and checks notebook JSON text.
     *
     * @throws NotebookException naming the first problem, e.g. {@code cell 3 has no 'source'}
     */
    public static Notebook parse(String json) {
        if (json.startsWith("\uFEFF")) {
            json = json.substring(1);
        }
        JsonElement tree;
        try {
            tree = PythonJson.parse(json);
        } catch (JsonParseException e) {
            throw new NotebookException("not a notebook: invalid JSON (" + e.getMessage() + ")", e);
        }
        if (!tree.isJsonObject()) {
            throw new NotebookException("not a notebook: the top level is not a JSON object");
        }
        JsonObject root = tree.getAsJsonObject();
        JsonElement format = root.get("nbformat");
        if (format == null) {
            throw new NotebookException("not a notebook: nbformat missing (a Jupyter .ipynb file has \"nbformat\": 4 at the top level)");
        }
        if (!format.isJsonPrimitive() || !format.getAsJsonPrimitive().isNumber() || format.getAsInt() != 4) {
            throw new NotebookException("unsupported nbformat " + format + ": only nbformat 4 notebooks are read;"
                    + " upgrade the file by opening and saving it in Jupyter");
        }
        if (!(root.get("metadata") instanceof JsonObject)) {
            throw new NotebookException("not a notebook: the top-level 'metadata' object is missing");
        }
        if (!(root.get("cells") instanceof JsonArray cells)) {
            throw new NotebookException("not a notebook: the 'cells' list is missing");
        }
        for (int i = 0; i < cells.size(); i++) {
            Cell.check(cells.get(i), i + 1);
        }
        return new Notebook(root);
    }

    /** An empty notebook for {@code kernelName} whose kernelspec language is {@code language}. */
    public static Notebook create(String kernelName, String displayName, String language) {
        JsonObject root = new JsonObject();
        root.add("cells", new JsonArray());
        JsonObject kernelspec = new JsonObject();
        kernelspec.addProperty("display_name", displayName);
        kernelspec.addProperty("language", language);
        kernelspec.addProperty("name", kernelName);
        JsonObject metadata = new JsonObject();
        metadata.add("kernelspec", kernelspec);
        root.add("metadata", metadata);
        root.addProperty("nbformat", 4);
        root.addProperty("nbformat_minor", 5);
        return new Notebook(root);
    }

    /** The notebook as Jupyter would save it, with the trailing newline. */
    public String toJson() {
        JsonObject copy = root.deepCopy();
        for (JsonElement cell : copy.getAsJsonArray("cells")) {
            Cell.splitLines(cell.getAsJsonObject());
        }
        return PythonJson.write(copy) + "\n";
    }

    /** Writes the notebook atomically (a temporary file renamed over the target), creating parent folders. */
    public void write(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, toJson(), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The cells, in order; each is a live view of the notebook's JSON. */
    public List<Cell> cells() {
        JsonArray array = root.getAsJsonArray("cells");
        List<Cell> list = new ArrayList<>(array.size());
        for (JsonElement e : array) {
            list.add(new Cell(e.getAsJsonObject()));
        }
        return list;
    }

    public void addCell(int index, Cell cell) {
        JsonArray array = root.getAsJsonArray("cells");
        JsonArray rebuilt = new JsonArray();
        for (int i = 0; i < array.size(); i++) {
            if (i == index) {
                rebuilt.add(cell.json());
            }
            rebuilt.add(array.get(i));
        }
        if (index >= array.size()) {
            rebuilt.add(cell.json());
        }
        root.add("cells", rebuilt);
    }

    public void removeCell(int index) {
        root.getAsJsonArray("cells").remove(index);
    }

    /** The notebook-level metadata (kernelspec, language_info, other tools' keys). */
    public JsonObject metadata() {
        return root.getAsJsonObject("metadata");
    }

    /** {@code metadata.kernelspec.language}, else {@code metadata.language_info.name}, else null. */
    public String language() {
        for (String key : new String[] {"kernelspec", "language_info"}) {
            if (metadata().get(key) instanceof JsonObject o) {
                JsonElement v = o.get(key.equals("kernelspec") ? "language" : "name");
                if (v != null && v.isJsonPrimitive()) {
                    return v.getAsString();
                }
            }
        }
        return null;
    }

    public Notebook copy() {
        return new Notebook(root.deepCopy());
    }

    /** The underlying JSON tree (live). */
    public JsonObject json() {
        return root;
    }
}
