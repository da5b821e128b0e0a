package portolan.sandbox.stack;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import portolan.sandbox.sim.Simulator;
import portolan.sandbox.wire.ArpPacket;
import portolan.sandbox.wire.Cidr;
import portolan.sandbox.wire.EthernetFrame;
import portolan.sandbox.wire.IcmpMessage;
import portolan.sandbox.wire.Ipv4Address;
import portolan.sandbox.wire.Ipv4Packet;
import portolan.sandbox.wire.MacAddress;
import portolan.sandbox.wire.MalformedPacketException;

/**
 * An IpStack is the IPv4 layer of one node: it receives frames from the node's NICs (ARP and
 * IPv4), delivers packets for the node's own addresses to the registered transports after
 * reassembly, answers pings, forwards other packets if the node is a router (TTL decrement,
 * longest-prefix routing, fragmentation at the egress MTU), and sends ICMP errors when it cannot.
 * Every packet it throws away gets a reason in the trace.
 */
public final class IpStack implements IpLayer {
    private final String node;
    private final Simulator sim;
    private final PacketTrace trace;
    private final boolean forwarding;
    private final List<IpInterface> interfaces = new ArrayList<>();
    private final RoutingTable routes;
    private final ArpCache arp;
    private final Reassembler reassembler;
    private final Map<Integer, TransportProtocol> transports = new TreeMap<>();
    private final List<IpHook> ingress = new ArrayList<>();
    private final List<IpHook> egress = new ArrayList<>();
    private final List<IcmpListener> icmpListeners = new ArrayList<>();
    private int nextId;
    private int defaultTtl = Ipv4Packet.DEFAULT_TTL;
    /** Trace index of the received frame being handled, -1 when the stack acts on its own. */
    private int current = -1;
    private long forwarded;
    private long delivered;
    private long dropped;

    /** @param forwarding true for a router: packets for other addresses are forwarded, not dropped */
    public IpStack(String node, Simulator sim, PacketTrace trace, boolean forwarding) {
        this.node = node;
        this.sim = sim;
        this.trace = trace;
        this.forwarding = forwarding;
        this.routes = new RoutingTable(node);
        this.arp = new ArpCache(node, sim, this::unresolved);
        this.reassembler = new Reassembler(node, sim, this::deliver, this::reassemblyFailed);
        this.nextId = sim.random("node " + node + "/ip-id").nextInt(0x10000);
    }

    // ---- configuration ----

    /** Configures {@code cidr} (e.g. 192.168.0.4/24) on {@code nic} and adds its connected route. */
    public IpInterface addInterface(Nic nic, Cidr cidr) {
        for (IpInterface i : interfaces) {
            if (i.nic() == nic) {
                throw new IllegalStateException(nic.place() + " already has the address " + i.cidr());
            }
        }
        IpInterface i = new IpInterface(nic, cidr);
        interfaces.add(i);
        nic.setReceiver(this::receive);
        routes.add(new Route(cidr.toNetwork(), null, nic, "connected"));
        return i;
    }

    /**
     * Replaces the address of {@code nic} (and its connected route), as DHCP does when it binds,
     * renews to a new address or loses its lease; 0.0.0.0/32 means "no address yet" (RFC 2131
     * §4.1: a client without an address sends from 0.0.0.0). Routes via the old network go too.
     */
    public IpInterface reconfigure(Nic nic, Cidr cidr) {
        for (int k = 0; k < interfaces.size(); k++) {
            IpInterface old = interfaces.get(k);
            if (old.nic() == nic) {
                routes.removeAll(nic);
                IpInterface now = new IpInterface(nic, cidr);
                interfaces.set(k, now);
                routes.add(new Route(cidr.toNetwork(), null, nic, "connected"));
                arp.clear();
                return now;
            }
        }
        throw new IllegalArgumentException(node + " has no interface " + nic.name());
    }

    /** Sends a packet this node originates out of {@code nic}; a broadcast goes on that link only. */
    public void sendVia(Nic nic, Ipv4Packet packet) {
        if (!packet.destination().isBroadcast()) {
            send(packet);
            return;
        }
        int saved = current;
        current = -1;
        try {
            output(packet, new Route(Cidr.parse("255.255.255.255/32"), null, nic, "broadcast"), false);
        } finally {
            current = saved;
        }
    }

