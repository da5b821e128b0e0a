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
 * A TopologyDiagram is the picture of a network: routers on the top row, switches (LANs) in the
 * middle, hosts at the bottom, each box with its interfaces, addresses and listening ports, and a
 * line per cable. The layout depends only on creation order, so the same scenario always draws
 * the same SVG.
 */
public final class TopologyDiagram {
    private static final int COLUMN = 190;
    private static final int LINE = 14;

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

    private List<Box> row(String kind) {
        return boxes.values().stream().filter(b -> b.kind().equals(kind)).toList();
    }

    private String key(Box b) {
        return b.kind().equals("switch") ? "switch " + b.name() : b.name();
    }

    /** The picture as SVG. */
    public String toSvg() {
        List<List<Box>> rows = List.of(row("router"), row("switch"), row("host"));
        int columns = Math.max(1, rows.stream().mapToInt(List::size).max().orElse(1));
        int rowHeight = 40 + LINE * Math.max(1, boxes.values().stream().mapToInt(b -> b.lines().size()).max().orElse(1));
        int gap = 60;
        int width = columns * COLUMN + 20;
        int height = 3 * (rowHeight + gap) + 10;
        Map<String, double[]> centre = new LinkedHashMap<>();
        Svg svg = new Svg(width, height);
        for (int r = 0; r < rows.size(); r++) {
            List<Box> row = rows.get(r);
            double offset = (width - row.size() * COLUMN) / 2.0;
            for (int c = 0; c < row.size(); c++) {
                double x = offset + c * COLUMN + 10;
                double y = 10 + r * (rowHeight + gap);
                centre.put(key(row.get(c)), new double[] {x + (COLUMN - 20) / 2.0, y, y + rowHeight});
            }
        }
        for (Cable cable : cables) {
            double[] a = centre.get(cable.from());
            double[] b = centre.get(cable.to());
            boolean aAbove = a[1] <= b[1];
            double y1 = aAbove ? a[2] : a[1];
            double y2 = aAbove ? b[1] : b[2];
            if (a[1] == b[1]) { // same row: join the sides at mid-height
                y1 = (a[1] + a[2]) / 2;
                y2 = y1;
            }
            svg.line(a[0], y1, b[0], y2, "wire");
            if (!cable.label().isEmpty()) {
                svg.text((a[0] + b[0]) / 2, (y1 + y2) / 2 - 4, cable.label(), "middle", "small", null);
            }
        }
        for (Box b : boxes.values()) {
            double[] c = centre.get(key(b));
            double x = c[0] - (COLUMN - 20) / 2.0;
            svg.rect(x, c[1], COLUMN - 20, c[2] - c[1], "box");
            svg.text(c[0], c[1] + 18, b.name(), "middle", "bold", b.kind() + " " + b.name());
            for (int i = 0; i < b.lines().size(); i++) {
                String line = b.lines().get(i);
                String shown = line.length() > 30 ? line.substring(0, 29) + "…" : line;
                svg.text(c[0], c[1] + 36 + i * LINE, shown, "middle", "small", shown.equals(line) ? null : line);
            }
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
