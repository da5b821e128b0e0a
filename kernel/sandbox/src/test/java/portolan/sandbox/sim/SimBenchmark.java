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
        for (int round = 0; round < 3; round++) { // the first rounds warm up the JIT
            events(1_000, 2_000_000);
            pingPong(200_000, platform);
            manyThreads(1_000, 50, platform);
            spawnAndEnd(5_000, platform);
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
            long start = System.nanoTime();
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
            long start = System.nanoTime();
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
            long start = System.nanoTime();
            sim.runUntilIdle();
            report("switches, " + count + " sleeping threads", sim.switches(), start);
        }
    }

    private static void spawnAndEnd(int count, boolean platform) {
        try (Simulator sim = new Simulator(4)) {
            sim.setVirtualThreads(!platform);
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                sim.spawn("t" + i, () -> sim.sleep(1));
            }
            sim.runUntilIdle();
            report("threads spawned and ended", count, start);
        }
    }

    private static void report(String what, long count, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        System.out.printf(Locale.ROOT, "%-40s %,12d in %6.3f s = %,12.0f /s%n", what, count, seconds, count / seconds);
    }
}
