package portolan.sandbox.view;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import portolan.sandbox.stack.TraceEntry;
import portolan.sandbox.stack.TraceEntry.Event;

/**
 * A SequenceDiagram is a picture of a packet trace: a lifeline per node, an arrow per frame from
 * the node that put it on the wire to the node that took it off, labelled with addresses, ports,
 * TCP flags and seq/ack. A frame a router rewrites (NAT) shows as two arrows with different
 * addresses on either side of the router; a drop ends in a red ✕ with its reason.
 */
public final class SequenceDiagram {
    private static final int LANE = 170;
    private static final int STEP = 30;
    private static final int LABEL_CHARS = 64;

    /**
     * One picture row: a frame from {@code sent} at one node to {@code at} at another (the same
     * entry for a drop nobody sent, e.g. no route at the sender itself).
     */
    public record Arrow(TraceEntry sent, TraceEntry at) {
        public String from() {
            return sent.node();
        }

        public String to() {
            return at.node();
        }

        public boolean isDrop() {
            return at.isDrop();
        }

        /** Addresses and the decoded summary (ports, flags, seq/ack), as seen by the sender. */
        public String label() {
            return sent.source() + " → " + sent.destination() + "  " + sent.summary();
        }
    }

    private final List<Arrow> arrows;

    private SequenceDiagram(List<Arrow> arrows) {
        this.arrows = List.copyOf(arrows);
    }

    /** The diagram of {@code entries} (a whole trace or a filtered part of one). */
    public static SequenceDiagram of(List<TraceEntry> entries) {
        List<Arrow> arrows = new ArrayList<>();
        boolean[] used = new boolean[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            TraceEntry s = entries.get(i);
            boolean sending = s.event() == Event.SENT || s.event() == Event.FORWARDED;
            if (!sending) {
                if (!used[i] && s.event() == Event.DROPPED) {
                    arrows.add(new Arrow(s, s)); // dropped where it was, e.g. a received frame nobody sent in range
                }
                continue;
            }
            boolean matched = false;
            for (int j = i + 1; j < Math.min(entries.size(), i + 4096); j++) {
                TraceEntry t = entries.get(j);
                if (used[j] || !Arrays.equals(t.wire(), s.wire())) {
                    continue;
                }
                if ((t.event() == Event.SENT || t.event() == Event.FORWARDED) && t.node().equals(s.node())) {
                    break; // the same bytes sent again: a retransmission starts a new arrow
                }
                if (t.event() == Event.RECEIVED || t.isDrop()) {
                    used[j] = true;
                    arrows.add(new Arrow(s, t));
                    matched = true;
                }
            }
            if (!matched) {
                arrows.add(new Arrow(s, s)); // sent, never seen arriving (still in flight)
            }
        }
        return new SequenceDiagram(arrows);
    }

    public List<Arrow> arrows() {
        return arrows;
    }

    /** Only arrows matching {@code condition}. */
    public SequenceDiagram where(Predicate<Arrow> condition) {
        return new SequenceDiagram(arrows.stream().filter(condition).toList());
    }

    /** Only arrows leaving or reaching the node {@code name}. */
    public SequenceDiagram host(String name) {
        return where(a -> a.from().equals(name) || a.to().equals(name));
    }

    /** Only frames whose highest protocol is {@code name} ("TCP", "UDP", "ICMP", "ARP"), any case. */
    public SequenceDiagram protocol(String name) {
        return where(a -> a.sent().protocol().equalsIgnoreCase(name));
    }

    /** Only frames to or from TCP/UDP port {@code port} (one connection or service). */
    public SequenceDiagram port(int port) {
        return where(a -> Decode.ports(a.sent()).contains(port));
    }

    /** Only drops and losses. */
    public SequenceDiagram drops() {
        return where(Arrow::isDrop);
    }

    private List<String> lifelines() {
        List<String> names = new ArrayList<>();
        for (Arrow a : arrows) {
            if (!names.contains(a.from())) {
                names.add(a.from());
            }
            if (!names.contains(a.to())) {
                names.add(a.to());
            }
        }
        return names;
    }

    /** The diagram as SVG. */
    public String toSvg() {
        List<String> lanes = lifelines();
        int width = Math.max(640, lanes.size() * LANE + 40);
        int top = 40;
        int height = top + (arrows.size() + 1) * STEP + 20;
        Svg svg = new Svg(width, height);
        for (int k = 0; k < lanes.size(); k++) {
            double x = x(k);
            svg.text(x, 22, lanes.get(k), "middle", "bold", null);
            svg.line(x, top - 8, x, height - 10, "life");
        }
        for (int r = 0; r < arrows.size(); r++) {
            Arrow a = arrows.get(r);
            double y = top + (r + 1) * STEP;
            double x1 = x(lanes.indexOf(a.from()));
            double x2 = x(lanes.indexOf(a.to()));
            String number = "#" + a.sent().number() + " " + TimeText.seconds(a.sent().time());
            svg.text(6, y - 6, number, "start", "small", null);
            String label = a.label();
            String shown = label.length() > LABEL_CHARS ? label.substring(0, LABEL_CHARS - 1) + "…" : label;
            if (x1 == x2) { // dropped or unanswered at one node: a mark on its lifeline
                if (a.isDrop()) {
                    cross(svg, x1, y);
                    svg.text(x1 + 10, y + 4, "✕ " + a.at().reason(), "start", "drop", label);
                } else {
                    svg.line(x1, y, x1 + 30, y, "arrow");
                    svg.text(x1 + 34, y + 4, shown + " (not received yet)", "start", "small", label);
                }
                continue;
            }
            double dir = Math.signum(x2 - x1);
            double end = a.isDrop() ? x2 - dir * 10 : x2;
            svg.line(x1, y, end, y, a.isDrop() ? "drop" : "arrow");
            if (a.isDrop()) {
                cross(svg, x2, y);
                svg.text(x2 + dir * 10, y + 14, "✕ " + a.at().reason(), dir > 0 ? "end" : "start", "drop", null);
            } else {
                svg.polyline(new double[] {x2 - dir * 7, y - 4, x2, y, x2 - dir * 7, y + 4}, "arrow");
            }
            svg.text((x1 + x2) / 2, y - 5, shown, "middle", "small", label);
        }
        return svg.render("sequence diagram of " + arrows.size() + " frames between " + String.join(", ", lanes));
    }

    private static double x(int lane) {
        return 130 + lane * LANE;
    }

    private static void cross(Svg svg, double x, double y) {
        svg.line(x - 5, y - 5, x + 5, y + 5, "drop");
        svg.line(x - 5, y + 5, x + 5, y - 5, "drop");
    }

    /** The text fallback: one line per arrow. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (Arrow a : arrows) {
            s.append(String.format("%5d %11s  %s → %s  %s", a.sent().number(), TimeText.seconds(a.sent().time()),
                    a.from(), a.to(), a.label()));
            if (a.isDrop()) {
                s.append("  ✕ ").append(a.at().reason());
            }
            s.append('\n');
        }
        return s.length() == 0 ? "(no frames)\n" : s.toString();
    }
}
