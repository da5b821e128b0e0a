package portolan.sandbox.view;

import portolan.sandbox.text.Html;

/**
 * Xml escapes text for the pictures' SVG and HTML (see {@link Html#escape}, the one
 * implementation), so every picture stays well-formed whatever a learner names a host.
 */
public final class Xml {
    private Xml() {
    }

    /** {@code text} escaped for element content and attribute values; forbidden characters become U+FFFD. */
    public static String escape(String text) {
        return Html.escape(text);
    }
}
