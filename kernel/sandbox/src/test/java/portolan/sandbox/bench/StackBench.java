package portolan.sandbox.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import portolan.sandbox.Host;
import portolan.sandbox.Network;
import portolan.sandbox.Node;
import portolan.sandbox.Topologies;
import portolan.sandbox.stack.Switch;
import portolan.sandbox.stack.TraceEntry;
import portolan.sandbox.wire.Ipv4Packet;
import portolan.sandbox.wire.UdpDatagram;

/**
 * Prints how many simulated frame-hops per second of real time the stack manages on the
 * three-router path of {@link Topologies#threeRouters}, and the heap used per configured host.
 * A program, not a test: nothing here asserts a time. Run it from kernel/sandbox after
 * {@code mvn -q -pl kernel/sandbox test-compile} (from the repository root):
 *
 * <pre>java -cp target/classes:target/test-classes portolan.sandbox.bench.StackBench [datagrams]</pre>
 *
 * A frame-hop is one frame crossing one link and being accepted by the NIC at the other end
 * (each UDP datagram here makes four: pc → r1 → r2 → r3 → server).
 */
public final class StackBench {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private StackBench() {
    }

    public static void main(String[] args) {
        int datagrams = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        System.out.println("Java " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors() + " cores");
        for (int round = 1; round <= 3; round++) {
            hops(datagrams, round);
        }
        memory(1_000);
        memory(10_000);
    }

    private static void hops(int datagrams, int round) {
        try (Network net = Topologies.threeRouters(1)) {
            Node pc = net.node("pc");
            Host server = (Host) net.node("server");
            long[] delivered = new long[1];
            server.register(Topologies.udpSink(packet -> delivered[0]++));
            byte[] payload = new UdpDatagram(40000, 9, new byte[64]).toBytes(pc.ip(), server.ip());
            pc.ping("10.0.3.10"); // resolve ARP everywhere first
            int before = net.trace().size();
            // The previous round's network and its counting (a TraceEntry per frame) are garbage
            // now: collect them here, not on this round's clock. This round's own garbage counts.
            System.gc();
            long start = System.nanoTime();
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            long gcStart = gcMillis();
            // one datagram every 20 µs, so the 100 Mbit/s links never build a queue
            Runnable[] next = new Runnable[1];
            int[] sent = new int[1];
            next[0] = () -> {
                pc.stack().send(pc.ip(), server.ip(), Ipv4Packet.PROTOCOL_UDP, payload);
                if (++sent[0] < datagrams) {
                    net.simulator().schedule(20_000L, "bench", next[0]);
                }
            };
            net.simulator().schedule(0, "bench", next[0]);
            net.runUntilIdle();
            long elapsed = System.nanoTime() - start;
            long cpu = THREADS.getCurrentThreadCpuTime() - cpuStart;
            long gc = gcMillis() - gcStart;
            long frameHops = net.trace().entries().subList(before, net.trace().size()).stream()
                    .filter(e -> e.event() == TraceEntry.Event.RECEIVED).count();
            if (delivered[0] != datagrams) {
                throw new IllegalStateException("only " + delivered[0] + " of " + datagrams + " datagrams arrived");
            }
            System.out.printf(Locale.ROOT, "round %d: %,d datagrams, %,d frame-hops in %.3f s = %,.0f frame-hops/s"
                    + " (simulation thread CPU %.3f s = %,.0f frame-hops per CPU second; GC %d ms)%n", round, datagrams,
                    frameHops, elapsed / 1e9, frameHops / (elapsed / 1e9), cpu / 1e9, frameHops / (cpu / 1e9), gc);
        }
    }

    private static void memory(int hosts) {
        Runtime rt = Runtime.getRuntime();
        long before = used(rt);
        Network net = new Network(1);
        var router = net.router("gw");
        int perLan = 250;
        Switch lan = null;
        for (int i = 0; i < hosts; i++) {
            int n = i / perLan;
            String prefix = "10." + n / 256 + "." + n % 256 + ".";
            if (i % perLan == 0) {
                lan = net.lan("lan" + n);
                router.attach(lan, prefix + "1/24");
            }
            net.host("h" + i).attach(lan, prefix + (i % perLan + 2) + "/24").gateway(prefix + "1");
        }
        long after = used(rt);
        System.out.printf(Locale.ROOT, "%,d configured hosts (NIC, switch port and cable, IP stack, ARP cache, routes): "
                + "%,d bytes per host%n", hosts, (after - before) / hosts);
        net.close();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    private static long used(Runtime rt) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
