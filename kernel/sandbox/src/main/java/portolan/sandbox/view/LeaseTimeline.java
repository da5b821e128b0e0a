package portolan.sandbox.view;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import portolan.sandbox.apps.LeaseEvent;
import portolan.sandbox.wire.Ipv4Address;

/**
 * A LeaseTimeline is the chart of a DHCP server's addresses over virtual time: a row per address,
 * a bar per client while it held that address (from BOUND, through RENEWED, to EXPIRED or
 * RELEASED; still open bars run to now), and a red ✕ where the server refused a client its old
 * address (NAK). It tells the notes' month-away story at a glance: the home's bar on
 * 59.6.66.238 stops while it is away, a stranger's bar starts on the same row, and the home comes
 * back on a new row.
 */
public final class LeaseTimeline {
    /** Mid-tone colours readable on light and dark backgrounds, one per client in order of appearance. */
    private static final String[] COLOURS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#17becf", "#bcbd22"};
    private static final long SECOND = 1_000_000_000L;
    private static final long[] STEPS = {1, 10, 60, 600, 3600, 6 * 3600, 12 * 3600, 86_400, 7 * 86_400, 30 * 86_400};

    /** One bar: {@code client} held {@code address} from {@code start} to {@code end} (ns); {@code open}: still holds it. */
    public record Holding(Ipv4Address address, String client, long start, long end, boolean open) {
    }

    /** One refusal: the server told {@code client} it may not have {@code address} (NAK), at {@code time}. */
    public record Refusal(Ipv4Address address, String client, long time, String why) {
    }

    private final String title;
    private final long now;
    private final List<Holding> holdings;
    private final List<Refusal> refusals;

    private LeaseTimeline(String title, long now, List<Holding> holdings, List<Refusal> refusals) {
        this.title = title;
        this.now = now;
        this.holdings = List.copyOf(holdings);
        this.refusals = List.copyOf(refusals);
    }

    /** The timeline of {@code log} (a DHCP server's lease events, oldest first) up to virtual time {@code now}. */
    public static LeaseTimeline of(String title, List<LeaseEvent> log, long now) {
        Map<String, long[]> open = new LinkedHashMap<>(); // "client address" → start
        Map<String, LeaseEvent> first = new LinkedHashMap<>();
        List<Holding> done = new ArrayList<>();
        List<Refusal> refusals = new ArrayList<>();
        for (LeaseEvent e : log) {
            if (e.address() == null) {
                continue;
            }
            String key = e.client() + " " + e.address();
            switch (e.event()) {
                case "BOUND", "RENEWED" -> {
                    open.putIfAbsent(key, new long[] {e.time()});
                    first.putIfAbsent(key, e);
                }
                case "EXPIRED", "RELEASED", "DECLINED" -> {
                    long[] start = open.remove(key);
                    if (start != null) {
                        done.add(new Holding(e.address(), e.client(), start[0], e.time(), false));
                        first.remove(key);
                    }
                }
                case "NAK" -> refusals.add(new Refusal(e.address(), e.client(), e.time(), e.detail()));
                default -> {
                    // OFFERED, REASSIGNED, RESERVED: nobody holds the address yet
                }
            }
        }
        open.forEach((key, start) -> {
            LeaseEvent e = first.get(key);
            done.add(new Holding(e.address(), e.client(), start[0], Math.max(now, start[0]), true));
        });
        done.sort((a, b) -> a.start() != b.start() ? Long.compare(a.start(), b.start()) : a.address().compareTo(b.address()));
        return new LeaseTimeline(title, now, done, refusals);
    }

    public List<Holding> holdings() {
        return holdings;
    }

    public List<Refusal> refusals() {
        return refusals;
    }

    /** Who held {@code address} at virtual time {@code time} (ns), or null if nobody did. */
    public String holderAt(Ipv4Address address, long time) {
        for (Holding h : holdings) {
            if (h.address().equals(address) && h.start() <= time && (time < h.end() || h.open() && time <= h.end())) {
                return h.client();
            }
        }
        return null;
    }

    private List<Ipv4Address> rows() {
        TreeMap<Ipv4Address, Boolean> rows = new TreeMap<>();
        holdings.forEach(h -> rows.put(h.address(), true));
        refusals.forEach(r -> rows.put(r.address(), true));
        return new ArrayList<>(rows.keySet());
    }

    private List<String> clients() {
        List<String> clients = new ArrayList<>();
        holdings.stream().map(Holding::client).filter(c -> !clients.contains(c)).forEach(clients::add);
        return clients;
    }

