package portolan.sandbox.view;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A TopologyLayout places the boxes of a topology in layers and routes its cables so that no
 * cable passes through a box it does not connect. Each connected part of the network hangs
 * from its centre (the box whose farthest box is nearest, e.g. the internet core), and every
 * box sits in the row of its hop distance from there: the internet, then ISPs and clouds, their
 * access networks, home routers, home LANs, hosts. A cable then joins neighbouring rows, so it
 * runs only through the empty band between them; a cable between two boxes of one row runs
 * down into that band, along it, and back up. Only creation order decides ties, so the same
 * network always gets the same picture.
 */
final class TopologyLayout {
    static final double H_GAP = 24;
    static final double V_GAP = 56;
    static final double CHANNEL = 10;
    static final double MARGIN = 10;

    /** A box placed on the picture. */
    record Placed(String key, double x, double y, double w, double h) {
        double bottom() {
            return y + h;
        }
    }

    /** A cable as a polyline through {@code xy} pairs, with where to write its label. */
    record Wire(int cable, double[] xy, double labelX, double labelY) {
    }

    final Map<String, Placed> placed = new LinkedHashMap<>();
    final List<Wire> wires = new ArrayList<>();
    double width;
    double height;

    /**
     * Lays out boxes {@code keys} (in creation order) of the given sizes, joined by
     * {@code cables} (pairs of keys).
     */
    static TopologyLayout of(List<String> keys, Map<String, double[]> sizes, List<String[]> cables) {
        TopologyLayout l = new TopologyLayout();
        Map<String, List<String>> adj = new LinkedHashMap<>();
        keys.forEach(k -> adj.put(k, new ArrayList<>()));
        for (String[] c : cables) {
            adj.get(c[0]).add(c[1]);
            adj.get(c[1]).add(c[0]);
        }
        Map<String, Integer> layer = layers(keys, adj);
        int depth = layer.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r < depth; r++) {
            rows.add(new ArrayList<>());
        }
        keys.forEach(k -> rows.get(layer.get(k)).add(k));
        order(rows, adj, keys);
        int[] channels = new int[depth];
        for (String[] c : cables) {
            if (layer.get(c[0]).equals(layer.get(c[1]))) {
                channels[layer.get(c[0])]++;
            }
        }
        l.place(rows, sizes, channels);
        l.route(cables, layer, channels);
        return l;
    }

    /** Hop distance of every box from the centre of its connected part. */
    private static Map<String, Integer> layers(List<String> keys, Map<String, List<String>> adj) {
        Map<String, Integer> layer = new LinkedHashMap<>();
        for (String start : keys) {
            if (layer.containsKey(start)) {
                continue;
            }
            List<String> part = new ArrayList<>(distances(start, adj).keySet());
            String centre = start;
            int best = Integer.MAX_VALUE;
            for (String k : part) {
                int eccentricity = distances(k, adj).values().stream().mapToInt(Integer::intValue).max().orElse(0);
                if (eccentricity < best || eccentricity == best && keys.indexOf(k) < keys.indexOf(centre)) {
                    best = eccentricity;
                    centre = k;
                }
            }
            layer.putAll(distances(centre, adj));
        }
        return layer;
    }

    private static Map<String, Integer> distances(String from, Map<String, List<String>> adj) {
        Map<String, Integer> d = new LinkedHashMap<>();
        Deque<String> queue = new ArrayDeque<>();
        d.put(from, 0);
        queue.add(from);
        while (!queue.isEmpty()) {
            String k = queue.poll();
            for (String n : adj.get(k)) {
                if (!d.containsKey(n)) {
                    d.put(n, d.get(k) + 1);
                    queue.add(n);
                }
            }
        }
        return d;
    }

    /** Orders each row below the first by the mean position of its neighbours in the row above (fewer crossings). */
    private static void order(List<List<String>> rows, Map<String, List<String>> adj, List<String> keys) {
        for (int r = 1; r < rows.size(); r++) {
            List<String> above = rows.get(r - 1);
            Map<String, Double> centre = new LinkedHashMap<>();
            for (String k : rows.get(r)) {
                double sum = 0;
                int n = 0;
                for (String p : adj.get(k)) {
                    int i = above.indexOf(p);
                    if (i >= 0) {
                        sum += i;
                        n++;
                    }
                }
                centre.put(k, n == 0 ? Double.MAX_VALUE : sum / n);
            }
            rows.get(r).sort(Comparator.comparingDouble((String k) -> centre.get(k)).thenComparingInt(keys::indexOf));
        }
    }

    private void place(List<List<String>> rows, Map<String, double[]> sizes, int[] channels) {
        double[] rowWidth = new double[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            for (String k : rows.get(r)) {
                rowWidth[r] += sizes.get(k)[0] + (rowWidth[r] == 0 ? 0 : H_GAP);
            }
            width = Math.max(width, rowWidth[r]);
        }
        width += 2 * MARGIN;
        double y = MARGIN;
        for (int r = 0; r < rows.size(); r++) {
            double x = Math.floor((width - rowWidth[r]) / 2);
            double rowHeight = 0;
            for (String k : rows.get(r)) {
                double[] size = sizes.get(k);
                placed.put(k, new Placed(k, x, y, size[0], size[1]));
                x += size[0] + H_GAP;
                rowHeight = Math.max(rowHeight, size[1]);
            }
            y += rowHeight + V_GAP + channels[r] * CHANNEL;
        }
        int last = channels[rows.size() - 1];
        height = placed.values().stream().mapToDouble(Placed::bottom).max().orElse(0) + MARGIN
                + (last > 0 ? 14 + last * CHANNEL : 0);
    }

    private double rowBottom(String key, Map<String, Integer> layer) {
        int r = layer.get(key);
        return placed.values().stream().filter(p -> layer.get(p.key()) == r).mapToDouble(Placed::bottom).max().orElse(0);
    }

    private void route(List<String[]> cables, Map<String, Integer> layer, int[] channels) {
        // attachment points: every box spreads its cables over its top and bottom edges, in cable order
        Map<String, List<Integer>> top = new LinkedHashMap<>();
        Map<String, List<Integer>> bottom = new LinkedHashMap<>();
        for (int i = 0; i < cables.size(); i++) {
            String a = cables.get(i)[0];
            String b = cables.get(i)[1];
            int la = layer.get(a);
            int lb = layer.get(b);
            bottom.computeIfAbsent(la <= lb ? a : b, k -> new ArrayList<>()).add(i);
            (la == lb ? bottom : top).computeIfAbsent(la <= lb ? b : a, k -> new ArrayList<>()).add(i);
        }
        for (Map<String, List<Integer>> edge : List.of(top, bottom)) {
            edge.forEach((key, list) -> list.sort(Comparator.comparingDouble(i -> otherCentre(cables.get(i), key))));
        }
        int[] used = new int[channels.length];
        for (int i = 0; i < cables.size(); i++) {
            String a = cables.get(i)[0];
            String b = cables.get(i)[1];
            String upper = layer.get(a) <= layer.get(b) ? a : b;
            String lower = upper.equals(a) ? b : a;
            Placed u = placed.get(upper);
            Placed w = placed.get(lower);
            double ux = attach(u, bottom.get(upper), i);
            if (layer.get(a).equals(layer.get(b))) {
                double wx = attach(w, bottom.get(lower), i);
                int r = layer.get(a);
                double cy = rowBottom(a, layer) + 14 + CHANNEL * used[r]++;
                wires.add(new Wire(i, new double[] {ux, u.bottom(), ux, cy, wx, cy, wx, w.bottom()}, (ux + wx) / 2, cy - 3));
            } else {
                double wx = attach(w, top.get(lower), i);
                // straight down to the bottom of the row first: a taller neighbour may stand beside a short box
                double rb = rowBottom(upper, layer);
                double my = (rb + w.y()) / 2;
                wires.add(new Wire(i, new double[] {ux, u.bottom(), ux, rb, wx, w.y()}, (ux + wx) / 2, my - 3));
            }
        }
    }

    private double otherCentre(String[] cable, String key) {
        Placed other = placed.get(cable[0].equals(key) ? cable[1] : cable[0]);
        return other.x() + other.w() / 2;
    }

    /** Where cable {@code i} meets one edge of {@code box}: its share of that edge, left to right. */
    private static double attach(Placed box, List<Integer> onEdge, int i) {
        int n = onEdge.size();
        int k = onEdge.indexOf(i);
        return Math.round(box.x() + box.w() * (k + 1) / (n + 1));
    }
}
