package portolan.sandbox;

import java.time.Duration;
import portolan.sandbox.stack.Link;
import portolan.sandbox.wire.Ipv4Packet;
import portolan.sandbox.wire.UdpDatagram;

/**
 * One scenario exercising every layer (ARP, switching, forwarding, fragmentation, ICMP errors,
 * seeded link faults), run by the determinism test in this JVM and, through {@link #main}, in a
 * fresh one.
 */
public final class DeterminismScenario {
    private DeterminismScenario() {
    }

    public static Network run(long seed) {
        return run(new Network(seed));
    }

    /** The scenario on {@code net}, a fresh network (e.g. one set to platform threads first). */
    public static Network run(Network fresh) {
        Network net = Topologies.threeRouters(fresh);
        ((Link) net.node("r2").nic("eth1").link()).mtu(700).loss(0.1).duplication(0.1).reordering(0.2);
        Node pc = net.node("pc");
        Node server = net.node("server");
        for (int i = 0; i < 10; i++) {
            pc.ping("10.0.3.10");
        }
        pc.ping("10.0.3.10", 2, Duration.ofSeconds(1));
        pc.ping("172.16.9.9");
        byte[] big = new byte[1800];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }
        for (int i = 0; i < 5; i++) {
            pc.stack().send(pc.ip(), server.ip(), Ipv4Packet.PROTOCOL_UDP,
                    new UdpDatagram(40000 + i, 9, big).toBytes(pc.ip(), server.ip()));
        }
        net.runFor(Duration.ofSeconds(60));
        return net;
    }

    /** Prints the fingerprint of {@code run(seed)}; the seed is the first argument. */
    public static void main(String[] args) {
        try (Network net = run(Long.parseLong(args[0]))) {
            System.out.println(net.fingerprint());
        }
    }
}