    /** Adds a static route to {@code destination} via the router {@code gateway} on a connected network. */
    public Route addRoute(Cidr destination, Ipv4Address gateway) {
        Route route = new Route(destination.toNetwork(), gateway, viaNic(gateway),
                destination.prefixLength() == 0 ? "default" : "static");
        routes.add(route);
        return route;
    }

    /** Sets (or replaces) the default route 0.0.0.0/0 via {@code gateway}. */
    public Route setDefaultGateway(Ipv4Address gateway) {
        Nic nic = viaNic(gateway);
        routes.remove(Cidr.parse("0.0.0.0/0"));
        Route route = new Route(Cidr.parse("0.0.0.0/0"), gateway, nic, "default");
        routes.add(route);
        return route;
    }

    private Nic viaNic(Ipv4Address gateway) {
        Route connected = routes.connectedTo(gateway);
        if (connected == null) {
            throw new IllegalArgumentException(node + " cannot use " + gateway + " as a gateway: none of its interfaces "
                    + interfaces.stream().map(i -> i.cidr().toString()).toList()
                    + " is on a network containing it. Attach " + node + " to that network first.");
        }
        return connected.nic();
    }

    /** Registers the handler for a transport protocol number (TCP 6, UDP 17). */
    public void register(TransportProtocol transport) {
        int number = transport.protocolNumber();
        if (number == Ipv4Packet.PROTOCOL_ICMP || transports.containsKey(number)) {
            throw new IllegalStateException(node + " already handles IP protocol " + Ipv4Packet.protocolName(number));
        }
        transports.put(number, transport);
    }

    /** Replaces the handler for a protocol number, e.g. a host's own UDP by a test's or an experiment's. */
    public void replace(TransportProtocol transport) {
        if (transport.protocolNumber() == Ipv4Packet.PROTOCOL_ICMP) {
            throw new IllegalStateException(node + " handles ICMP itself");
        }
        transports.put(transport.protocolNumber(), transport);
    }

    public void addIngressHook(IpHook hook) {
        ingress.add(hook);
    }

    public void addEgressHook(IpHook hook) {
        egress.add(hook);
    }

    public void addIcmpListener(IcmpListener listener) {
        icmpListeners.add(listener);
    }

    public RoutingTable routes() {
        return routes;
    }

    public ArpCache arp() {
        return arp;
    }

    public Reassembler reassembler() {
        return reassembler;
    }

    public List<IpInterface> interfaces() {
        return List.copyOf(interfaces);
    }

    /** Counts a packet forwarded by {@link FastForward}. */
    void countForwarded() {
        forwarded++;
    }

    public boolean isRouter() {
        return forwarding;
    }

    /** The TTL of packets this node originates (default 64). */
    public void defaultTtl(int ttl) {
        if (ttl < 1 || ttl > 255) {
            throw new IllegalArgumentException(node + ": a TTL is between 1 and 255, not " + ttl);
        }
        defaultTtl = ttl;
    }

    // ---- IpLayer ----

    @Override
    public Simulator simulator() {
        return sim;
    }

    @Override
    public String hostName() {
        return node;
    }

    @Override
    public List<Ipv4Address> localAddresses() {
        return interfaces.stream().map(IpInterface::address).toList();
    }

    @Override
    public Ipv4Address sourceAddressFor(Ipv4Address destination) {
        if (isLocal(destination)) {
            return destination.isBroadcast() && !interfaces.isEmpty() ? interfaces.get(0).address() : destination;
        }
        Route route = routes.lookup(destination);
        return route == null ? null : addressOf(route.nic());
    }

    @Override
    public void send(Ipv4Address source, Ipv4Address destination, int protocol, byte[] payload) {
        send(Ipv4Packet.of(source, destination, protocol, defaultTtl, nextId(), payload));
    }

    /** Sends a packet this node originates (any header fields, e.g. a small TTL for traceroute or DF). */
    public void send(Ipv4Packet packet) {
        int saved = current;
        current = -1;
        try {
            originate(packet);
        } finally {
            current = saved;
        }
    }

    /** The next IP identification value of this node (RFC 6864: unique per source for a while). */
    public int nextId() {
        int id = nextId;
        nextId = (nextId + 1) & 0xffff;
        return id;
    }

    @Override
    public void dropped(Ipv4Packet packet, String reason) {
        drop(packet, reason);
    }

