package portolan.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import portolan.sandbox.sim.SimTime;
import portolan.sandbox.sim.Simulator;
import portolan.sandbox.stack.Capture;
import portolan.sandbox.stack.Link;
import portolan.sandbox.stack.PacketTrace;
import portolan.sandbox.stack.Switch;
import portolan.sandbox.wire.MacAddress;

/**
 * A Network is one deterministic simulated internet: its hosts, routers, switches and links, the
 * virtual clock they share, and the trace of every frame. The same seed and the same calls give
 * the same MAC addresses, packets, trace, fingerprint and capture files on every run.
 *
 * <pre>{@code
 * var net = new Network(42);
 * var lan = net.lan("home");
 * var pc = net.host("pc").attach(lan, "192.168.0.4/24").gateway("192.168.0.1");
 * pc.ping("192.168.0.1");
 * net.trace();
 * }</pre>
 */
public final class Network implements AutoCloseable {
    private static final long MAC_BASE = 0x02_00_00_00_00_00L; // locally administered, unicast

    private final Simulator sim;
    private final PacketTrace trace;
    private final Map<String, Object> names = new LinkedHashMap<>();
    private final List<Node> nodes = new ArrayList<>();
    private long macs;
    private Router internet;
    private int isps;
    private final List<java.util.function.IntSupplier> background = new ArrayList<>();
    private portolan.sandbox.apps.Ddns ddns;

    public Network(long seed) {
        sim = new Simulator(seed);
        trace = new PacketTrace(sim);
    }

    public Simulator simulator() {
        return sim;
    }

