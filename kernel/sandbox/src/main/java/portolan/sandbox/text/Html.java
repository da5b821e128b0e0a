package portolan.sandbox.text;

/**
 * Html is the one place that escapes text for HTML and SVG, so every table and picture stays
 * well-formed whatever a learner names a host (quotes, angle brackets, Korean text).
 */
public final class Html {
    private Html() {
    }

    /**
     * {@code text} escaped for element content and attribute values; characters XML 1.0 forbids
     * (control characters other than tab, newline and carriage return) become U+FFFD.
     */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder s = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> s.append("&amp;");
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '"' -> s.append("&quot;");
                case '\'' -> s.append("&#39;");
                default -> {
                    boolean forbidden = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF;
                    s.append(forbidden ? '\uFFFD' : c);
                }
            }
        }
        return s.toString();
    }
}
