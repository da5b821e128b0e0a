package portolan.sandbox.view;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import portolan.sandbox.Host;
import portolan.sandbox.Network;
import portolan.sandbox.Node;
import portolan.sandbox.Router;
import portolan.sandbox.stack.IpInterface;
import portolan.sandbox.stack.Link;
import portolan.sandbox.stack.Nic;
import portolan.sandbox.stack.Port;

/**
 * A TopologyDiagram is the picture of a network: a box per router, switch (LAN) and host with
 * its interfaces, addresses and listening ports, and a line per cable. The boxes stand in rows
 * by hop distance from the network's centre (usually the internet core), so cables run between
 * rows and never through a box they do not connect (see {@link TopologyLayout}). The layout
 * depends only on creation order, so the same scenario always draws the same SVG.
 */
public final class TopologyDiagram {
    private static final double FONT = 10;
    private static final double NAME_FONT = 12;
    private static final double LINE = 13;
    private static final double MAX_LINE = 260;

    /** A box: a router, a switch or a host, with its text lines. */
    record Box(String name, String kind, List<String> lines) {
    }

    /** A cable between two boxes, named by its link. */
    record Cable(String from, String to, String label) {
    }

    private final Map<String, Box> boxes = new LinkedHashMap<>();
    private final List<Cable> cables = new ArrayList<>();

    private TopologyDiagram() {
    }

    /** The current topology of {@code network}. */
    public static TopologyDiagram of(Network network) {
        TopologyDiagram d = new TopologyDiagram();
        List<Node> nodes = network.nodes();
        for (Node n : nodes) {
            d.boxes.put(n.name(), new Box(n.name(), n instanceof Router ? "router" : "host", new ArrayList<>()));
        }
        for (Node n : nodes) {
            Box box = d.boxes.get(n.name());
            for (Nic nic : n.nics()) {
                StringBuilder line = new StringBuilder(nic.name());
                for (IpInterface i : n.stack().interfaces()) {
                    if (i.nic() == nic) {
                        line.append(' ').append(i.cidr());
                    }
                }
                box.lines().add(line.toString());
                Link link = nic.link();
                if (link == null) {
                    continue;
                }
                Port peer = link.peer(nic);
                if (peer instanceof Nic other) {
                    // a point-to-point cable: draw it once, from the node created first
                    if (nodes.indexOf(network.node(other.node())) > nodes.indexOf(n)) {
                        d.cables.add(new Cable(n.name(), other.node(), link.name()));
                    }
                } else if (peer != null) {
                    String place = peer.place();
                    int colon = place.lastIndexOf(':');
                    String sw = colon < 0 ? place : place.substring(0, colon);
                    d.boxes.putIfAbsent("switch " + sw, new Box(sw, "switch", new ArrayList<>(List.of("switch"))));
                    d.cables.add(new Cable(n.name(), "switch " + sw, ""));
                }
            }
            if (n instanceof Host h) {
                List<String> ports = h.netstat().inState("LISTEN").stream().map(r -> r.protocol() + " " + r.local())
                        .toList();
                if (!ports.isEmpty()) {
                    box.lines().add("listening: " + String.join(", ", ports));
                }
            }
        }
        return d;
    }

    private String key(Box b) {
        return b.kind().equals("switch") ? "switch " + b.name() : b.name();
    }

    /** A box's text as drawn: each line wrapped to the widest a box gets. */
    private static List<String> shown(Box b) {
        List<String> out = new ArrayList<>();
        for (String line : b.lines()) {
            out.addAll(TextWidth.wrap(line, FONT, MAX_LINE, 3));
        }
        return out;
    }

    /** The layout of the boxes and cables (package-private so tests can check its geometry). */
    TopologyLayout layout() {
        List<String> keys = new ArrayList<>(boxes.keySet());
        Map<String, double[]> sizes = new LinkedHashMap<>();
        for (Box b : boxes.values()) {
            List<String> lines = shown(b);
            double w = TextWidth.of(b.name(), NAME_FONT) * 1.15;
            for (String line : lines) {
                w = Math.max(w, TextWidth.of(line, FONT));
            }
            sizes.put(key(b), new double[] {Math.ceil(Math.max(100, w + 16)), 30 + LINE * lines.size()});
        }
        List<String[]> pairs = cables.stream().map(c -> new String[] {c.from(), c.to()}).toList();
        return TopologyLayout.of(keys, sizes, pairs);
    }

    /** The picture as SVG. */
    public String toSvg() {
        TopologyLayout l = layout();
        Svg svg = new Svg((int) Math.ceil(Math.max(l.width, 1)), (int) Math.ceil(Math.max(l.height, 1)));
        for (TopologyLayout.Wire w : l.wires) {
            Cable cable = cables.get(w.cable());
            svg.group("cable");
            svg.polyline(w.xy(), "wire");
            if (!cable.label().isEmpty()) {
                svg.text(w.labelX(), w.labelY(), cable.label(), "middle", "small", cable.from() + " — " + cable.to());
            }
            svg.end();
        }
        for (Box b : boxes.values()) {
            TopologyLayout.Placed p = l.placed.get(key(b));
            double cx = p.x() + p.w() / 2;
            svg.group("node " + b.kind());
            svg.rect(p.x(), p.y(), p.w(), p.h(), "box");
            svg.text(cx, p.y() + 17, b.name(), "middle", "bold", b.kind() + " " + b.name());
            List<String> lines = shown(b);
            for (int i = 0; i < lines.size(); i++) {
                svg.text(cx, p.y() + 33 + i * LINE, lines.get(i), "middle", "small mono", null);
            }
            svg.end();
        }
        return svg.render("network topology: " + boxes.size() + " boxes, " + cables.size() + " cables");
    }

    /** The text fallback: every box with its lines, then every cable. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("topology\n");
        for (Box b : boxes.values()) {
            s.append("  ").append(b.kind()).append(' ').append(b.name()).append('\n');
            for (String line : b.lines()) {
                if (!b.kind().equals("switch")) {
                    s.append("      ").append(line).append('\n');
                }
            }
        }
        for (Cable c : cables) {
            s.append("  ").append(c.from()).append(" —— ").append(c.to())
                    .append(c.label().isEmpty() ? "" : " (" + c.label() + ")").append('\n');
        }
        return s.toString();
    }
}
