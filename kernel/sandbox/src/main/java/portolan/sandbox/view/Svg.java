package portolan.sandbox.view;

import java.util.Locale;

/**
 * An Svg is a small builder of SVG documents as text, with every label escaped. Pictures use
 * {@code currentColor} and neutral mid-grey strokes and never paint a background, so they read
 * in light and dark notebook themes alike; the style sheet is scoped by a class on the root.
 */
public final class Svg {
    /** Colour of drops and losses: a red readable on white and on near-black. */
    public static final String RED = "#d62728";
    /** Neutral stroke for lines and boxes, readable on both themes. */
    public static final String GREY = "#888888";

    private final int width;
    private final int height;
    private final StringBuilder body = new StringBuilder();

    public Svg(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("an SVG picture needs a positive size, not " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
    }

    /** A number as SVG wants it: at most one decimal, a dot as separator in every locale. */
    static String num(double v) {
        long r = Math.round(v * 10);
        return r % 10 == 0 ? Long.toString(r / 10) : String.format(Locale.ROOT, "%.1f", r / 10.0);
    }

    public Svg line(double x1, double y1, double x2, double y2, String cssClass) {
        body.append("<line class=\"").append(Xml.escape(cssClass)).append("\" x1=\"").append(num(x1)).append("\" y1=\"")
                .append(num(y1)).append("\" x2=\"").append(num(x2)).append("\" y2=\"").append(num(y2)).append("\"/>\n");
        return this;
    }

    public Svg rect(double x, double y, double w, double h, String cssClass) {
        return rect(x, y, w, h, cssClass, null);
    }

    /** A rectangle with rounded corners; {@code tooltip} may be null. */
    public Svg rect(double x, double y, double w, double h, String cssClass, String tooltip) {
        body.append("<rect class=\"").append(Xml.escape(cssClass)).append("\" x=\"").append(num(x)).append("\" y=\"")
                .append(num(y)).append("\" width=\"").append(num(w)).append("\" height=\"").append(num(h))
                .append("\" rx=\"4\"");
        if (tooltip == null) {
            body.append("/>\n");
        } else {
            body.append("><title>").append(Xml.escape(tooltip)).append("</title></rect>\n");
        }
        return this;
    }

    public Svg circle(double cx, double cy, double r, String cssClass) {
        body.append("<circle class=\"").append(Xml.escape(cssClass)).append("\" cx=\"").append(num(cx))
                .append("\" cy=\"").append(num(cy)).append("\" r=\"").append(num(r)).append("\"/>\n");
        return this;
    }

    /** A polyline through {@code xy} pairs. */
    public Svg polyline(double[] xy, String cssClass) {
        StringBuilder points = new StringBuilder();
        for (int i = 0; i + 1 < xy.length; i += 2) {
            points.append(i == 0 ? "" : " ").append(num(xy[i])).append(',').append(num(xy[i + 1]));
        }
        body.append("<polyline class=\"").append(Xml.escape(cssClass)).append("\" points=\"").append(points)
                .append("\"/>\n");
        return this;
    }

    /** Opens a group {@code <g class="cssClass">}, closed by {@link #end()}: one row or box of a picture. */
    public Svg group(String cssClass) {
        body.append("<g class=\"").append(Xml.escape(cssClass)).append("\">\n");
        return this;
    }

    /** Closes the group {@link #group(String)} opened. */
    public Svg end() {
        body.append("</g>\n");
        return this;
    }

    /** Text anchored at {@code anchor} ("start", "middle", "end"); {@code tooltip} may be null. */
    public Svg text(double x, double y, String text, String anchor, String cssClass, String tooltip) {
        body.append("<text class=\"").append(Xml.escape(cssClass)).append("\" x=\"").append(num(x)).append("\" y=\"")
                .append(num(y)).append("\" text-anchor=\"").append(Xml.escape(anchor)).append("\">");
        if (tooltip != null) {
            body.append("<title>").append(Xml.escape(tooltip)).append("</title>");
        }
        body.append(Xml.escape(text)).append("</text>\n");
        return this;
    }

    /** The document; {@code title} is the accessible name and the first text a screen reader says. */
    public String render(String title) {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"portolan-pic\" width=\"" + width + "\" height=\""
                + height + "\" viewBox=\"0 0 " + width + " " + height + "\" role=\"img\" font-family=\"sans-serif\""
                + " font-size=\"12\">\n<title>" + Xml.escape(title) + "</title>\n<style>\n"
                // A notebook page's own CSS may colour generic classes (Bootstrap's .label is white in
                // the classic Notebook); every part of a picture takes the colour of the text around it.
                + "svg.portolan-pic *{color:inherit}\n"
                + ".portolan-pic text{fill:currentColor}\n"
                + ".portolan-pic .box{fill:none;stroke:" + GREY + ";stroke-width:1.5}\n"
                + ".portolan-pic .wire{stroke:" + GREY + ";stroke-width:2}\n"
                + ".portolan-pic .life{stroke:" + GREY + ";stroke-dasharray:4 4}\n"
                + ".portolan-pic .arrow{stroke:currentColor;stroke-width:1.2}\n"
                + ".portolan-pic .drop{stroke:" + RED + ";stroke-width:2}\n"
                + ".portolan-pic text.drop{fill:" + RED + ";stroke:none}\n"
                + ".portolan-pic .small{font-size:10px;opacity:0.8}\n"
                + ".portolan-pic .bold{font-weight:bold}\n"
                + ".portolan-pic .mono{font-family:monospace;font-size:10px}\n"
                + ".portolan-pic .series{fill:none;stroke-width:2}\n"
                + "</style>\n" + body + "</svg>\n";
    }
}
