package portolan.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import portolan.sandbox.apps.DhcpServer;
import portolan.sandbox.sim.SimTime;
import portolan.sandbox.stack.ArpCache;
import portolan.sandbox.stack.Capture;
import portolan.sandbox.stack.IpInterface;
import portolan.sandbox.stack.IpStack;
import portolan.sandbox.stack.Nic;
import portolan.sandbox.stack.Pinger;
import portolan.sandbox.stack.PingResult;
import portolan.sandbox.stack.RoutingTable;
import portolan.sandbox.stack.Segment;
import portolan.sandbox.stack.Traceroute;
import portolan.sandbox.wire.Cidr;
import portolan.sandbox.wire.Ipv4Address;
import portolan.sandbox.wire.Ipv4Packet;

/**
 * A Node is a machine in the sandbox network: NICs plugged into switches or links, an IP stack
 * with its ARP cache and routing table, and ping. {@link Host} and {@link Router} are nodes;
 * they differ in whether the IP stack forwards packets that are not for them.
 */
public abstract class Node {
    private final Network network;
    private final String name;
    private final IpStack ip;
    private final List<Nic> nics = new ArrayList<>();
    private Pinger pinger;
    private final java.util.Map<String, DhcpServer> dhcpServers = new java.util.TreeMap<>();

    Node(Network network, String name, boolean forwarding) {
        this.network = network;
        this.name = name;
        this.ip = new IpStack(name, network.simulator(), network.trace(), forwarding);
    }

    public String name() {
        return name;
    }

    public Network network() {
        return network;
    }

    /** Adds a NIC ("eth0", "eth1", ... in order), plugs it into {@code segment} and gives it {@code cidr}. */
    Nic plug(Segment segment, String cidr) {
        if (segment == null) {
            throw new IllegalArgumentException(name + ": attach to a switch (net.lan(\"name\")) or a link"
                    + " (net.link(\"name\")), not null");
        }
        Cidr address = Cidr.parse(cidr);
        if (address.prefixLength() < 32 && (address.address().equals(address.network())
                || address.address().equals(address.broadcast())) && address.prefixLength() < 31) {
            throw new IllegalArgumentException(name + ": " + cidr + " is the " + (address.address().equals(address.network())
                    ? "network" : "broadcast") + " address of " + address.toNetwork() + "; give a host address such as "
                    + address.host(1) + "/" + address.prefixLength());
        }
        Nic nic = new Nic(name, "eth" + nics.size(), network.nextMac(), network.trace());
        nic.plugInto(segment);
        nics.add(nic);
        ip.addInterface(nic, address);
        return nic;
    }

    /**
     * The DHCP server on interface {@code nicName}, started on first use: it leases the addresses
     * of that interface's network above the node's own (configure with pool, leaseTime, dns).
     */
    public DhcpServer dhcpServer(String nicName) {
        return dhcpServers.computeIfAbsent(nicName, n -> {
            DhcpServer s = new DhcpServer(ip, nic(n));
            network.background(s::pendingTimers);
            return s;
        });
    }

    /** The node's first IPv4 address (null before it is attached anywhere). */
    public Ipv4Address ip() {
        List<IpInterface> all = ip.interfaces();
        return all.isEmpty() ? null : all.get(0).address();
    }

    /** The node's NICs in creation order. */
    public List<Nic> nics() {
        return List.copyOf(nics);
    }

    /** The NIC called {@code name} ("eth0"). */
    public Nic nic(String nicName) {
        for (Nic n : nics) {
            if (n.name().equals(nicName)) {
                return n;
            }
        }
        throw new IllegalArgumentException(name + " has no interface " + nicName + "; it has "
                + nics.stream().map(Nic::name).toList());
    }

    /** The IP layer (what TCP and UDP are built on; also its hooks for NAT and firewalls). */
    public IpStack stack() {
        return ip;
    }

    public ArpCache arpTable() {
        return ip.arp();
    }

    public RoutingTable routes() {
        return ip.routes();
    }

    /** Every frame seen at this node's interfaces. */
    public Capture capture() {
        return new Capture(name, network.trace().at(name));
    }

    /** Sends one ICMP echo request and waits (in virtual time, up to 2 s) for the reply. */
    public PingResult ping(String address) {
        return ping(address, Ipv4Packet.DEFAULT_TTL, Duration.ofNanos(Pinger.DEFAULT_TIMEOUT));
    }

    /** Ping with a chosen TTL (small values show which router gives up: traceroute's trick) and timeout. */
    public PingResult ping(String address, int ttl, Duration timeout) {
        if (ttl < 1 || ttl > 255) {
            throw new IllegalArgumentException("a TTL is between 1 and 255, not " + ttl);
        }
        if (pinger == null) {
            pinger = new Pinger(ip, network.trace(), network.nodeIndex(this) + 1);
        }
        return pinger.ping(Ipv4Address.parse(address), ttl, SimTime.nanos(timeout));
    }

    /** Pings with TTL 1, 2, 3, ... until {@code address} answers; one line per hop. */
    public Traceroute traceroute(String address) {
        List<PingResult> hops = new ArrayList<>();
        for (int ttl = 1; ttl <= 30; ttl++) {
            PingResult r = ping(address, ttl, Duration.ofNanos(Pinger.DEFAULT_TIMEOUT));
            hops.add(r);
            if (r.success() || r.from() == null || r.from().equals(Ipv4Address.parse(address))
                    || !r.explanation().contains("time exceeded")) {
                break;
            }
        }
        return new Traceroute(Ipv4Address.parse(address), hops);
    }

    /** Name, interfaces and routes. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT)).append(' ')
                .append(name).append('\n');
        for (IpInterface i : ip.interfaces()) {
            s.append("  ").append(i.nic().name()).append(' ').append(i.cidr()).append(' ').append(i.nic().mac())
                    .append(" on ").append(i.nic().link() == null ? "-" : i.nic().link().name()).append('\n');
        }
        return s.append(ip.routes()).toString();
    }
}
