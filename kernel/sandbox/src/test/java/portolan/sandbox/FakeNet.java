package portolan.sandbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import portolan.sandbox.sim.RandomStream;
import portolan.sandbox.sim.SimTime;
import portolan.sandbox.sim.Simulator;
import portolan.sandbox.stack.IpLayer;
import portolan.sandbox.stack.TransportProtocol;
import portolan.sandbox.wire.Ipv4Address;
import portolan.sandbox.wire.Ipv4Packet;

/**
 * A FakeNet stands in for the IP layer in transport tests (smoltcp's TestingDevice in spirit):
 * hosts with one address each, packets delivered by simulator events after a latency, and faults
 * drawn from a seeded stream — loss, duplication, reordering (extra delay) and bit corruption.
 * Loopback traffic (127.0.0.1 or the host's own address) stays inside the host, fault-free.
 */
public final class FakeNet {
    public final Simulator sim;
    private final RandomStream faults;
    private final Map<Ipv4Address, Host> hosts = new LinkedHashMap<>();
    public final List<String> drops = new ArrayList<>();
    public final List<String> log = new ArrayList<>();
    public long latency = SimTime.MILLISECOND;
    public double loss;
    public double duplicate;
    public double reorder;
    public double corrupt;
    public long packets;
    /** Whether {@link #log} gets a line per packet (tests read it; the benchmark turns it off). */
    public boolean logging = true;
    private int identification;

    public FakeNet(long seed) {
        sim = new Simulator(seed);
        faults = sim.random("fake net faults");
    }

    public FakeNet faults(double loss, double duplicate, double reorder, double corrupt) {
        this.loss = loss;
        this.duplicate = duplicate;
        this.reorder = reorder;
        this.corrupt = corrupt;
        return this;
    }

    public Host host(String name, String address) {
        Host h = new Host(name, Ipv4Address.parse(address));
        hosts.put(h.address, h);
        return h;
    }

    /** One fake host: an IpLayer with a SocketLayer on top. */
    public final class Host implements IpLayer {
        public final String name;
        public final Ipv4Address address;
        private final Map<Integer, TransportProtocol> transports = new TreeMap<>();
        public final SocketLayer sockets;
        public boolean noRoute;
        public final List<String> unreachable = new ArrayList<>();
        /** The place of a packet event towards each host, "a -> b": made once, not per packet. */
        private final Map<Host, String> towards = new HashMap<>(); // looked up only

        Host(String name, Ipv4Address address) {
            this.name = name;
            this.address = address;
            this.sockets = new SocketLayer(this);
            transports.put(6, sockets.tcp());
            transports.put(17, sockets.udp());
        }

        @Override
        public Simulator simulator() {
            return sim;
        }

        @Override
        public String hostName() {
            return name;
        }

        @Override
        public List<Ipv4Address> localAddresses() {
            return List.of(address);
        }

        @Override
        public Ipv4Address sourceAddressFor(Ipv4Address destination) {
            return noRoute ? null : address;
        }

        @Override
        public void send(Ipv4Address source, Ipv4Address destination, int protocol, byte[] payload) {
            packets++;
            Ipv4Packet packet = Ipv4Packet.of(source, destination, protocol, 64, identification++ & 0xffff, payload);
            if (logging) {
                log.add(SimTime.format(sim.now()) + " " + name + " " + source + " > " + destination + " "
                        + (protocol == 6 ? portolan.sandbox.wire.TcpSegment.parse(payload, source, destination) : "UDP"));
            }
            if (destination.isLoopback() || destination.equals(address)) {
                sim.schedule(0, name + " loopback", () -> deliver(this, packet));
                return;
            }
            Host to = hosts.get(destination);
            if (to == null) {
                drops.add("no host " + destination);
                return;
            }
            if (faults.chance(loss)) {
                drops.add("lost " + packet);
                return;
            }
            int copies = faults.chance(duplicate) ? 2 : 1;
            for (int i = 0; i < copies; i++) {
                Ipv4Packet p = packet;
                if (faults.chance(corrupt)) {
                    byte[] bytes = packet.payload();
                    int bit = faults.nextInt(bytes.length * 8);
                    bytes[bit / 8] ^= (byte) (1 << (bit % 8));
                    p = packet.withPayload(bytes);
                }
                long delay = latency + (faults.chance(reorder) ? faults.nextLong(5 * latency) : 0);
                Ipv4Packet sent = p;
                sim.schedule(delay, towards.computeIfAbsent(to, h -> name + " -> " + h.name), () -> deliver(to, sent));
            }
        }

        @Override
        public void dropped(Ipv4Packet packet, String reason) {
            drops.add(name + ": " + reason);
        }

        @Override
        public void portUnreachable(Ipv4Packet packet, String reason) {
            unreachable.add(reason);
            dropped(packet, reason);
        }

        public Sys sys() {
            return sockets.sys();
        }
    }

    private static void deliver(Host to, Ipv4Packet packet) {
        TransportProtocol t = to.transports.get(packet.protocol());
        if (t != null) {
            t.receive(packet);
        }
    }
}
