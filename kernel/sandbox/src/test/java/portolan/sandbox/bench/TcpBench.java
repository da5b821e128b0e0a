package portolan.sandbox.bench;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import portolan.sandbox.FakeNet;
import portolan.sandbox.HomeRouter;
import portolan.sandbox.Host;
import portolan.sandbox.Isp;
import portolan.sandbox.Network;
import portolan.sandbox.SocketLayer;
import portolan.sandbox.TcpServerSocket;
import portolan.sandbox.TcpSocket;
import portolan.sandbox.apps.LoadTest;
import portolan.sandbox.apps.WebServer;
import portolan.sandbox.sim.SimTime;
import portolan.sandbox.sim.Simulator;
import portolan.sandbox.stack.IpProtocol;
import portolan.sandbox.stack.Switch;
import portolan.sandbox.wire.Ipv4Address;

/**
 * TCP transaction benchmark (a program that prints figures, not a test): {@code clients}
 * concurrent simulated clients each repeat connect, send a 1 KB request, read a 10 KB response,
 * close; the server is what a student writes — a blocking accept loop that starts a thread per
 * connection, which reads the request, writes the response and closes. Prints complete
 * transactions per second of real (wall-clock) time.
 *
 * <p>Two setups: {@code direct} runs the hosts' TCP over a minimal IP layer (one event per
 * packet, no links, no trace), measuring TCP, sockets and simulated threads; {@code network}
 * runs over a real {@link Network} (NICs, a switch, ARP, the packet trace and fingerprint).
 * Run after {@code mvn -pl kernel/sandbox test-compile} (the {@code --add-opens} gives simulated
 * threads a carrier of their own, as in the kernel's worker; see {@code Simulator.threadCarriers()}):
 * <pre>
 * java --add-opens java.base/java.lang=ALL-UNNAMED -Xmx4g -cp kernel/sandbox/target/classes:kernel/sandbox/target/test-classes portolan.sandbox.bench.TcpBench [clients] [transactions] [direct|network|both|http|all] [rounds]
 * </pre>
 * The first round warms up the JIT; the later ones are the figures ({@code rounds} defaults to 3;
 * more rounds help to compare two versions on a busy machine).
 * {@code http} runs HTTP GETs from phones on one ISP through a home router's port forwarding
 * (WAN 8080 → desktop:80, NAT both ways) to a pooled {@link WebServer}; it prints requests/s.
 */
public final class TcpBench {
    static final int REQUEST = 1024;
    static final int RESPONSE = 10 * 1024;

    private TcpBench() {
    }

    /** The two ends of one benchmark setup. */
    public record Setup(Simulator sim, SocketLayer server, List<SocketLayer> clients, Ipv4Address serverAddress,
            AutoCloseable closer) {
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int transactions = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        String mode = args.length > 2 ? args[2] : "both";
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        System.out.println("JDK " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors() + " cores, "
                + clients + " concurrent clients, " + transactions + " transactions of 1 KB request + 10 KB response");
        try (Simulator probe = new Simulator(0)) {
            System.out.println("simulated threads run on " + probe.threadCarriers());
        }
        for (int round = 1; round <= rounds; round++) {
            if (mode.equals("direct") || mode.equals("both") || mode.equals("all")) {
                run("direct", direct(round), clients, transactions);
            }
            if (mode.equals("network") || mode.equals("both") || mode.equals("all")) {
                run("network", network(round), clients, transactions);
            }
            if (mode.equals("http") || mode.equals("all")) {
                httpThroughPortForwarding(round, Math.min(clients, 200), Math.min(transactions, 20_000));
            }
        }
    }

    /** HTTP GETs from phones on SKT to a home web server behind a 공유기 on KT, via port forwarding 8080 → 80. */
    static void httpThroughPortForwarding(long seed, int clients, int requests) throws java.io.IOException {
        try (Network net = new Network(seed)) {
            Isp kt = net.isp("KT", "59.6.64.0/20").poolFrom("59.6.66.238");
            Isp skt = net.isp("SKT", "223.38.0.0/16");
            HomeRouter home = net.homeRouter("공유기").connect(kt);
            Host desktop = home.join(net.host("desktop"), "192.168.0.3");
            WebServer.on(desktop, "apache").structure(WebServer.Structure.POOL, 32).page("/", "x".repeat(1024)).start(80);
            home.forward(IpProtocol.TCP, 8080, desktop, 80);
            String url = "http://" + home.publicAddress() + ":8080/";
            List<LoadTest.Result> results = new ArrayList<>();
            int phones = 4;
            for (int p = 0; p < phones; p++) {
                Host phone = skt.subscribe(net.host("phone" + p));
                phone.spawn("bench", () -> results.add(LoadTest.of(phone, url).clients(Math.max(1, clients / phones))
                        .requests(Math.max(1, requests / clients)).run("phone")));
            }
            long start = System.nanoTime();
            net.runUntil(() -> results.size() == phones, java.time.Duration.ofDays(1));
            double seconds = (System.nanoTime() - start) / 1e9;
            long ok = results.stream().flatMap(r -> r.samples().stream()).filter(x -> x.status() == 200).count();
            long all = results.stream().mapToLong(r -> r.samples().size()).sum();
            System.out.printf(Locale.ROOT, "http     %,8d GETs (%,d OK) through port forwarding in %6.2f s real = %,7.0f "
                    + "requests/s; virtual p50 %.2f ms, p99 %.2f ms, %s virtual%n", all, ok, seconds, all / seconds,
                    results.get(0).percentile(50), results.get(0).percentile(99), SimTime.format(net.now()));
        }
    }

