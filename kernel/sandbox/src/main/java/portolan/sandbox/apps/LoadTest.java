package portolan.sandbox.apps;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import portolan.sandbox.Host;
import portolan.sandbox.TextTable;
import portolan.sandbox.sim.SimTime;
import portolan.sandbox.sim.WaitQueue;

/**
 * A LoadTest is a group of simulated browsers on one host fetching a URL again and again in
 * virtual time: N clients, M requests each, with a think time between requests. It records each
 * response time, so servers built differently (S5/S6) can be compared in numbers and charts.
 *
 * <pre>{@code
 * LoadTest.Result r = LoadTest.of(pc, "http://1.2.3.4/").clients(20).requests(10)
 *         .thinkTime(Duration.ofMillis(50)).run("pool of 8");
 * r.summary();   // p50, p90, p99, mean, throughput
 * }</pre>
 */
public final class LoadTest {
    /** One request: which client, when it started (virtual ns), how long it took, the status (-1: failed). */
    public record Sample(int client, int request, long startNanos, long responseNanos, int status) {
        public double responseMillis() {
            return responseNanos / 1e6;
        }
    }

    /** Response-time statistics of a run, in milliseconds of virtual time. */
    public record Summary(String label, int requests, int failures, double meanMs, double p50Ms, double p90Ms,
            double p99Ms, double maxMs, double requestsPerSecond) {
        static final String[] HEADER = {"SERVER", "REQUESTS", "FAILED", "MEAN ms", "p50 ms", "p90 ms", "p99 ms",
            "MAX ms", "req/s"};

        String[] cells() {
            return new String[] {label, String.valueOf(requests), String.valueOf(failures), ms(meanMs), ms(p50Ms),
                ms(p90Ms), ms(p99Ms), ms(maxMs), String.format(Locale.ROOT, "%.1f", requestsPerSecond)};
        }

        private static String ms(double v) {
            return String.format(Locale.ROOT, "%.2f", v);
        }

        @Override
        public String toString() {
            return TextTable.render(List.of(HEADER, cells()));
        }
    }

    /** Every sample of a run, and its summary. */
    public record Result(String label, List<Sample> samples, long durationNanos) {
        public Result {
            samples = List.copyOf(samples);
        }

        /** The {@code q}-th percentile (0 < q ≤ 100) of successful response times, nearest-rank method, in ms. */
        public double percentile(double q) {
            if (q <= 0 || q > 100) {
                throw new IllegalArgumentException("a percentile is above 0 and at most 100, not " + q);
            }
            List<Long> sorted = samples.stream().filter(s -> s.status() >= 0).map(Sample::responseNanos).sorted().toList();
            if (sorted.isEmpty()) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(q / 100 * sorted.size());
            return sorted.get(Math.max(rank, 1) - 1) / 1e6;
        }

        public Summary summary() {
            List<Sample> ok = samples.stream().filter(s -> s.status() >= 0).toList();
            double mean = ok.stream().mapToLong(Sample::responseNanos).average().orElse(Double.NaN) / 1e6;
            double max = ok.stream().mapToLong(Sample::responseNanos).max().orElse(0) / 1e6;
            double perSecond = durationNanos == 0 ? 0 : ok.size() * 1e9 / durationNanos;
            return new Summary(label, samples.size(), samples.size() - ok.size(), mean, percentile(50), percentile(90),
                    percentile(99), max, perSecond);
        }

        @Override
        public String toString() {
            return summary().toString();
        }
    }

    /** Lays out several summaries as one table, one line per run. */
    public static String compare(List<Summary> summaries) {
        List<String[]> rows = new ArrayList<>();
        rows.add(Summary.HEADER);
        summaries.forEach(s -> rows.add(s.cells()));
        return TextTable.render(rows);
    }

    private final Host host;
    private final String url;
    private int clients = 10;
    private int requests = 10;
    private long thinkNanos;

    private LoadTest(Host host, String url) {
        this.host = host;
        this.url = url;
        portolan.sandbox.wire.Url.parse(url); // a bad URL fails here, with the parser's explanation
    }

    /** A load test from {@code host} against {@code url}. */
    public static LoadTest of(Host host, String url) {
        return new LoadTest(host, url);
    }

    public LoadTest clients(int n) {
        if (n < 1 || n > 10_000) {
            throw new IllegalArgumentException("a load test has 1 to 10000 clients, not " + n);
        }
        clients = n;
        return this;
    }

    public LoadTest requests(int perClient) {
        if (perClient < 1 || perClient > 1_000_000) {
            throw new IllegalArgumentException("each client sends 1 to 1000000 requests, not " + perClient);
        }
        requests = perClient;
        return this;
    }

    /** Pause between a response and the client's next request. */
    public LoadTest thinkTime(Duration d) {
        thinkNanos = SimTime.nanos(d);
        return this;
    }

    /** Runs the test in virtual time and returns every sample; {@code label} names it in tables. */
    public Result run(String label) {
        List<Sample> samples = new ArrayList<>();
        int[] done = {0};
        var sim = host.network().simulator();
        WaitQueue finished = new WaitQueue(sim, "load test " + label + " on " + host.name() + ": waiting for "
                + clients + " clients");
        long begin = sim.now();
        WebClient browser = host.http();
        for (int c = 0; c < clients; c++) {
            int client = c;
            host.spawn("load-" + c, () -> {
                try {
                    for (int i = 0; i < requests; i++) {
                        long start = sim.now();
                        WebResult r = browser.get(url);
                        samples.add(new Sample(client, i, start - begin, sim.now() - start, r.status()));
                        if (thinkNanos > 0 && i + 1 < requests) {
                            sim.sleep(thinkNanos);
                        }
                    }
                } finally {
                    done[0]++;
                    finished.signalAll();
                }
            });
        }
        finished.awaitUntil(() -> done[0] == clients);
        List<Sample> ordered = new ArrayList<>(samples);
        ordered.sort(Comparator.comparingLong(Sample::startNanos).thenComparingInt(Sample::client));
        return new Result(label, ordered, sim.now() - begin);
    }
}
