package portolan.sandbox.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void hangulCountsAsTwoColumnsSoTheNextColumnLinesUp() {
        Table t = new Table("", List.of("node", "address"), List.of(List.of("공유기", "192.168.0.1"), List.of("laptop", "192.168.0.4")));
        assertEquals("""
                node    address
                공유기  192.168.0.1
                laptop  192.168.0.4
                """, t.toString());
    }

    @Test
    void widthsFollowUnicodeEastAsianWidth() {
        assertEquals(6, Table.columnsOf("공유기"));
        assertEquals(3, Table.columnsOf("a→b"), "arrows are narrow");
        assertEquals(4, Table.columnsOf("ＡＢ"), "full-width forms are wide");
        assertEquals(5, Table.columnsOf("\uD83D\uDE00\uD83D\uDE80x"), "emoji are wide, one code point each");
    }

    @Test
    void anEmptyTableSaysSoUnderItsHeader() {
        assertEquals("leases\nclient  address\n(empty)\n", new Table("leases", List.of("client", "address"), List.of()).toString());
    }
}
