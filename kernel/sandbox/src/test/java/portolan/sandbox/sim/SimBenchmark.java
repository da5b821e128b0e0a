package portolan.sandbox.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Microbenchmark of the simulation core (a program, not a test): pure event throughput, baton
 * hand-offs between simulated threads, and thread creation. Run it after {@code mvn test-compile}:
 * <pre>
 * java -cp kernel/sandbox/target/classes:kernel/sandbox/target/test-classes portolan.sandbox.sim.SimBenchmark
 * </pre>
 * Add {@code platform} as an argument to force platform threads on JDK 21+.
 */
public final class SimBenchmark {
    private SimBenchmark() {
    }

    public static void main(String[] args) {
        boolean platform = args.length > 0 && args[0].equals("platform");
        System.out.println("JDK " + Runtime.version() + ", " + (platform || !RealThreads.virtualAvailable()
                ? "platform" : "virtual") + " threads, " + Runtime.getRuntime().availableProcessors() + " cores");
        for (int round = 0; round < 4; round++) { // the first rounds warm up the JIT
            events(1_000, 2_000_000);
            pingPong(200_000, platform);
            manyThreads(1_000, 50, platform);
            spawnAndEnd(5_000, platform);
            transactions(1_000, 100, platform);
            System.out.println();
        }
    }

    /** {@code chains} independent self-rescheduling events ("frames hopping" between nodes). */
    private static void events(int chains, int total) {
        try (Simulator sim = new Simulator(1)) {
            long[] fired = {0};
            RandomStream random = sim.random("delays");
            for (int c = 0; c < chains; c++) {
                Runnable[] hop = new Runnable[1];
                hop[0] = () -> {
                    if (++fired[0] < total) {
                        sim.schedule(1_000 + random.nextInt(1_000), "hop", hop[0]);
                    }
                };
                sim.schedule(random.nextInt(1_000), "hop", hop[0]);
            }
            long start = start();
            sim.runUntilIdle();
            report("events, " + chains + " chains", sim.steps(), start);
        }
    }

    /** Two threads signalling each other: every turn is a hand-off between real threads. */
    private static void pingPong(int turns, boolean platform) {
        try (Simulator sim = new Simulator(2)) {
            sim.setVirtualThreads(!platform);
            WaitQueue ping = new WaitQueue(sim, "ping");
            WaitQueue pong = new WaitQueue(sim, "pong");
            int[] ball = {0};
            sim.spawn("ping", () -> {
                for (int i = 0; i < turns; i++) {
                    ball[0] = 1;
                    pong.signalAll();
                    ping.awaitUntil(() -> ball[0] == 0);
                }
            });
            SimThread p = sim.spawn("pong", () -> {
                for (int i = 0; i < turns; i++) {
                    pong.awaitUntil(() -> ball[0] == 1);
                    ball[0] = 0;
                    ping.signalAll();
                }
            });
            long start = start();
            p.join();
            report("switches, ping-pong", sim.switches(), start);
        }
    }

    /** {@code count} threads each sleeping {@code sleeps} times: turns interleave through the event queue. */
    private static void manyThreads(int count, int sleeps, boolean platform) {
        try (Simulator sim = new Simulator(3)) {
            sim.setVirtualThreads(!platform);
            RandomStream random = sim.random("sleeps");
            List<SimThread> threads = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                long pause = 1_000 + random.nextInt(100_000);
                threads.add(sim.spawn("t" + i, () -> {
                    for (int s = 0; s < sleeps; s++) {
                        sim.sleep(pause);
                    }
                }));
            }
            long start = start();
            sim.runUntilIdle();
            report("switches, " + count + " sleeping threads", sim.switches(), start);
        }
    }

    private static void spawnAndEnd(int count, boolean platform) {
        try (Simulator sim = new Simulator(4)) {
            sim.setVirtualThreads(!platform);
            long start = start();
            for (int i = 0; i < count; i++) {
                sim.spawn("t" + i, () -> sim.sleep(1));
            }
            sim.runUntilIdle();
            report("threads spawned and ended", count, start);
        }
    }

    /**
     * The shape of a TCP transaction without a TCP stack: {@code clients} client threads at once,
     * each doing {@code rounds} of connect (accept loop spawns a handler thread per connection),
     * request, response, close, with 8 "frame" events of 10 µs each per transaction.
     */
    private static void transactions(int clients, int rounds, boolean platform) {
        try (Simulator sim = new Simulator(5)) {
            sim.setVirtualThreads(!platform);
            SimQueue<Connection> backlog = new SimQueue<>(sim, "backlog");
            long[] done = {0};
            sim.spawn("server", "acceptor", () -> {
                while (true) {
                    Connection c = backlog.take();
                    sim.spawn("server", "handler", () -> {
                        c.toServer.take();                     // read request
                        c.frames(sim, 2, () -> c.toClient.offer("response"));
                        c.toServer.take();                     // read FIN
                    });
                }
            });
            for (int i = 0; i < clients; i++) {
                sim.spawn("client", "client-" + i, () -> {
                    for (int r = 0; r < rounds; r++) {
                        Connection c = new Connection(sim);
                        c.frames(sim, 3, () -> backlog.offer(c));      // SYN, SYN-ACK, ACK
                        c.frames(sim, 1, () -> c.toServer.offer("request"));
                        c.toClient.take();
                        c.frames(sim, 2, () -> c.toServer.offer("FIN")); // FIN, ACK
                        done[0]++;
                    }
                });
            }
            long start = start();
            sim.runUntil(() -> done[0] == (long) clients * rounds);
            report("transactions, " + clients + " clients", done[0], start);
            System.out.printf(Locale.ROOT, "%40s %.1f steps, %.1f switches per transaction%n", "", (double) sim.steps() / done[0], (double) sim.switches() / done[0]);
        }
    }

    /** Two directions of a pretend connection. */
    private static final class Connection {
        final SimQueue<String> toServer;
        final SimQueue<String> toClient;

        Connection(Simulator sim) {
            toServer = new SimQueue<>(sim, "to server");
            toClient = new SimQueue<>(sim, "to client");
        }

        /** {@code count} frame hops of 10 µs each, then {@code delivered}. */
        void frames(Simulator sim, int count, Runnable delivered) {
            Runnable[] hop = new Runnable[1];
            int[] left = {count};
            hop[0] = () -> {
                if (--left[0] == 0) {
                    delivered.run();
                } else {
                    sim.schedule(10_000, "frame", hop[0]);
                }
            };
            sim.schedule(10_000, "frame", hop[0]);
        }
    }

    private static long cpuAtStart;

    /** CPU time of the whole process (all threads), less sensitive than wall time to other load. */
    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean
                ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() : -1;
    }

    private static long start() {
        cpuAtStart = processCpuNanos();
        return System.nanoTime();
    }

    private static void report(String what, long count, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double cpu = (processCpuNanos() - cpuAtStart) / 1e9;
        System.out.printf(Locale.ROOT, "%-36s %,10d in %6.3f s = %,11.0f /s wall | %6.3f s = %,11.0f /s CPU%n",
                what, count, seconds, count / seconds, cpu, count / cpu);
    }
}