    public static Setup direct(long seed) {
        FakeNet net = new FakeNet(seed);
        net.logging = false;
        net.latency = 50_000; // 50 µs, a LAN
        FakeNet.Host server = net.host("server", "10.0.0.1");
        List<SocketLayer> clients = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            clients.add(net.host("client" + i, "10.0.1." + (i + 1)).sockets);
        }
        return new Setup(net.sim, server.sockets, clients, server.address, net.sim);
    }

    public static Setup network(long seed) {
        Network net = new Network(seed);
        Switch lan = net.lan("lan");
        Host server = net.host("server").attach(lan, "10.0.0.1/16");
        List<SocketLayer> clients = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            clients.add(net.host("client" + i).attach(lan, "10.0.1." + (i + 1) + "/16").sockets());
        }
        return new Setup(net.simulator(), server.sockets(), clients, server.ip(), net);
    }

    /** CPU time of the whole process (all threads), in ns. */
    private static long cpu() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    /**
     * Starts the student's server and {@code clients} looping clients on {@code s} (nothing runs
     * until the simulator does); returns the counters {complete transactions, response bytes read}.
     */
    public static long[] start(Setup s, int clients, int transactions) {
        byte[] response = new byte[RESPONSE];
        SocketLayer server = s.server();
        server.tcp().setBufferSizes(65536, 65535);
        server.privileges().spawnAsRoot("httpd", () -> {
            try (TcpServerSocket ss = server.serverSocket(Ipv4Address.ANY, 80, 4096)) {
                for (long n = 0; ; n++) {
                    TcpSocket c = ss.accept();
                    server.privileges().spawn("worker-" + n, () -> {
                        try (c) {
                            byte[] request = c.getInputStream().readNBytes(REQUEST);
                            if (request.length == REQUEST) {
                                c.getOutputStream().write(response);
                            }
                        }
                    });
                }
            }
        });
        long[] counts = {0, 0};
        int each = transactions / clients;
        byte[] request = new byte[REQUEST];
        for (int i = 0; i < clients; i++) {
            SocketLayer host = s.clients().get(i % s.clients().size());
            host.privileges().spawn("client-" + i, () -> {
                byte[] buffer = new byte[16384];
                for (int k = 0; k < each; k++) {
                    try (TcpSocket c = host.connect(s.serverAddress(), 80)) {
                        c.getOutputStream().write(request);
                        InputStream in = c.getInputStream();
                        int n;
                        long got = 0;
                        while ((n = in.read(buffer, 0, buffer.length)) > 0) {
                            got += n;
                        }
                        counts[1] += got;
                        if (got == RESPONSE) {
                            counts[0]++;
                        }
                    }
                }
            });
        }
        return counts;
    }

    static void run(String name, Setup s, int clients, int transactions) throws Exception {
        long[] counts = start(s, clients, transactions);
        int each = transactions / clients;
        long start = System.nanoTime();
        long cpuStart = cpu();
        s.sim().runUntilIdle();
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (cpu() - cpuStart) / 1e9;
        System.out.printf(Locale.ROOT, "%-8s %,8d transactions in %6.2f s real = %,7.0f transactions/s (%,7.0f per CPU "
                        + "second); %s virtual, %,d thread switches, %,d steps, %s%n", name, counts[0], seconds,
                counts[0] / seconds, counts[0] / cpuSeconds,
                SimTime.format(s.sim().now()), s.sim().switches(), s.sim().steps(),
                s.sim().failures().isEmpty() ? "no failures" : s.sim().failures().get(0).getMessage());
        if (counts[0] != (long) each * clients || counts[1] != (long) each * clients * RESPONSE) {
            System.out.println("  INCOMPLETE: expected " + (long) each * clients + " transactions");
        }
        s.closer().close();
    }
}
