package portolan.kernel.jshell;

import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The display functions every cell can call without an import ({@code import static
 * portolan.kernel.jshell.Display.*} is a startup import): {@code display(obj)} shows a rich
 * output now, {@code display(obj, id)} shows one that {@code updateDisplay(id, obj)} replaces
 * later, {@code clearOutput(wait)} clears the cell's output, and {@code html(...)},
 * {@code markdown(...)}, {@code svg(...)}, {@code latex(...)}, {@code json(...)} and
 * {@code png(...)} wrap content so that it is shown as that type (also as a cell's last value).
 *
 * <p>How an object is shown is decided by {@link Renderers}.
 */
public final class Display {

    private Display() {
    }

    /**
     * Content of one MIME type with its text form; renders as {@code type}. Created by
     * {@link #html}, {@link #svg} and friends.
     */
    public static final class Rich {
        private final Map<String, Object> data;

        Rich(String type, Object value, String plain) {
            data = new LinkedHashMap<>();
            data.put("text/plain", plain);
            data.put(type, value);
        }

        /** The MIME bundle (the rendering convention, see {@link Renderers}). */
        public Map<String, Object> toMimeBundle() {
            return data;
        }

        @Override
        public String toString() {
            return String.valueOf(data.get("text/plain"));
        }
    }

    /** Shows {@code value} as rich output below the cell. */
    public static void display(Object value) {
        CellOutput.display(render(value), null, false);
    }

    /**
     * Shows {@code value} under display id {@code id} (a new random one when null), so that
     * {@link #updateDisplay} can replace it later, and returns the id.
     */
    public static String display(Object value, String id) {
        String displayId = id == null || id.isBlank() ? UUID.randomUUID().toString() : id;
        CellOutput.display(render(value), displayId, false);
        return displayId;
    }

    /** Replaces what the display with id {@code id} shows, wherever it is (also in earlier cells). */
    public static void updateDisplay(String id, Object value) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("updateDisplay needs the id that display(value, id) returned");
        }
        CellOutput.display(render(value), id, true);
    }

    /** Clears this cell's output; with {@code wait}, only when the next output arrives (no flicker). */
    public static void clearOutput(boolean wait) {
        System.out.flush();
        CellOutput.clearOutput(wait);
    }

    /** Clears this cell's output at once. */
    public static void clearOutput() {
        clearOutput(false);
    }

    public static Rich html(String html) {
        return new Rich("text/html", require(html, "html"), "<HTML: " + html.length() + " characters>");
    }

    public static Rich markdown(String markdown) {
        return new Rich("text/markdown", require(markdown, "markdown"), markdown);
    }

    public static Rich svg(String svg) {
        return new Rich("image/svg+xml", require(svg, "svg"), "<SVG image>");
    }

    /** LaTeX, e.g. {@code latex("$E = mc^2$")}. */
    public static Rich latex(String latex) {
        return new Rich("text/latex", require(latex, "latex"), latex);
    }

    /** A JSON text, shown as a tree in JupyterLab; it must be valid JSON. */
    public static Rich json(String json) {
        return new Rich("application/json", require(json, "json"), json);
    }

    /** PNG file bytes. */
    public static Rich png(byte[] png) {
        if (png == null || png.length < 8) {
            throw new IllegalArgumentException("png(...) needs the bytes of a PNG file, got "
                    + (png == null ? "null" : png.length + " bytes"));
        }
        return new Rich("image/png", png.clone(), "<PNG image, " + png.length + " bytes>");
    }

    /** An image, encoded as PNG. */
    public static Rich png(BufferedImage image) {
        if (image == null) {
            throw new IllegalArgumentException("png(...) needs an image, got null");
        }
        return new Rich("image/png", Renderers.png(image),
                "<PNG image, " + image.getWidth() + "x" + image.getHeight() + ">");
    }

    private static String require(String s, String what) {
        if (s == null) {
            throw new IllegalArgumentException(what + "(...) needs text, got null");
        }
        return s;
    }

    /** Renders and prints the renderer notes (if any) to the cell's stderr. */
    static portolan.kernel.core.MimeBundle render(Object value) {
        Renderers.Rendering r = Renderers.render(value, null);
        for (String note : r.notes()) {
            System.err.println("Note: " + note);
        }
        return r.bundle();
    }
}