    /** UDP found no socket: drop and answer ICMP port unreachable (RFC 1122 §4.1.3.1). */
    @Override
    public void portUnreachable(Ipv4Packet packet, String reason) {
        drop(packet, reason);
        icmpError(packet, IcmpMessage.portUnreachable(packet));
    }

    /** Records that {@code packet} was thrown away here, attached to the frame being handled if any. */
    public void drop(Ipv4Packet packet, String reason) {
        dropped++;
        if (current >= 0) {
            trace.drop(current, reason);
        } else {
            recordUnsent(null, packet, reason);
        }
    }

    // ---- receive path ----

    private void receive(Nic nic, byte[] wire, int traceIndex) {
        int saved = current;
        current = traceIndex;
        try {
            int etherType = Frames.u16(wire, 12);
            if (etherType == EthernetFrame.ETHERTYPE_IPV4) {
                if (!(forwarding && ingress.isEmpty() && egress.isEmpty() && FastForward.tryForward(this, wire))) {
                    receiveIp(nic, wire, traceIndex);
                }
            } else if (etherType == EthernetFrame.ETHERTYPE_ARP) {
                receiveArp(nic, wire, traceIndex);
            } else {
                dropped++;
                trace.drop(traceIndex, node + " does not speak EtherType " + EthernetFrame.etherTypeName(etherType));
            }
        } finally {
            current = saved;
        }
    }

    private static byte[] payloadOf(byte[] wire) {
        return Arrays.copyOfRange(wire, EthernetFrame.HEADER_LENGTH, wire.length - EthernetFrame.FCS_LENGTH);
    }

    private void receiveArp(Nic nic, byte[] wire, int traceIndex) {
        try {
            arp.receive(nic, ArpPacket.parse(payloadOf(wire)), addressOf(nic));
        } catch (MalformedPacketException | IllegalArgumentException e) {
            dropped++;
            trace.drop(traceIndex, "bad ARP packet: " + e.getMessage());
        }
    }

    private void receiveIp(Nic nic, byte[] wire, int traceIndex) {
        Ipv4Packet packet;
        try {
            packet = Ipv4Packet.parse(wire, EthernetFrame.HEADER_LENGTH,
                    wire.length - EthernetFrame.HEADER_LENGTH - EthernetFrame.FCS_LENGTH);
        } catch (MalformedPacketException e) {
            dropped++;
            trace.drop(traceIndex, ("header checksum".equals(e.field()) ? "bad IP checksum: " : "bad IP header: ")
                    + e.getMessage());
            return;
        }
        for (IpHook hook : ingress) {
            packet = hook.process(packet, nic);
            if (packet == null) {
                return;
            }
        }
        if (isLocal(packet.destination())) {
            if (packet.isFragment()) {
                reassembler.add(packet);
            } else {
                deliver(packet);
            }
        } else if (forwarding) {
            forward(packet);
        } else {
            drop(packet, "not for me: " + packet.destination() + " is not an address of " + node
                    + ", and a host does not forward packets (only routers do)");
        }
    }

    /** True if {@code address} is one of ours, the limited broadcast or a connected network's broadcast. */
    public boolean isLocal(Ipv4Address address) {
        if (address.isBroadcast() || address.isLoopback()) {
            return true;
        }
        for (IpInterface i : interfaces) {
            if (i.address().equals(address) || (i.cidr().prefixLength() < 31 && i.cidr().broadcast().equals(address))) {
                return true;
            }
        }
        return false;
    }

    private void deliver(Ipv4Packet packet) {
        delivered++;
        if (packet.protocol() == Ipv4Packet.PROTOCOL_ICMP) {
            receiveIcmp(packet);
            return;
        }
        TransportProtocol transport = transports.get(packet.protocol());
        if (transport != null) {
            transport.receive(packet);
            return;
        }
        String name = Ipv4Packet.protocolName(packet.protocol());
        drop(packet, "no listener: " + node + " has no " + name + " handler for " + packet.destination());
        if (packet.protocol() == Ipv4Packet.PROTOCOL_UDP) {
            icmpError(packet, IcmpMessage.portUnreachable(packet));
        } else {
            icmpError(packet, IcmpMessage.destinationUnreachable(IcmpMessage.CODE_PROTOCOL_UNREACHABLE, packet));
        }
    }

