package portolan.sandbox.view;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
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
    /** Label font size in pixels (monospace, so widths can be estimated without a font). */
    static final double FONT = 10;
    static final double NAME_FONT = 12;
    /** Space kept between a label and a lifeline it must not touch. */
    static final double PAD = 6;
    /** How far right of its lifeline a mark's labels start. */
    static final double SELF_OFFSET = 12;
    private static final double LINE = 13;
    private static final double TOP = 40;
    private static final double MIN_GAP = 90;
    /** Widest label line; longer text wraps or ends in "…" (the whole label is the tooltip). */
    private static final double MAX_LINE = 330;

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
                if (used[j] || !(Arrays.equals(t.wire(), s.wire()) || damagedOnTheWay(s, t))) {
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

    /**
     * True if {@code t} is {@code s} with one bit flipped on the link (a fault a link injects), dropped
     * for its bad FCS by the receiver: still the same frame, so its arrow ends in the drop.
     */
    private static boolean damagedOnTheWay(TraceEntry s, TraceEntry t) {
        if (t.event() != Event.DROPPED || t.reason() == null || !t.reason().startsWith("bad FCS")
                || t.wire().length != s.wire().length) {
            return false;
        }
        int bits = 0;
        for (int i = 0; i < s.wire().length && bits <= 1; i++) {
            bits += Integer.bitCount((s.wire()[i] ^ t.wire()[i]) & 0xff);
        }
        return bits == 1;
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
        List<Row> rows = new ArrayList<>();
        for (Arrow a : arrows) {
            rows.add(Row.of(a, lanes.indexOf(a.from()), lanes.indexOf(a.to())));
        }
        double[] x = laneX(lanes, rows);
        double width = x[x.length - 1] + rightMargin(lanes, rows);
        double height = TOP + rows.stream().mapToDouble(Row::height).sum() + 16;
        Svg svg = new Svg((int) Math.ceil(width), (int) Math.ceil(height));
        for (int k = 0; k < lanes.size(); k++) {
            svg.text(x[k], 22, lanes.get(k), "middle", "bold lane", null);
            svg.line(x[k], TOP - 8, x[k], height - 10, "life");
        }
        double top = TOP;
        for (Row row : rows) {
            draw(svg, row, x, top);
            top += row.height();
        }
        return svg.render("sequence diagram of " + arrows.size() + " frames between " + String.join(", ", lanes));
    }

    /**
     * One arrow as laid out: its lanes, the label lines drawn above the arrow (addresses, then
     * the summary) and below it (a drop's reason), and the width the widest line needs.
     */
    record Row(Arrow arrow, int from, int to, List<String> above, List<String> below, double width) {
        static Row of(Arrow a, int from, int to) {
            List<String> above = new ArrayList<>();
            above.add(TextWidth.cut(a.sent().source() + " → " + a.sent().destination(), FONT, MAX_LINE));
            above.addAll(TextWidth.wrap(a.sent().summary(), FONT, MAX_LINE, 2));
            List<String> below = new ArrayList<>();
            if (a.isDrop()) {
                below.addAll(TextWidth.wrap("✕ " + a.at().reason(), FONT, MAX_LINE, 3));
            } else if (from == to) {
                below.add("(not received yet)");
            }
            double w = 0;
            for (String line : above) {
                w = Math.max(w, TextWidth.of(line, FONT));
            }
            for (String line : below) {
                w = Math.max(w, TextWidth.of(line, FONT));
            }
            return new Row(a, from, to, List.copyOf(above), List.copyOf(below), w);
        }

        boolean self() {
            return from == to;
        }

        double height() {
            return (above.size() + below.size()) * LINE + 14;
        }

        /** The distance between two lifelines this row's labels need. */
        double need() {
            return width + (self() ? SELF_OFFSET : 0) + 2 * PAD;
        }
    }

    /**
     * The x of each lifeline: every gap is wide enough for the lane names on either side, the
     * labels of arrows between neighbours, and a mark's labels (drawn right of its lifeline);
     * an arrow over several lanes widens them evenly if they are still too narrow together.
     * Shorter spans are settled first, so widening a longer one never breaks a shorter one.
     */
    private static double[] laneX(List<String> lanes, List<Row> rows) {
        int n = lanes.size();
        double[] gap = new double[Math.max(0, n - 1)];
        for (int k = 0; k + 1 < n; k++) {
            gap[k] = Math.max(MIN_GAP, nameWidth(lanes.get(k)) / 2 + nameWidth(lanes.get(k + 1)) / 2 + 2 * PAD);
        }
        List<Row> spans = new ArrayList<>();
        for (Row r : rows) {
            if (!r.self() || r.from() < n - 1) {
                spans.add(r);
            }
        }
        spans.sort(Comparator.comparingInt((Row r) -> span(r)[1] - span(r)[0]).thenComparingInt(r -> span(r)[0]));
        for (Row r : spans) {
            int lo = span(r)[0];
            int hi = span(r)[1];
            double sum = 0;
            for (int k = lo; k < hi; k++) {
                sum += gap[k];
            }
            if (sum < r.need()) {
                double each = Math.ceil((r.need() - sum) / (hi - lo));
                for (int k = lo; k < hi; k++) {
                    gap[k] += each;
                }
            }
        }
        double left = nameWidth(lanes.isEmpty() ? "" : lanes.get(0)) / 2 + PAD;
        for (Row r : rows) {
            left = Math.max(left, TextWidth.of(number(r.arrow()), FONT) + 2 * PAD + 6);
        }
        double[] x = new double[Math.max(1, n)];
        x[0] = Math.ceil(left);
        for (int k = 1; k < n; k++) {
            x[k] = x[k - 1] + gap[k - 1];
        }
        return x;
    }

    /** The lanes a row's labels occupy: between its two lifelines, or right of a mark's. */
    private static int[] span(Row r) {
        return new int[] {Math.min(r.from(), r.to()), r.self() ? r.from() + 1 : Math.max(r.from(), r.to())};
    }

    private static double rightMargin(List<String> lanes, List<Row> rows) {
        double right = lanes.isEmpty() ? 20 : nameWidth(lanes.get(lanes.size() - 1)) / 2 + PAD;
        for (Row r : rows) {
            if (r.self() && r.from() == lanes.size() - 1) {
                right = Math.max(right, r.need());
            }
        }
        return Math.ceil(Math.max(right, 20));
    }

    private static double nameWidth(String name) {
        return TextWidth.of(name, NAME_FONT);
    }

    private static String number(Arrow a) {
        return "#" + a.sent().number() + " " + TimeText.seconds(a.sent().time());
    }

    private static void draw(Svg svg, Row row, double[] x, double top) {
        Arrow a = row.arrow();
        double x1 = x[row.from()];
        double x2 = x[row.to()];
        double y = top + row.above().size() * LINE + 4;
        String tip = a.label() + (a.isDrop() ? "  ✕ " + a.at().reason() : "");
        svg.group(a.isDrop() ? "row dropped" : "row");
        svg.text(PAD, y - 3, number(a), "start", "small mono", null);
        double cx = row.self() ? x1 + SELF_OFFSET : (x1 + x2) / 2;
        String anchor = row.self() ? "start" : "middle";
        if (row.self()) {
            if (a.isDrop()) {
                cross(svg, x1, y);
            } else {
                svg.line(x1, y, x1 + SELF_OFFSET - 4, y, "arrow");
            }
        } else {
            double dir = Math.signum(x2 - x1);
            svg.line(x1, y, a.isDrop() ? x2 - dir * 10 : x2, y, a.isDrop() ? "drop" : "arrow");
            if (a.isDrop()) {
                cross(svg, x2, y);
            } else {
                svg.polyline(new double[] {x2 - dir * 7, y - 4, x2, y, x2 - dir * 7, y + 4}, "arrow");
            }
        }
        for (int i = 0; i < row.above().size(); i++) {
            double ly = y - 5 - (row.above().size() - 1 - i) * LINE;
            svg.text(cx, ly, row.above().get(i), anchor, "small mono label", tip);
        }
        for (int i = 0; i < row.below().size(); i++) {
            svg.text(cx, y + 4 + (i + 1) * LINE - 2, row.below().get(i), anchor,
                    (a.isDrop() ? "drop" : "small") + " mono label", tip);
        }
        svg.end();
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
