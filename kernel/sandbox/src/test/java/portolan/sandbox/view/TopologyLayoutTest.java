package portolan.sandbox.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import portolan.sandbox.HomeRouter;
import portolan.sandbox.Isp;
import portolan.sandbox.Network;
import portolan.sandbox.Topologies;
import portolan.sandbox.apps.Cloud;

/** The topology picture never draws a cable through a box it does not connect, and boxes never overlap. */
class TopologyLayoutTest {
    private static final String SVG_NS = "http://www.w3.org/2000/svg";

    /** The README's home (KT, 공유기, laptop, phone on SKT) plus a cloud and a neighbour's home on a second ISP. */
    static Network readmeHomeWithCloudAndSecondIsp() throws Exception {
        Network net = new Network(5);
        Isp kt = net.isp("KT", "59.6.64.0/20").poolFrom("59.6.66.238");
        Isp skt = net.isp("SKT", "223.38.0.0/16");
        HomeRouter home = net.homeRouter("공유기").connect(kt);
        home.join(net.host("desktop"), "192.168.0.3");
        home.join(net.host("laptop"), "192.168.0.4").webServer("apache", 80).page("/", "hi");
        skt.subscribe(net.host("phone"));
        Cloud aws = Cloud.create(net, "AWS", "3.34.0.0/16");
        aws.launch("web-1");
        aws.launch("web-2");
        Isp lg = net.isp("LG U+", "106.101.0.0/16");
        HomeRouter neighbour = net.homeRouter("이웃집 공유기").connect(lg);
        neighbour.join(net.host("tv"));
        neighbour.join(net.host("tablet"));
        return net;
    }

    @Test
    void cablesAvoidBoxesInTheReadmeHomeWithACloudAndASecondIsp() throws Exception {
        try (Network net = readmeHomeWithCloudAndSecondIsp()) {
            String svg = net.toSvg();
            checkNoCableCrossesABox(svg);
            TopologyDiagram d = net.topology();
            TopologyLayout l = d.layout();
            assertEquals(d.toString().lines().filter(line -> line.contains(" —— ")).count(), l.wires.size(), "every cable drawn");
            for (TopologyLayout.Wire w : l.wires) {
                double[] xy = w.xy();
                assertTrue(onBorder(xy[0], xy[1], l) && onBorder(xy[xy.length - 2], xy[xy.length - 1], l),
                        "cable " + w.cable() + " ends on boxes");
            }
            // the internet core is the centre: alone in the top row
            TopologyLayout.Placed internet = l.placed.get("internet");
            l.placed.values().forEach(p -> assertTrue(p == internet || p.y() > internet.bottom(), p.key() + " below the core"));
            try (Network again = readmeHomeWithCloudAndSecondIsp()) {
                assertEquals(svg, again.toSvg(), "same network, same bytes");
            }
        }
    }

    @Test
    void routersInARowAndSameRowCablesAlsoAvoidBoxes() throws Exception {
        try (Network net = Topologies.threeRouters(3)) {
            checkNoCableCrossesABox(net.toSvg());
        }
        // a ring: two boxes at the same distance from the centre are joined within one row
        try (Network net = new Network(1)) {
            var ab = net.link("ab");
            var bc = net.link("bc");
            var ca = net.link("ca");
            net.router("a").attach(ab, "10.0.0.1/30").attach(ca, "10.0.0.10/30");
            net.router("b").attach(ab, "10.0.0.2/30").attach(bc, "10.0.0.5/30");
            net.router("c").attach(bc, "10.0.0.6/30").attach(ca, "10.0.0.9/30");
            String svg = net.toSvg();
            checkNoCableCrossesABox(svg);
            assertEquals(3, net.topology().layout().wires.size());
        }
    }

    private static boolean onBorder(double x, double y, TopologyLayout l) {
        return l.placed.values().stream().anyMatch(p -> x >= p.x() && x <= p.x() + p.w()
                && (Math.abs(y - p.y()) < 0.01 || Math.abs(y - p.bottom()) < 0.01));
    }

    /** Parses the SVG: no wire segment enters the inside of any box, and no two boxes overlap. */
    static void checkNoCableCrossesABox(String svg) throws Exception {
        Element root = PicturesTest.parse(svg).getDocumentElement();
        List<double[]> boxes = new ArrayList<>();
        NodeList rects = root.getElementsByTagNameNS(SVG_NS, "rect");
        for (int i = 0; i < rects.getLength(); i++) {
            Element r = (Element) rects.item(i);
            double x = num(r, "x");
            double y = num(r, "y");
            boxes.add(new double[] {x, y, x + num(r, "width"), y + num(r, "height")});
        }
        assertFalse(boxes.isEmpty());
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size(); j++) {
                double[] p = boxes.get(i);
                double[] q = boxes.get(j);
                assertFalse(p[0] < q[2] && q[0] < p[2] && p[1] < q[3] && q[1] < p[3], "boxes " + i + " and " + j + " overlap");
            }
        }
        NodeList lines = root.getElementsByTagNameNS(SVG_NS, "polyline");
        int segments = 0;
        for (int i = 0; i < lines.getLength(); i++) {
            Element pl = (Element) lines.item(i);
            if (!pl.getAttribute("class").equals("wire")) {
                continue;
            }
            String[] points = pl.getAttribute("points").split(" ");
            for (int k = 0; k + 1 < points.length; k++) {
                String[] a = points[k].split(",");
                String[] b = points[k + 1].split(",");
                double[] seg = {Double.parseDouble(a[0]), Double.parseDouble(a[1]), Double.parseDouble(b[0]),
                    Double.parseDouble(b[1])};
                segments++;
                for (double[] box : boxes) {
                    assertFalse(crossesInside(seg, box), "cable segment " + java.util.Arrays.toString(seg)
                            + " passes through the box " + java.util.Arrays.toString(box));
                }
            }
        }
        assertTrue(segments > 0);
    }

    /** Whether segment {@code s} enters the open interior of {@code box} (Liang–Barsky clipping, shrunk by half a pixel). */
    static boolean crossesInside(double[] s, double[] box) {
        double x0 = box[0] + 0.5;
        double y0 = box[1] + 0.5;
        double x1 = box[2] - 0.5;
        double y1 = box[3] - 0.5;
        double dx = s[2] - s[0];
        double dy = s[3] - s[1];
        double[] p = {-dx, dx, -dy, dy};
        double[] q = {s[0] - x0, x1 - s[0], s[1] - y0, y1 - s[1]};
        double t0 = 0;
        double t1 = 1;
        for (int i = 0; i < 4; i++) {
            if (p[i] == 0) {
                if (q[i] < 0) {
                    return false;
                }
            } else {
                double t = q[i] / p[i];
                if (p[i] < 0) {
                    t0 = Math.max(t0, t);
                } else {
                    t1 = Math.min(t1, t);
                }
            }
        }
        return t0 < t1;
    }

    @Test
    void clippingDetectsASegmentThroughABoxAndIgnoresOneAlongItsEdge() {
        double[] box = {10, 10, 50, 30};
        assertTrue(crossesInside(new double[] {0, 20, 60, 20}, box));
        assertTrue(crossesInside(new double[] {0, 0, 60, 40}, box));
        assertFalse(crossesInside(new double[] {30, 30, 30, 80}, box), "leaving from the bottom edge");
        assertFalse(crossesInside(new double[] {0, 0, 60, 5}, box));
    }

    private static double num(Element e, String attribute) {
        return Double.parseDouble(e.getAttribute(attribute));
    }
}
