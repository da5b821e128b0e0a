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
        int[] width = new int[headers.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = headers.get(i).length();
            for (List<String> row : rows) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        StringBuilder s = new StringBuilder(caption.isEmpty() ? "" : caption + "\n");
        appendLine(s, headers, width);
        rows.forEach(r -> appendLine(s, r, width));
        if (rows.isEmpty()) {
            s.append("(empty)\n");
        }
        return s.toString();
    }

    private static void appendLine(StringBuilder s, List<String> cells, int[] width) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            line.append(cells.get(i)).append(" ".repeat(width[i] - cells.get(i).length() + 2));
        }
        s.append(line.toString().stripTrailing()).append('\n');
    }
}
