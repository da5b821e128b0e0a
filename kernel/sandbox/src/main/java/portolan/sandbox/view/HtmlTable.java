package portolan.sandbox.view;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * An HtmlTable is a table of text cells rendered as HTML (for notebooks) and as aligned plain
 * text (the fallback). It takes any list of records too, one column per record component, so
 * every table of the sandbox (netstat, ARP, routes, NAT, leases...) can share one look.
 */
public final class HtmlTable {
    private final String caption;
    private final List<String> headers;
    private final List<List<String>> rows;

    public HtmlTable(String caption, List<String> headers, List<List<String>> rows) {
        this.caption = caption == null ? "" : caption;
        this.headers = List.copyOf(headers);
        List<List<String>> copy = new ArrayList<>();
        for (List<String> row : rows) {
            if (row.size() != headers.size()) {
                throw new IllegalArgumentException("table \"" + this.caption + "\" has " + headers.size()
                        + " columns " + headers + " but a row has " + row.size() + ": " + row);
            }
            copy.add(row.stream().map(c -> c == null ? "" : c).toList());
        }
        this.rows = List.copyOf(copy);
    }

    /** A table of records of one type: a column per component, cells from each value's toString(). */
    public static HtmlTable ofRecords(String caption, Class<? extends Record> type, List<? extends Record> records) {
        RecordComponent[] components = type.getRecordComponents();
        List<String> headers = new ArrayList<>();
        for (RecordComponent c : components) {
            headers.add(c.getName());
        }
        List<List<String>> rows = new ArrayList<>();
        for (Record r : records) {
            List<String> row = new ArrayList<>();
            for (RecordComponent c : components) {
                try {
                    row.add(String.valueOf(c.getAccessor().invoke(r)));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + c.getName() + " of " + type.getSimpleName(), e);
                }
            }
            rows.add(row);
        }
        return new HtmlTable(caption, headers, rows);
    }

    public List<String> headers() {
        return headers;
    }

    public List<List<String>> rows() {
        return rows;
    }

    /** The table as HTML, scoped by the class "portolan-table", with no colours of its own. */
    public String toHtml() {
        StringBuilder s = new StringBuilder("<table class=\"portolan-table\">");
        if (!caption.isEmpty()) {
            s.append("<caption>").append(Xml.escape(caption)).append("</caption>");
        }
        s.append("<thead><tr>");
        headers.forEach(h -> s.append("<th>").append(Xml.escape(h)).append("</th>"));
        s.append("</tr></thead><tbody>");
        for (List<String> row : rows) {
            s.append("<tr>");
            row.forEach(c -> s.append("<td>").append(Xml.escape(c)).append("</td>"));
            s.append("</tr>");
        }
        if (rows.isEmpty()) {
            s.append("<tr><td colspan=\"").append(headers.size()).append("\">(empty)</td></tr>");
        }
        return s.append("</tbody></table>").toString();
    }

    /** The plain-text fallback: caption, then left-aligned columns. */
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