    private void receiveIcmp(Ipv4Packet packet) {
        IcmpMessage message;
        try {
            message = IcmpMessage.parse(packet.payload());
        } catch (MalformedPacketException e) {
            drop(packet, "bad ICMP message: " + e.getMessage());
            return;
        }
        if (message.type() == IcmpMessage.TYPE_ECHO_REQUEST) {
            if (!isUnicastMine(packet.destination())) {
                // RFC 1122 §3.2.2.6 allows ignoring broadcast echo requests; Linux does by default.
                drop(packet, "echo request to the broadcast address " + packet.destination() + " is ignored");
                return;
            }
            send(Ipv4Packet.of(packet.destination(), packet.source(), Ipv4Packet.PROTOCOL_ICMP, defaultTtl, nextId(),
                    IcmpMessage.replyTo(message).toBytes()));
            return;
        }
        if (message.isError()) {
            reportToTransport(message, packet.source() + " answered with ICMP " + errorName(message));
        }
        for (IcmpListener l : List.copyOf(icmpListeners)) {
            l.icmp(packet, message);
        }
    }

    /** Hands an ICMP error about a packet this host sent to the protocol that sent it (RFC 1122 §3.2.2). */
    private void reportToTransport(IcmpMessage error, String explanation) {
        error.quoted().filter(q -> isUnicastMine(q.source())).ifPresent(q -> {
            TransportProtocol transport = transports.get(q.protocol());
            if (transport != null) {
                transport.icmpError(q, error, explanation);
            }
        });
    }

    /** "host unreachable", "port unreachable", "time exceeded": an error's kind in words. */
    private static String errorName(IcmpMessage error) {
        return error.type() == IcmpMessage.TYPE_TIME_EXCEEDED ? IcmpMessage.typeName(error.type())
                : IcmpMessage.codeName(error.type(), error.code());
    }

    private boolean isUnicastMine(Ipv4Address address) {
        if (address.isLoopback()) {
            return true;
        }
        for (IpInterface i : interfaces) { // a loop, not a stream: every sent packet asks
            if (i.address().equals(address)) {
                return true;
            }
        }
        return false;
    }

    private void forward(Ipv4Packet packet) {
        if (packet.ttl() <= 1) {
            // RFC 1812 §5.3.1: a router that would decrement the TTL to zero discards and reports.
            drop(packet, "TTL expired: the packet arrived at " + node + " with TTL " + packet.ttl()
                    + ", so it may not be forwarded further");
            icmpError(packet, IcmpMessage.timeExceeded(IcmpMessage.CODE_TTL_EXCEEDED, packet));
            return;
        }
        Route route = routes.lookup(packet.destination());
        if (route == null) {
            drop(packet, "no route to " + packet.destination() + ": " + node
                    + "'s routing table has no matching entry and no default route");
            icmpError(packet, IcmpMessage.destinationUnreachable(IcmpMessage.CODE_NETWORK_UNREACHABLE, packet));
            return;
        }
        forwarded++;
        // Rebuilding the header recomputes the checksum, the same result as RFC 1624's update.
        output(packet.withTtl(packet.ttl() - 1), route, true);
    }

    // ---- send path ----

    private void originate(Ipv4Packet packet) {
        Ipv4Address destination = packet.destination();
        if (isUnicastMine(destination)) {
            loopback(packet);
            return;
        }
        Route route = destination.isBroadcast() && !interfaces.isEmpty()
                ? new Route(Cidr.parse("255.255.255.255/32"), null, interfaces.get(0).nic(), "broadcast")
                : routes.lookup(destination);
        if (route == null) {
            drop(packet, "no route to " + destination + ": " + node + " has no matching route and no default gateway");
            return;
        }
        output(packet, route, false);
    }

    private void loopback(Ipv4Packet packet) {
        trace.record(node, "lo", TraceEntry.Event.SENT, frameFor(null, packet), null);
        sim.schedule(0, node + ": loopback", () -> {
            int saved = current;
            current = -1;
            try {
                deliver(packet);
            } finally {
                current = saved;
            }
        });
    }

