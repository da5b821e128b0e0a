package portolan.sandbox;

import java.util.Arrays;
import java.util.List;
import portolan.sandbox.text.Table;

/** TextTable lays out rows of strings as left-aligned columns, for toString() tables. */
public final class TextTable {
    private TextTable() {
    }

    /** The rows (the first is usually the header) as columns; see {@link Table#columns(List)}. */
    public static String render(List<String[]> rows) {
        return Table.columns(rows.stream().map(Arrays::asList).toList());
    }
}
