package portolan.sandbox.view;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Chart is a line chart of response-time percentiles (p50, p90, p95, p99, max), one line per
 * series, e.g. one per server structure under the same load. Series keep their given order.
 */
public final class Chart {
    private static final String[] NAMES = {"p50", "p90", "p95", "p99", "max"};
    private static final double[] LEVELS = {0.50, 0.90, 0.95, 0.99, 1.0};
    /** Mid-tone colours that stay readable on light and dark backgrounds. */
    private static final String[] COLOURS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"};

    private final String title;
    private final String unit;
    private final Map<String, double[]> percentiles = new LinkedHashMap<>();

    private Chart(String title, String unit) {
        this.title = title;
        this.unit = unit;
    }

    /**
     * A chart of the percentiles of each series' samples (nearest-rank method), in {@code unit}
     * ("ms"); the map's iteration order is the legend's order, so pass a LinkedHashMap or TreeMap.
     */
    public static Chart percentiles(String title, String unit, Map<String, ? extends List<? extends Number>> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("a percentile chart needs at least one series of samples");
        }
        Chart c = new Chart(title, unit);
        samples.forEach((name, values) -> {
            if (values.isEmpty()) {
                throw new IllegalArgumentException("series \"" + name + "\" has no samples; run the load first");
            }
            double[] sorted = values.stream().mapToDouble(Number::doubleValue).sorted().toArray();
            double[] p = new double[LEVELS.length];
            for (int i = 0; i < LEVELS.length; i++) {
                int rank = (int) Math.ceil(LEVELS[i] * sorted.length);
                p[i] = sorted[Math.max(0, rank - 1)];
            }
            c.percentiles.put(name, p);
        });
        return c;
    }

    /** The percentiles of one series: p50, p90, p95, p99, max. */
    public double[] of(String series) {
        double[] p = percentiles.get(series);
        if (p == null) {
            throw new IllegalArgumentException("no series \"" + series + "\"; there are " + percentiles.keySet());
        }
        return p.clone();
    }

    public String toSvg() {
        int left = 70;
        int top = 40;
        int plotW = 420;
        int plotH = 220;
        int width = left + plotW + 200;
        int height = top + plotH + 50;
        double max = percentiles.values().stream().mapToDouble(p -> p[p.length - 1]).max().orElse(1);
        max = max <= 0 ? 1 : max * 1.1;
        Svg svg = new Svg(width, height);
        svg.text(left, 20, title, "start", "bold", null);
        svg.line(left, top, left, top + plotH, "wire").line(left, top + plotH, left + plotW, top + plotH, "wire");
        for (int t = 0; t <= 4; t++) {
            double v = max * t / 4;
            double y = top + plotH - plotH * t / 4.0;
            svg.text(left - 6, y + 4, Svg.num(v) + " " + unit, "end", "small", null);
        }
        for (int i = 0; i < NAMES.length; i++) {
            svg.text(px(i, left, plotW), top + plotH + 18, NAMES[i], "middle", "small", null);
        }
        int k = 0;
        for (Map.Entry<String, double[]> e : percentiles.entrySet()) {
            String colour = COLOURS[k % COLOURS.length];
            double[] xy = new double[NAMES.length * 2];
            for (int i = 0; i < NAMES.length; i++) {
                xy[2 * i] = px(i, left, plotW);
                xy[2 * i + 1] = top + plotH - plotH * e.getValue()[i] / max;
            }
            svg.polyline(xy, "series s" + k);
            double ly = top + 10 + k * 18;
            svg.line(left + plotW + 20, ly - 4, left + plotW + 40, ly - 4, "series s" + k);
            svg.text(left + plotW + 46, ly, e.getKey(), "start", "", null);
            k++;
        }
        StringBuilder colours = new StringBuilder();
        for (int i = 0; i < k; i++) {
            colours.append(".portolan-pic .s").append(i).append("{stroke:").append(COLOURS[i % COLOURS.length])
                    .append("}\n");
        }
        return svg.render(title).replace("</style>", colours + "</style>");
    }

    private static double px(int i, int left, int plotW) {
        return left + 20 + i * (plotW - 40) / (double) (NAMES.length - 1);
    }

    /** The percentiles as a table (also the text fallback). */
    public HtmlTable table() {
        List<String> headers = new ArrayList<>(List.of("series"));
        for (String n : NAMES) {
            headers.add(n + " (" + unit + ")");
        }
        List<List<String>> rows = new ArrayList<>();
        percentiles.forEach((name, p) -> {
            List<String> row = new ArrayList<>(List.of(name));
            for (double v : p) {
                row.add(Svg.num(v));
            }
            rows.add(row);
        });
        return new HtmlTable(title, headers, rows);
    }

    @Override
    public String toString() {
        return table().toString();
    }
}
