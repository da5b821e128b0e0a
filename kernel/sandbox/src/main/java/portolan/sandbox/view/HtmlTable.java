package portolan.sandbox.view;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import portolan.sandbox.text.Table;

/**
 * An HtmlTable is a table of text cells rendered as HTML (for notebooks) and as aligned plain
 * text (the fallback). It takes any list of records too, one column per record component, so
 * every table of the sandbox (netstat, ARP, routes, NAT, leases...) can share one look.
 */
public final class HtmlTable {
    private final Table table;

    public HtmlTable(String caption, List<String> headers, List<List<String>> rows) {
        this(new Table(caption, headers, rows));
    }

    /** The view of {@code table} (e.g. a stack table's {@code table()}). */
    public HtmlTable(Table table) {
        this.table = table;
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
        return table.headers();
    }

    public List<List<String>> rows() {
        return table.rows();
    }

    /** The table as HTML, scoped by the class "portolan-table", with no colours of its own. */
    public String toHtml() {
        return table.toHtml();
    }

    /** The plain-text fallback: caption, then left-aligned columns. */
    @Override
    public String toString() {
        return table.toString();
    }
}
