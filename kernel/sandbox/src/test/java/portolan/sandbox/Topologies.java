package portolan.sandbox;

import java.util.function.Consumer;
import portolan.sandbox.stack.Link;
import portolan.sandbox.stack.Switch;
import portolan.sandbox.stack.TransportProtocol;
import portolan.sandbox.wire.Ipv4Packet;

/** Small networks shared by the tests, the determinism check and the benchmark. */
public final class Topologies {
    private Topologies() {
    }

    /**
     * pc (192.168.0.4) on LAN "home" — r1 — r2 — r3 — server (10.0.3.10) on LAN "dc".
     * r1 .. r3 are joined by /30 links; each router has a default route forward and a route back.
     */
    public static Network threeRouters(long seed) {
        return threeRouters(new Network(seed));
    }

    /** {@link #threeRouters(long)} built on {@code net} (e.g. one set to platform threads first). */
    public static Network threeRouters(Network net) {
        Switch home = net.lan("home");
        Switch dc = net.lan("dc");
        Link l12 = net.link("r1-r2");
        Link l23 = net.link("r2-r3");
        net.host("pc").attach(home, "192.168.0.4/24").gateway("192.168.0.1");
        net.router("r1").attach(home, "192.168.0.1/24").attach(l12, "10.0.12.1/30").route("10.0.3.0/24", "10.0.12.2");
        net.router("r2").attach(l12, "10.0.12.2/30").attach(l23, "10.0.23.1/30").route("10.0.3.0/24", "10.0.23.2")
                .route("192.168.0.0/24", "10.0.12.1");
        net.router("r3").attach(l23, "10.0.23.2/30").attach(dc, "10.0.3.1/24").defaultRoute("10.0.23.1");
        net.host("server").attach(dc, "10.0.3.10/24").gateway("10.0.3.1");
        return net;
    }

    /** A transport for UDP (protocol 17) that hands every arriving packet to {@code receiver}. */
    public static TransportProtocol udpSink(Consumer<Ipv4Packet> receiver) {
        return new TransportProtocol() {
            @Override
            public int protocolNumber() {
                return Ipv4Packet.PROTOCOL_UDP;
            }

            @Override
            public void receive(Ipv4Packet packet) {
                receiver.accept(packet);
            }
        };
    }
}
