package portolan.sandbox.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static portolan.sandbox.stack.IpProtocol.TCP;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import portolan.sandbox.HomeRouter;
import portolan.sandbox.HomeStory;
import portolan.sandbox.Host;
import portolan.sandbox.Isp;
import portolan.sandbox.Network;

/** The sequence diagram keeps every label between the lifelines of its arrow and clear of every other label. */
class SequenceLayoutTest {
    private static final String SVG_NS = "http://www.w3.org/2000/svg";

    /** A box of text on the picture. */
    record Box(String text, double left, double right, double top, double bottom) {
        boolean overlaps(Box o) {
            return left < o.right && o.left < right && top < o.bottom && o.top < bottom;
        }
    }

    /** A Korean home: 공유기 forwards 8081 to 노트북; 휴대폰 on another ISP fetches it, then a port with no rule. */
    static Network koreanNat(long seed) {
        Network net = new Network(seed);
        Isp kt = net.isp("KT", "59.6.64.0/20").poolFrom("59.6.66.238");
        Isp skt = net.isp("SKT", "223.38.0.0/16");
        HomeRouter home = net.homeRouter("공유기").connect(kt);
        Host laptop = home.join(net.host("노트북"), "192.168.0.4");
        Host phone = skt.subscribe(net.host("휴대폰"));
        HomeStory.serve(laptop, 80, "노트북의 페이지");
        home.forward(TCP, 8081, laptop, 80);
        assertEquals("노트북의 페이지", HomeStory.fetch(net, phone, "59.6.66.238", 8081));
        assertTrue(HomeStory.fetch(net, phone, "59.6.66.238", 8082).startsWith("failed"));
        return net;
    }

    @Test
    void natLabelsWithKoreanNamesStayInsideTheirLanes() throws Exception {
        try (Network net = koreanNat(11)) {
            SequenceDiagram d = net.sequence();
            assertTrue(d.arrows().stream().anyMatch(SequenceDiagram.Arrow::isDrop), "the 8082 attempt is dropped");
            checkLayout(d);
            checkLayout(d.port(8081));
            checkLayout(d.drops());
            try (Network again = koreanNat(11)) {
                assertEquals(d.toSvg(), again.sequence().toSvg(), "same scenario, same bytes");
            }
        }
    }

    @Test
    void longLabelsWrapOrShortenAndKeepTheWholeTextAsTooltip() throws Exception {
        try (Network net = koreanNat(11)) {
            SequenceDiagram drops = net.sequence().drops();
            String reason = drops.arrows().get(0).at().reason();
            Document doc = PicturesTest.parse(drops.toSvg());
            NodeList titles = doc.getElementsByTagNameNS(SVG_NS, "title");
            boolean found = false;
            for (int i = 0; i < titles.getLength(); i++) {
                found |= titles.item(i).getTextContent().endsWith("✕ " + reason);
            }
            assertTrue(found, "the full reason is a tooltip: " + reason);
        }
        List<String> lines = TextWidth.wrap("one two three four five six seven", 10, 60, 2);
        assertEquals(2, lines.size());
        assertTrue(lines.get(1).endsWith("…"), lines.toString());
        lines.forEach(l -> assertTrue(TextWidth.of(l, 10) <= 60, l));
        assertEquals(30.0, TextWidth.of("공유기", 10), 1e-9);
        assertEquals(18.0, TextWidth.of("abc", 10), 1e-9);
    }

    /** Asserts the geometry of {@code d}'s SVG: labels between their lifelines, no two labels or lane names overlapping. */
    static void checkLayout(SequenceDiagram d) throws Exception {
        Document doc = PicturesTest.parse(d.toSvg());
        Element root = doc.getDocumentElement();
        double width = Double.parseDouble(root.getAttribute("width"));
        List<Double> lifelines = new ArrayList<>();
        List<Box> names = new ArrayList<>();
        for (Element e : elements(root, "line")) {
            if (e.getAttribute("class").equals("life")) {
                lifelines.add(num(e, "x1"));
            }
        }
        for (Element e : elements(root, "text")) {
            if (e.getAttribute("class").contains("lane")) {
                names.add(box(e, SequenceDiagram.NAME_FONT));
            }
        }
        assertEquals(names.size(), lifelines.size());
        for (int i = 0; i + 1 < names.size(); i++) {
            assertFalse(names.get(i).overlaps(names.get(i + 1)), names.get(i) + " overlaps " + names.get(i + 1));
        }
        List<String> lanes = names.stream().map(Box::text).toList();
        List<Element> rows = new ArrayList<>();
        for (Element g : elements(root, "g")) {
            if (g.getAttribute("class").startsWith("row")) {
                rows.add(g);
            }
        }
        assertEquals(d.arrows().size(), rows.size());
        List<Box> labels = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            SequenceDiagram.Arrow a = d.arrows().get(r);
            int from = lanes.indexOf(a.from());
            int to = lanes.indexOf(a.to());
            double lo;
            double hi;
            if (from == to) { // a mark: labels right of its lifeline, before the next one
                lo = lifelines.get(from);
                hi = from + 1 < lifelines.size() ? lifelines.get(from + 1) : width;
            } else {
                lo = Math.min(lifelines.get(from), lifelines.get(to));
                hi = Math.max(lifelines.get(from), lifelines.get(to));
            }
            for (Element t : elements(rows.get(r), "text")) {
                if (!t.getAttribute("class").contains("label")) {
                    continue;
                }
                Box b = box(t, SequenceDiagram.FONT);
                assertTrue(b.left() > lo && b.right() < hi, "label \"" + b.text() + "\" of " + a.from() + " → " + a.to()
                        + " spans " + b.left() + ".." + b.right() + ", outside its lane " + lo + ".." + hi);
                for (Box other : labels) {
                    assertFalse(b.overlaps(other), b + " overlaps " + other);
                }
                labels.add(b);
            }
        }
        assertFalse(labels.isEmpty());
    }

    private static Box box(Element t, double font) {
        StringBuilder text = new StringBuilder();
        for (Node c = t.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c.getNodeType() == Node.TEXT_NODE) {
                text.append(c.getNodeValue());
            }
        }
        double w = TextWidth.of(text.toString(), font);
        double x = num(t, "x");
        double y = num(t, "y");
        double left = switch (t.getAttribute("text-anchor")) {
            case "middle" -> x - w / 2;
            case "end" -> x - w;
            default -> x;
        };
        return new Box(text.toString(), left, left + w, y - font, y + font * 0.25);
    }

    private static double num(Element e, String attribute) {
        return Double.parseDouble(e.getAttribute(attribute));
    }

    private static List<Element> elements(Element parent, String name) {
        NodeList list = parent.getElementsByTagNameNS(SVG_NS, name);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            out.add((Element) list.item(i));
        }
        return out;
    }
}