    private <T> T register(String name, T thing) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("every host, router, switch and link needs a name, e.g. \"pc\"");
        }
        Object old = names.get(name);
        if (old != null) {
            throw new IllegalArgumentException("the name \"" + name + "\" is already taken by " + kind(old)
                    + "; pick another name");
        }
        names.put(name, thing);
        return thing;
    }

    private static String kind(Object o) {
        return o instanceof Host ? "a host" : o instanceof Router ? "a router" : o instanceof Switch ? "a switch" : "a link";
    }

    /** A new host (PC, phone, server). */
    public Host host(String name) {
        Host h = register(name, new Host(this, name));
        nodes.add(h);
        return h;
    }

    /** A new router. */
    public Router router(String name) {
        Router r = register(name, new Router(this, name));
        nodes.add(r);
        return r;
    }

    /** A new home router (공유기): LAN 192.168.0.1/24 with DHCP; {@code connect(isp)} plugs in its WAN port. */
    public HomeRouter homeRouter(String name) {
        return new HomeRouter(this, name);
    }

    /**
     * A new ISP with the public address block {@code cidr} (e.g. "59.6.64.0/20"), connected to the
     * internet core router so its subscribers reach other ISPs' subscribers.
     */
    public Isp isp(String name, String cidr) {
        Isp isp = new Isp(this, name, portolan.sandbox.wire.Cidr.parse(cidr), internet(), isps++);
        return isp;
    }

    /** The internet core: one router every ISP's uplink plugs into (created with the first ISP). */
    public Router internet() {
        if (internet == null) {
            internet = router("internet");
        }
        return internet;
    }

    /** The dynamic DNS service of this network (one, shared, like a public DDNS provider). */
    public portolan.sandbox.apps.Ddns ddns() {
        if (ddns == null) {
            ddns = new portolan.sandbox.apps.Ddns(sim);
        }
        return ddns;
    }

    /** A new learning switch: a LAN that hosts and routers attach to. */
    public Switch lan(String name) {
        return register(name, new Switch(name, sim, trace));
    }

    /** A new point-to-point link (1 ms latency, 100 Mbit/s, MTU 1500 unless changed). */
    public Link link(String name) {
        return register(name, new Link(name, sim, trace, SimTime.MILLISECOND));
    }

    /** A new point-to-point link with the given one-way latency. */
    public Link link(String name, Duration latency) {
        return link(name).latency(latency);
    }

    /** The host or router called {@code name}. */
    public Node node(String name) {
        for (Node n : nodes) {
            if (n.name().equals(name)) {
                return n;
            }
        }
        throw new IllegalArgumentException("no host or router is called \"" + name + "\"; there are "
                + nodes.stream().map(Node::name).toList());
    }

    /** Hosts and routers in creation order. */
    public List<Node> nodes() {
        return List.copyOf(nodes);
    }

    int nodeIndex(Node node) {
        return nodes.indexOf(node);
    }

    /** Deterministic MACs: 02:00:00:00:00:01, :02, ... in NIC creation order. */
    MacAddress nextMac() {
        return MacAddress.of(MAC_BASE + ++macs);
    }

    // ---- running ----

    public long now() {
        return sim.now();
    }

    public Network runFor(Duration duration) {
        sim.runFor(duration);
        return this;
    }

    /**
     * Runs until nothing is left to do. DHCP lease timers (renewals every T1, lease ends) do not
     * count: they would keep a network busy forever; {@link #runFor} lets leases run their course.
     */
    public Network runUntilIdle() {
        if (background.isEmpty()) {
            sim.runUntilIdle();
            return this;
        }
        sim.runUntil(this::onlyBackgroundLeft, Long.MAX_VALUE);
        return this;
    }

    private boolean onlyBackgroundLeft() {
        for (portolan.sandbox.sim.SimThread t : sim.threads()) {
            if (t.state() == portolan.sandbox.sim.SimThread.State.NEW
                    || t.state() == portolan.sandbox.sim.SimThread.State.RUNNABLE) {
                return false;
            }
        }
        int timers = 0;
        for (java.util.function.IntSupplier b : background) {
            timers += b.getAsInt();
        }
        return sim.pendingEvents() <= timers;
    }

    /** Registers a count of pending background timers (DHCP) that {@link #runUntilIdle()} does not wait for. */
    void background(java.util.function.IntSupplier pendingTimers) {
        background.add(pendingTimers);
    }

    /** Runs until {@code condition} holds; false if it still does not after {@code timeout} of virtual time. */
    public boolean runUntil(BooleanSupplier condition, Duration timeout) {
        return sim.runUntil(condition, timeout);
    }

    /**
     * Runs until {@code condition} holds (it is checked after every step and must not block); if the
     * network goes idle first, nothing can ever make it true, and a
     * {@link portolan.sandbox.sim.SimulationDeadlockException} says so.
     */
    public Network runUntil(BooleanSupplier condition) {
        sim.runUntil(condition);
        return this;
    }

    /**
     * Runs until the virtual clock reads {@code time}, counted from when the network was made:
     * {@code runUntilTime(Duration.ofSeconds(30))} at 12 s runs 18 s ({@link #runFor} would run 30).
     */
    public Network runUntilTime(Duration time) {
        sim.runUntil(SimTime.nanos(time));
        return this;
    }

    // ---- looking inside ----

    /** Every frame sent, received, forwarded, dropped or lost, with reasons. */
    public PacketTrace trace() {
        return trace;
    }

    /**
     * Everything seen on every interface. A frame is in it once for each place it was seen (sent by
     * one host, forwarded by each router, received by the other host), as if every interface had its
     * own capture; Wireshark's TCP analysis takes those copies for retransmissions and duplicate
     * ACKs, so for that capture one interface, e.g. {@code capture("pc:eth0")}.
     */
    public Capture capture() {
        return new Capture("the whole network", trace.entries());
    }

    /** What was seen at the given places ("pc:eth0") or nodes ("r1"). */
    public Capture capture(String... places) {
        List<String> wanted = List.of(places);
        return new Capture(String.join(", ", wanted),
                trace.where(e -> wanted.contains(e.place()) || wanted.contains(e.node())));
    }

    // ---- pictures (portolan.sandbox.view) ----

    /** The topology as a picture: routers, switches, hosts, cables, addresses, listening ports. */
    public portolan.sandbox.view.TopologyDiagram topology() {
        return portolan.sandbox.view.TopologyDiagram.of(this);
    }

    /** The topology as SVG, so a notebook shows a network as a picture (text stays in toString()). */
    public String toSvg() {
        return topology().toSvg();
    }

    /** The whole trace as a sequence diagram; narrow it with host(), protocol(), port() or drops(). */
    public portolan.sandbox.view.SequenceDiagram sequence() {
        return portolan.sandbox.view.SequenceDiagram.of(trace.entries());
    }

    /** The trace as a packet table (number, time, where, source, destination, protocol, info, reason). */
    public portolan.sandbox.view.HtmlTable packets() {
        return portolan.sandbox.view.PacketView.table(trace.entries());
    }

    /** The layered view (Ethernet / IP / TCP fields and hex dump) of trace entry {@code n}. */
    public portolan.sandbox.view.PacketView packet(long n) {
        return portolan.sandbox.view.PacketView.of(trace.get(n));
    }

    /** Everything captured so far as a downloadable pcap file (every place's copy; see {@link #capture()}). */
    public portolan.sandbox.view.Download pcap(String fileName) {
        Capture c = capture();
        return portolan.sandbox.view.Download.pcap(fileName, c.pcapBytes(), c.size() + " frames of the whole network");
    }

    /**
     * What was seen at the given places ("pc:eth0") or nodes ("r1") as a downloadable pcap file: one
     * interface's view, as Wireshark on that machine would capture it.
     */
    public portolan.sandbox.view.Download pcap(String fileName, String... places) {
        if (places.length == 0) {
            return pcap(fileName);
        }
        Capture c = capture(places);
        if (c.size() == 0) {
            throw new IllegalArgumentException("nothing was seen at " + String.join(", ", places) + ": name an interface "
                    + "as node:interface (e.g. \"pc:eth0\") or a node (e.g. \"r1\") of this network");
        }
        return portolan.sandbox.view.Download.pcap(fileName, c.pcapBytes(), c.size() + " frames seen at "
                + String.join(", ", places));
    }

    /** SHA-256 over everything recorded: equal fingerprints mean identical runs. */
    public String fingerprint() {
        return sim.trace().fingerprint();
    }

    @Override
    public void close() {
        sim.close();
    }

    /** The topology: nodes with addresses, switches, links. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Network (seed " + sim.seed() + ", time " + SimTime.format(sim.now()) + ")\n");
        for (Object o : names.values()) {
            if (o instanceof Node n) {
                s.append(n);
            } else if (o instanceof Switch sw) {
                s.append("switch ").append(sw.name()).append(", ").append(sw.portCount()).append(" ports\n");
            } else {
                s.append(o).append('\n');
            }
        }
        return s.toString();
    }
}
