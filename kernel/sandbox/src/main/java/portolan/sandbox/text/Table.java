package portolan.sandbox.text;

import java.util.ArrayList;
import java.util.List;

/**
 * A Table is a captioned table of text cells with two forms: HTML for notebooks (the class
 * "portolan-table", no colours of its own, so it follows the notebook's light or dark theme)
 * and left-aligned plain text, the fallback. Every table of the sandbox (sockets, descriptors,
 * ARP cache, routes, MAC table, NAT, port forwarding, leases, security groups) is one.
 */
public record Table(String caption, List<String> headers, List<List<String>> rows) {

    public Table {
        caption = caption == null ? "" : caption;
        headers = List.copyOf(headers);
        List<List<String>> copy = new ArrayList<>();
        for (List<String> row : rows) {
            if (row.size() != headers.size()) {
                throw new IllegalArgumentException("table \"" + caption + "\" has " + headers.size() + " columns "
                        + headers + " but a row has " + row.size() + ": " + row);
            }
            copy.add(row.stream().map(c -> c == null ? "" : c).toList());
        }
        rows = List.copyOf(copy);
    }

    /** The table as HTML. */
    public String toHtml() {
        StringBuilder s = new StringBuilder("<table class=\"portolan-table\">");
        if (!caption.isEmpty()) {
            s.append("<caption>").append(Html.escape(caption)).append("</caption>");
        }
        s.append("<thead><tr>");
        headers.forEach(h -> s.append("<th>").append(Html.escape(h)).append("</th>"));
        s.append("</tr></thead><tbody>");
        for (List<String> row : rows) {
            s.append("<tr>");
            row.forEach(c -> s.append("<td>").append(Html.escape(c)).append("</td>"));
            s.append("</tr>");
        }
        if (rows.isEmpty()) {
            s.append("<tr><td colspan=\"").append(headers.size()).append("\">(empty)</td></tr>");
        }
        return s.append("</tbody></table>").toString();
    }

    /** The plain-text form: caption, then left-aligned columns ("(empty)" when there are no rows). */
    @Override
    public String toString() {
        List<List<String>> lines = new ArrayList<>();
        lines.add(headers);
        lines.addAll(rows);
        return (caption.isEmpty() ? "" : caption + "\n") + columns(lines) + (rows.isEmpty() ? "(empty)\n" : "");
    }

    /**
     * Lines of cells as left-aligned columns two spaces apart, each line ending in a newline.
     * Hangul and other East Asian wide characters count as two columns, as terminals and
     * monospace fonts draw them, so a host called 공유기 does not push its row out of line.
     */
    public static String columns(List<List<String>> lines) {
        int[] width = new int[lines.stream().mapToInt(List::size).max().orElse(0)];
        for (List<String> line : lines) {
            for (int i = 0; i < line.size(); i++) {
                width[i] = Math.max(width[i], columnsOf(line.get(i)));
            }
        }
        StringBuilder s = new StringBuilder();
        for (List<String> cells : lines) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < cells.size(); i++) {
                line.append(cells.get(i)).append(" ".repeat(width[i] - columnsOf(cells.get(i)) + 2));
            }
            s.append(line.toString().stripTrailing()).append('\n');
        }
        return s.toString();
    }

    /** How many monospace columns {@code text} takes: two for each East Asian wide character. */
    public static int columnsOf(String text) {
        int columns = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            columns += isWide(c) ? 2 : 1;
            i += Character.charCount(c);
        }
        return columns;
    }

    /** Unicode's East Asian Width "W" and "F" blocks (UAX #11): Hangul, CJK, kana, full-width forms, emoji. */
    private static boolean isWide(int c) {
        return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF && c != 0x303F)
                || (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F)
                || (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6)
                || (c >= 0x1F300 && c <= 0x1F64F) || (c >= 0x1F680 && c <= 0x1F6FF) || (c >= 0x1F900 && c <= 0x1F9FF)
                || (c >= 0x20000 && c <= 0x3FFFD);
    }
}