    private void output(Ipv4Packet packet, Route route, boolean isForwarded) {
        Nic nic = route.nic();
        for (IpHook hook : egress) {
            packet = hook.process(packet, nic);
            if (packet == null) {
                return;
            }
        }
        int mtu = nic.mtu();
        Ipv4Address nextHop = route.nextHop(packet.destination());
        Ipv4Address source = addressOf(nic);
        if (packet.totalLength() <= mtu) {
            arp.send(nic, source, nextHop, packet, isForwarded);
            return;
        }
        if (packet.dontFragment()) {
            // RFC 1191 §4: report the next-hop MTU so the sender can send smaller packets.
            drop(packet, "the packet is " + packet.totalLength() + " bytes, larger than the MTU " + mtu + " of "
                    + nic.place() + ", and Don't Fragment is set");
            if (isForwarded) {
                icmpError(packet, IcmpMessage.fragmentationNeeded(mtu, packet));
            }
            return;
        }
        for (Ipv4Packet fragment : packet.fragment(mtu)) {
            arp.send(nic, source, nextHop, fragment, isForwarded);
        }
    }

    private Ipv4Address addressOf(Nic nic) {
        for (IpInterface i : interfaces) {
            if (i.nic() == nic) {
                return i.address();
            }
        }
        return null;
    }

    // ---- errors ----

    /** Sends an ICMP error about {@code original} back to its source, unless RFC 1122 §3.2.2 forbids it. */
    private void icmpError(Ipv4Packet original, IcmpMessage error) {
        Ipv4Address to = original.source();
        if (original.fragmentOffset() != 0 || to.isAny() || to.isBroadcast() || to.isMulticast()
                || original.destination().isBroadcast() || original.destination().isMulticast()
                || isAboutIcmpError(original)) {
            return;
        }
        Ipv4Address from = sourceAddressFor(to);
        if (from == null) {
            return;
        }
        send(Ipv4Packet.of(from, to, Ipv4Packet.PROTOCOL_ICMP, defaultTtl, nextId(), error.toBytes()));
    }

    private static boolean isAboutIcmpError(Ipv4Packet packet) {
        if (packet.protocol() != Ipv4Packet.PROTOCOL_ICMP) {
            return false;
        }
        byte[] payload = packet.payload();
        int type = payload.length == 0 ? -1 : payload[0] & 0xff;
        return type != IcmpMessage.TYPE_ECHO_REQUEST && type != IcmpMessage.TYPE_ECHO_REPLY;
    }

    private void unresolved(Ipv4Packet packet, Nic nic, Ipv4Address nextHop, String reason, boolean unreachable) {
        dropped++;
        recordUnsent(nic, packet, reason);
        if (!unreachable) {
            return; // a full queue: dropped like any congestion loss, with no error to report
        }
        IcmpMessage error = IcmpMessage.destinationUnreachable(IcmpMessage.CODE_HOST_UNREACHABLE, packet);
        if (isUnicastMine(packet.source())) {
            // this host's own packet: the error goes straight to its sender, as Linux does (no wire)
            reportToTransport(error, reason);
        } else {
            icmpError(packet, error);
        }
    }

    private void reassemblyFailed(Ipv4Packet fragment, String reason) {
        dropped++;
        recordUnsent(null, fragment, reason);
        if (fragment.fragmentOffset() == 0) {
            // RFC 792: time exceeded code 1, only if fragment zero is available (RFC 1122 §3.3.2).
            icmpError(fragment, IcmpMessage.timeExceeded(IcmpMessage.CODE_REASSEMBLY_TIME_EXCEEDED, fragment));
        }
    }

    /** Records a packet that never made it onto a wire as a drop, in a frame with the NIC's MAC (or zeros). */
    private void recordUnsent(Nic nic, Ipv4Packet packet, String reason) {
        trace.record(node, nic == null ? "ip" : nic.name(), TraceEntry.Event.DROPPED, frameFor(nic, packet), reason);
    }

    private static byte[] frameFor(Nic nic, Ipv4Packet packet) {
        byte[] bytes = packet.toBytes();
        MacAddress mac = nic == null ? MacAddress.ZERO : nic.mac();
        return new EthernetFrame(MacAddress.ZERO, mac, EthernetFrame.ETHERTYPE_IPV4,
                Arrays.copyOf(bytes, Math.min(bytes.length, EthernetFrame.MAX_PAYLOAD))).toBytes();
    }

    /** Interfaces, counters and the routing table. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("IP stack of " + node + (forwarding ? " (router)" : "") + "\n");
        for (IpInterface i : interfaces) {
            s.append("  ").append(i).append('\n');
        }
        s.append("  delivered ").append(delivered).append(", forwarded ").append(forwarded).append(", dropped ")
                .append(dropped).append('\n');
        return s.append(routes).toString();
    }
}