    /** The chart as SVG: time runs left to right, an address per row, a coloured bar per holder. */
    public String toSvg() {
        List<Ipv4Address> rows = rows();
        List<String> clients = clients();
        double left = 110;
        double top = 36;
        double rowH = 30;
        double plotW = 560;
        long end = Math.max(now, 1);
        double legendW = 20;
        for (String c : clients) {
            legendW = Math.max(legendW, TextWidth.of(c, 12) * 1.15 + 30);
        }
        int width = (int) Math.ceil(left + plotW + 20 + legendW);
        int height = (int) Math.ceil(top + Math.max(1, Math.max(rows.size(), clients.size())) * rowH + 40);
        Svg svg = new Svg(width, height);
        svg.text(left, 20, title, "start", "bold", null);
        double bottom = top + Math.max(1, rows.size()) * rowH;
        svg.line(left, top, left, bottom, "wire").line(left, bottom, left + plotW, bottom, "wire");
        long step = step(end);
        for (long t = 0; t <= end / SECOND; t += step) {
            double x = left + plotW * (t * (double) SECOND) / end;
            svg.line(x, bottom, x, bottom + 4, "wire");
            svg.text(x, bottom + 16, duration(t), "middle", "small", null);
        }
        for (int r = 0; r < rows.size(); r++) {
            svg.text(left - 6, top + r * rowH + rowH / 2 + 4, rows.get(r).toString(), "end", "small mono", null);
        }
        for (Holding h : holdings) {
            int r = rows.indexOf(h.address());
            double x1 = left + plotW * h.start() / (double) end;
            double x2 = Math.max(x1 + 2, left + plotW * h.end() / (double) end);
            String tip = h.client() + " held " + h.address() + " from " + TimeText.seconds(h.start()) + " s to "
                    + (h.open() ? "now (" + TimeText.seconds(h.end()) + " s)" : TimeText.seconds(h.end()) + " s");
            svg.group("lease c" + clients.indexOf(h.client()));
            svg.rect(x1, top + r * rowH + 6, x2 - x1, rowH - 12, "bar", tip);
            if (TextWidth.of(h.client(), 10) + 8 < x2 - x1) {
                svg.text(x1 + 4, top + r * rowH + rowH / 2 + 4, h.client(), "start", "small mono", tip);
            }
            svg.end();
        }
        for (Refusal f : refusals) {
            double x = left + plotW * f.time() / (double) end;
            double y = top + rows.indexOf(f.address()) * rowH + rowH / 2;
            svg.group("refusal");
            svg.line(x - 4, y - 4, x + 4, y + 4, "drop").line(x - 4, y + 4, x + 4, y - 4, "drop");
            boolean rightHalf = x > left + plotW / 2; // write towards the middle, away from the legend
            svg.text(rightHalf ? x - 8 : x + 8, y + 4, "NAK " + f.client(), rightHalf ? "end" : "start", "drop", f.why());
            svg.end();
        }
        for (int k = 0; k < clients.size(); k++) {
            double y = top + k * 18 + 10;
            svg.group("legend c" + k);
            svg.rect(left + plotW + 20, y - 9, 20, 10, "bar");
            svg.text(left + plotW + 46, y, clients.get(k), "start", "", null);
            svg.end();
        }
        StringBuilder colours = new StringBuilder(".portolan-pic .bar{stroke:none;opacity:0.85}\n");
        for (int k = 0; k < clients.size(); k++) {
            colours.append(".portolan-pic .c").append(k).append(" .bar{fill:").append(COLOURS[k % COLOURS.length])
                    .append("}\n");
        }
        return svg.render(title).replace("</style>", colours + "</style>");
    }

    /** A tick step (seconds) giving at most eight ticks over {@code end} nanoseconds. */
    private static long step(long end) {
        for (long s : STEPS) {
            if (end / (s * SECOND) <= 8) {
                return s;
            }
        }
        long s = STEPS[STEPS.length - 1];
        while (end / (s * SECOND) > 8) {
            s *= 2;
        }
        return s;
    }

    /** "0", "45s", "10min", "6h", "2d", "1d 12h". */
    static String duration(long seconds) {
        if (seconds == 0) {
            return "0";
        }
        long d = seconds / 86_400;
        long h = seconds % 86_400 / 3600;
        long m = seconds % 3600 / 60;
        long s = seconds % 60;
        StringBuilder out = new StringBuilder();
        if (d > 0) {
            out.append(d).append("d ");
        }
        if (h > 0) {
            out.append(h).append("h ");
        }
        if (m > 0) {
            out.append(m).append("min ");
        }
        if (s > 0) {
            out.append(s).append("s");
        }
        return out.toString().strip();
    }

    /** The timeline as a table: one row per holding, then the refusals. */
    public HtmlTable table() {
        List<List<String>> rows = new ArrayList<>();
        for (Holding h : holdings) {
            rows.add(List.of(h.address().toString(), h.client(), duration(h.start() / SECOND),
                    h.open() ? "(still held)" : duration(h.end() / SECOND), ""));
        }
        for (Refusal f : refusals) {
            rows.add(List.of(f.address().toString(), f.client(), duration(f.time() / SECOND), "", "NAK: " + f.why()));
        }
        return new HtmlTable(title, List.of("address", "client", "from", "until", "note"), rows);
    }

    /** The text fallback: the table. */
    @Override
    public String toString() {
        return table().toString();
    }
}
