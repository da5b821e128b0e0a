package portolan.sandbox.text;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.RandomAccess;
import java.util.function.Function;

/**
 * Rows is an unmodifiable list (e.g. a NAT table's entries) that shows itself as a table: a
 * notebook cell ending in {@code home.natTable()} renders it as HTML by {@link #toHtml()}, and
 * its text form is the same table. As a list it equals any list of the same elements.
 *
 * @param <E> the element type, one row each
 */
public final class Rows<E> extends AbstractList<E> implements RandomAccess {
    private final List<E> items;
    private final String caption;
    private final List<String> headers;
    private final Function<? super E, List<String>> cells;

    private Rows(List<E> items, String caption, List<String> headers, Function<? super E, List<String>> cells) {
        this.items = List.copyOf(items);
        this.caption = caption;
        this.headers = List.copyOf(headers);
        this.cells = cells;
    }

    /** {@code items} shown as the table {@code caption} with {@code headers}, each row's cells from {@code cells}. */
    public static <E> Rows<E> of(List<E> items, String caption, List<String> headers,
            Function<? super E, List<String>> cells) {
        return new Rows<>(items, caption, headers, cells);
    }

    @Override
    public E get(int index) {
        return items.get(index);
    }

    @Override
    public int size() {
        return items.size();
    }

    /** The rows as a table. */
    public Table table() {
        List<List<String>> rows = new ArrayList<>();
        items.forEach(e -> rows.add(cells.apply(e)));
        return new Table(caption, headers, rows);
    }

    public String toHtml() {
        return table().toHtml();
    }

    /** The table as plain text (not "[a, b]": a list shown in a notebook reads as a table). */
    @Override
    public String toString() {
        return table().toString();
    }
}
