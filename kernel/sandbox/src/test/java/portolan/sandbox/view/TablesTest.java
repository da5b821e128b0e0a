package portolan.sandbox.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import portolan.sandbox.HomeStory;
import portolan.sandbox.apps.Cloud;
import portolan.sandbox.stack.NatEntry;
import portolan.sandbox.text.Rows;

/**
 * Every state table of the sandbox, as the API returns it, follows the kernel's rendering
 * convention: a public {@code toHtml()} giving one consistently styled HTML table, and a text
 * table as {@code toString()}.
 */
class TablesTest {

    /** Each table as a notebook cell would end with it, and a text it must show. */
    static Map<Object, String> tables(HomeStory h, Cloud aws) {
        Map<Object, String> t = new LinkedHashMap<>();
        t.put(h.laptop.netstat(), "LISTEN");
        t.put(h.laptop.sockets().descriptors(), "LISTEN");
        t.put(h.phone.arpTable(), "223.38.0.1");
        t.put(h.home.router().routes(), "192.168.0.0/24");
        t.put(h.home.lan().macTable(), "02:00:00:00:00:");
        t.put(h.home.natTable(), "192.168.0.4:80");
        t.put(h.home.forwards(), "8081");
        t.put(h.home.leases(), "laptop");
        t.put(h.kt.leases(), "59.6.66.238");
        t.put(aws.securityGroup("default"), "ssh from anywhere");
        t.put(aws, "web-1");
        return t;
    }

    @Test
    void everyTableRendersAsOneStyleOfHtmlAndAsText() throws Exception {
        HomeStory h = PicturesTest.scenario();
        Cloud aws = Cloud.create(h.net, "AWS", "3.34.0.0/16");
        aws.securityGroup("default").allow("TCP", 22, "0.0.0.0/0", "ssh from anywhere");
        aws.launch("web-1");
        assertFalse(h.home.natTable().isEmpty(), "the phone's fetch left a port-forward mapping");
        Map<Object, String> tables = tables(h, aws);
        assertEquals(11, tables.size());
        for (Map.Entry<Object, String> e : tables.entrySet()) {
            Object table = e.getKey();
            String name = table.getClass().getName();
            Method toHtml = table.getClass().getMethod("toHtml"); // what the kernel's renderer calls
            assertEquals(String.class, toHtml.getReturnType(), name);
            String html = (String) toHtml.invoke(table);
            Document doc = PicturesTest.parse("<div>" + html + "</div>");
            doc = PicturesTest.parse(html.substring(0, html.indexOf("</table>") + 8)); // the first (or only) table
            assertEquals("table", doc.getDocumentElement().getTagName(), name);
            assertEquals("portolan-table", doc.getDocumentElement().getAttribute("class"), name);
            assertEquals(1, doc.getElementsByTagName("caption").getLength(), name + " has a caption");
            assertTrue(doc.getElementsByTagName("th").getLength() >= 3, name + " has column headers");
            assertTrue(doc.getDocumentElement().getTextContent().contains(e.getValue()), name + " shows " + e.getValue()
                    + ":\n" + html);
            assertTrue(table.toString().contains(e.getValue()), name + " text shows " + e.getValue() + ":\n" + table);
            assertFalse(table.toString().startsWith("["), name + " text is a table, not a list: " + table);
        }
    }

    @Test
    void rowsStayAListEqualToItsElementsAndUnmodifiable() {
        HomeStory h = PicturesTest.scenario();
        List<NatEntry> nat = h.home.natTable();
        assertTrue(nat instanceof Rows<?>);
        assertEquals(List.copyOf(nat), nat);
        assertEquals(nat, List.copyOf(nat));
        assertThrows(UnsupportedOperationException.class, () -> nat.add(nat.get(0)));
        String text = nat.toString();
        assertTrue(text.startsWith("NAT table of 공유기 (public 59.6.66.238)\nprotocol"), text);
        assertTrue(text.contains("port-forward"), text);
        HtmlTable arp = Tables.arp(h.phone);
        assertEquals(List.of("address", "MAC address", "interface", "expires in"), arp.headers());
        assertEquals(h.phone.arpTable().table().toHtml(), arp.toHtml());
    }
}
