package portolan.grader;

import java.util.regex.Pattern;

/** Small text helpers shared by the reports: point numbers, HTML escaping, ANSI stripping, CSV fields. */
final class Report {

    private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;?]*[ -/]*[@-~]");

    private Report() {
    }

    /** Points for people: {@code 2} rather than {@code 2.0}, at most 2 decimals ({@code 0.33}). */
    static String points(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return Long.toString((long) x);
        }
        String s = String.format(java.util.Locale.ROOT, "%.2f", x);
        return s.replaceFirst("0+$", "").replaceFirst("\\.$", "");
    }

    static String html(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    static String stripAnsi(String text) {
        return ANSI.matcher(text).replaceAll("");
    }

    /** A CSV field (RFC 4180): quoted when it holds a comma, quote or line break. */
    static String csv(String field) {
        if (field == null) {
            return "";
        }
        if (field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r")) {
            return "\"" + field.replace("\"", "\"\"") + "\"";
        }
        return field;
    }
}
