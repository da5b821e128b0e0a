package portolan.notebook;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * JSON text exactly as Python's {@code json.dumps(obj, indent=1, sort_keys=True,
 * separators=(",", ": "), ensure_ascii=False)} writes it, which is how nbformat (and so
 * Jupyter) saves notebooks; plus a strict parser that keeps every number's original text.
 * Writing our own files the same way keeps diffs of instructor notebooks minimal.
 */
public final class PythonJson {

    private static final TypeAdapter<JsonElement> TREE = new Gson().getAdapter(JsonElement.class);
    private static final Pattern INTEGER = Pattern.compile("-?\\d+");
    /** Python sorts {@code str} keys by code point, not by UTF-16 unit as {@code String.compareTo} does. */
    private static final Comparator<String> CODE_POINT_ORDER = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    };

    private PythonJson() {
    }

    /**
     * Parses strict JSON (RFC 8259); numbers stay as their original text.
     *
     * @throws JsonParseException with the position of the first syntax error
     */
    public static JsonElement parse(String text) {
        JsonReader reader = new JsonReader(new StringReader(text));
        reader.setStrictness(Strictness.STRICT);
        try {
            JsonElement tree = TREE.read(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new JsonParseException("unexpected text after the JSON value at " + reader.getPath());
            }
            return tree;
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            throw new JsonParseException(e.getMessage(), e);
        }
    }

    /** Serialises {@code value} the way nbformat does (without the trailing newline it adds to files). */
    public static String write(JsonElement value) {
        StringBuilder out = new StringBuilder();
        write(value, out, 0);
        return out.toString();
    }

    private static void write(JsonElement value, StringBuilder out, int depth) {
        if (value == null || value.isJsonNull()) {
            out.append("null");
        } else if (value.isJsonPrimitive()) {
            writePrimitive(value.getAsJsonPrimitive(), out);
        } else if (value.isJsonArray()) {
            JsonArray array = value.getAsJsonArray();
            if (array.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append('[');
            for (int i = 0; i < array.size(); i++) {
                out.append(i == 0 ? "\n" : ",\n");
                indent(out, depth + 1);
                write(array.get(i), out, depth + 1);
            }
            out.append('\n');
            indent(out, depth);
            out.append(']');
        } else {
            JsonObject object = value.getAsJsonObject();
            if (object.isEmpty()) {
                out.append("{}");
                return;
            }
            List<String> keys = new ArrayList<>(object.keySet());
            keys.sort(CODE_POINT_ORDER);
            out.append('{');
            boolean first = true;
            for (String key : keys) {
                out.append(first ? "\n" : ",\n");
                first = false;
                indent(out, depth + 1);
                writeString(key, out);
                out.append(": ");
                write(object.get(key), out, depth + 1);
            }
            out.append('\n');
            indent(out, depth);
            out.append('}');
        }
    }

    private static void indent(StringBuilder out, int depth) {
        for (int i = 0; i < depth; i++) {
            out.append(' ');
        }
    }

    private static void writePrimitive(JsonPrimitive p, StringBuilder out) {
        if (p.isBoolean()) {
            out.append(p.getAsBoolean() ? "true" : "false");
        } else if (p.isString()) {
            writeString(p.getAsString(), out);
        } else {
            out.append(number(p.getAsNumber()));
        }
    }

    /** A number as Python writes it after reading it: integers stay integers, the rest become floats. */
    static String number(Number n) {
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
            return n.toString();
        }
        if (n instanceof BigInteger) {
            return n.toString();
        }
        if (!(n instanceof Double || n instanceof Float)) {
            // A parsed number (Gson keeps its text) or a BigDecimal.
            String text = n.toString();
            if (INTEGER.matcher(text).matches()) {
                return new BigInteger(text).toString();
            }
            return pyJsonFloat(new BigDecimal(text).doubleValue());
        }
        return pyJsonFloat(n.doubleValue());
    }

    private static String pyJsonFloat(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        return PyFloat.str(d);
    }

    /** Python's escaping with {@code ensure_ascii=False}: only quotes, backslashes and control characters. */
    static void writeString(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    boolean loneSurrogate = Character.isSurrogate(c)
                            && !(Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)))
                            && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1)));
                    if (c < 0x20 || loneSurrogate) {
                        // A lone surrogate cannot be written as UTF-8; escaping it keeps it (Python would fail).
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
