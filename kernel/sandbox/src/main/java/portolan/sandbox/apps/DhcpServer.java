package portolan.sandbox.apps;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import portolan.sandbox.sim.Event;
import portolan.sandbox.sim.SimTime;
import portolan.sandbox.sim.Simulator;
import portolan.sandbox.stack.IpInterface;
import portolan.sandbox.stack.IpStack;
import portolan.sandbox.stack.Nic;
import portolan.sandbox.text.Rows;
import portolan.sandbox.wire.Cidr;
import portolan.sandbox.wire.DhcpMessage;
import portolan.sandbox.wire.DhcpMessageType;
import portolan.sandbox.wire.DhcpOption;
import portolan.sandbox.wire.Ipv4Address;
import portolan.sandbox.wire.Ipv4Packet;
import portolan.sandbox.wire.MacAddress;

/**
 * A DhcpServer hands out addresses from a pool on one interface by RFC 2131 (DISCOVER → OFFER,
 * REQUEST → ACK or NAK, DECLINE, RELEASE) and keeps a lease table one can look at. Choices are
 * deterministic: a reservation first, then the client's previous address while it is free, then
 * the address it asks for, then the lowest free address of the pool. A lease that runs out frees
 * its address (one event at the expiry time, so skipping a month of virtual time is cheap).
 */
public final class DhcpServer {
    /** How long an offered address stays held for the client that was offered it. */
    static final long OFFER_HOLD = 60 * SimTime.SECOND;

    private static final class Binding {
        MacAddress mac;
        String client;
        String state;
        long expires;
        Event expiry;
    }

    private final String node;
    private final Simulator sim;
    private final DhcpPort port;
    private final Ipv4Address serverId;
    private final Cidr subnet;
    private Ipv4Address first;
    private Ipv4Address last;
    private Ipv4Address router;
    private final List<Ipv4Address> dns = new ArrayList<>();
    private long leaseSeconds = 86_400;
    private final TreeMap<Ipv4Address, Binding> table = new TreeMap<>();
    private final Map<MacAddress, Ipv4Address> reservations = new LinkedHashMap<>();
    private final List<LeaseEvent> log = new ArrayList<>();

    /**
     * A server on {@code nic} of {@code ip}, for the interface's network; the pool is the rest of
     * the network above the server's address until {@link #pool} says otherwise, the router option
     * is the server's own address until {@link #router} says otherwise.
     */
    public DhcpServer(IpStack ip, Nic nic) {
        IpInterface itf = ip.interfaces().stream().filter(i -> i.nic() == nic).findFirst().orElseThrow(
                () -> new IllegalArgumentException(ip.hostName() + " has no address on " + nic.name()
                        + "; a DHCP server needs one (its server identifier, RFC 2131 §4.3.1)"));
        this.node = ip.hostName();
        this.sim = ip.simulator();
        this.serverId = itf.address();
        this.subnet = itf.cidr().toNetwork();
        this.router = serverId;
        this.first = serverId.plus(1);
        this.last = subnet.broadcast().plus(-1);
        this.port = new DhcpPort(ip, nic, DhcpMessage.SERVER_PORT, this::receive);
    }

    // ---- configuration ----

    /** The addresses it may lease, inclusive, e.g. pool("192.168.0.2", "192.168.0.254"). */
    public DhcpServer pool(String from, String to) {
        Ipv4Address a = Ipv4Address.parse(from);
        Ipv4Address b = Ipv4Address.parse(to);
        if (!subnet.contains(a) || !subnet.contains(b) || a.compareTo(b) > 0) {
            throw new IllegalArgumentException("DHCP pool " + from + "–" + to + " on " + node + " must be an ascending range"
                    + " inside " + subnet);
        }
        first = a;
        last = b;
        return this;
    }

    public DhcpServer leaseTime(long seconds) {
        if (seconds < 60) {
            throw new IllegalArgumentException("a DHCP lease of " + seconds + " s is too short; use at least 60 s");
        }
        leaseSeconds = seconds;
        return this;
    }

    public long leaseSeconds() {
        return leaseSeconds;
    }

    public DhcpServer router(String address) {
        router = Ipv4Address.parse(address);
        return this;
    }

    public DhcpServer dns(String... servers) {
        dns.clear();
        for (String s : servers) {
            dns.add(Ipv4Address.parse(s));
        }
        return this;
    }

    /** Always gives {@code address} to the client with hardware address {@code mac} (a reservation). */
    public DhcpServer reserve(MacAddress mac, Ipv4Address address, String client) {
        if (!subnet.contains(address)) {
            throw new IllegalArgumentException("cannot reserve " + address + " on " + node + ": it is not in " + subnet);
        }
        Binding b = table.get(address);
        if (b != null && !b.mac.equals(mac) && isHeld(b)) {
            throw new IllegalArgumentException("cannot reserve " + address + " for " + client + ": " + b.client
                    + " holds it (" + b.state + ")");
        }
        reservations.values().remove(address);
        reservations.put(mac, address);
        if (b == null || !isHeld(b)) {
            Binding r = new Binding();
            r.mac = mac;
            r.client = client;
            r.state = "RESERVED";
            r.expires = Long.MAX_VALUE;
            table.put(address, r);
        }
        event(client, address, "RESERVED", "");
        return this;
    }

    /** Stops answering (a switched-off or crashed server): clients then renew, rebind and finally lose leases. */
    public DhcpServer stop() {
        port.close();
        return this;
    }

    /** Answers again after {@link #stop()}. */
    public DhcpServer start() {
        port.reopen();
        return this;
    }

    /** Lease expiry events still to fire (background work that never makes a network busy). */
    public int pendingTimers() {
        int n = 0;
        for (Binding b : table.values()) {
            n += b.expiry != null && b.expiry.isPending() ? 1 : 0;
        }
        return n;
    }

    public boolean isRunning() {
        return port.isOpen();
    }

    public Ipv4Address address() {
        return serverId;
    }

    public Cidr subnet() {
        return subnet;
    }

    // ---- looking inside ----

    /** The lease table in address order (a list that shows itself as a table). */
    public List<Lease> leases() {
        List<Lease> rows = new ArrayList<>();
        table.forEach((a, b) -> rows.add(new Lease(a, b.mac, b.client, stateNow(b), b.expires)));
        return Rows.of(rows, "DHCP leases of " + node + " (" + serverId + ")",
                List.of("address", "MAC address", "client", "state", "until"),
                l -> List.of(l.address().toString(), l.mac() == null ? "-" : l.mac().toString(),
                        l.client() == null ? "-" : l.client(), l.state(),
                        l.expires() == Long.MAX_VALUE ? "(no expiry)" : Times.format(l.expires())));
    }

    /** Every offer, bind, renewal, expiry, release, decline and NAK with its virtual time. */
    public List<LeaseEvent> log() {
        return List.copyOf(log);
    }

    /** The address leased (BOUND) to {@code mac}, or null. */
    public Ipv4Address leasedTo(MacAddress mac) {
        for (Map.Entry<Ipv4Address, Binding> e : table.entrySet()) {
            if (e.getValue().mac.equals(mac) && "BOUND".equals(stateNow(e.getValue()))) {
                return e.getKey();
            }
        }
        return null;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder((port.isOpen() ? "" : "(stopped) ") + "DHCP server on " + node + " (" + serverId + "), pool " + first + "–" + last
                + ", lease " + Times.span(leaseSeconds) + "\n");
        if (table.isEmpty()) {
            s.append("  (no leases yet)\n");
        }
        for (Lease l : leases()) {
            s.append("  ").append(l).append('\n');
        }
        return s.toString();
    }

    // ---- protocol ----

    private String stateNow(Binding b) {
        if ("OFFERED".equals(b.state) && sim.now() >= b.expires) {
            return "EXPIRED";
        }
        return b.state;
    }

    private boolean isHeld(Binding b) {
        String s = stateNow(b);
        return s.equals("OFFERED") || s.equals("BOUND") || s.equals("DECLINED") || s.equals("RESERVED");
    }

    private boolean freeFor(Ipv4Address a, MacAddress mac) {
        if (a == null || !subnet.contains(a) || a.equals(serverId) || a.equals(router)) {
            return false;
        }
        Ipv4Address reservedFor = null;
        for (Map.Entry<MacAddress, Ipv4Address> r : reservations.entrySet()) {
            if (r.getValue().equals(a)) {
                reservedFor = r.getValue();
                if (!r.getKey().equals(mac)) {
                    return false;
                }
            }
        }
        Binding b = table.get(a);
        boolean inPool = a.compareTo(first) >= 0 && a.compareTo(last) <= 0;
        return (inPool || reservedFor != null) && (b == null || b.mac.equals(mac) && !"DECLINED".equals(b.state)
                || !isHeld(b));
    }

    private Ipv4Address choose(MacAddress mac, Ipv4Address requested) {
        Ipv4Address reserved = reservations.get(mac);
        if (reserved != null) {
            return reserved;
        }
        for (Map.Entry<Ipv4Address, Binding> e : table.entrySet()) {
            if (e.getValue().mac.equals(mac) && freeFor(e.getKey(), mac)) {
                return e.getKey(); // RFC 2131 §4.3.1: the client's current or previous address
            }
        }
        if (freeFor(requested, mac)) {
            return requested;
        }
        for (Ipv4Address a = first; a.compareTo(last) <= 0; a = a.plus(1)) {
            if (freeFor(a, mac)) {
                return a;
            }
        }
        return null;
    }

    private void receive(DhcpMessage m, Ipv4Packet packet) {
        if (m.op() != DhcpMessage.BOOTREQUEST) {
            return;
        }
        // Option 12 is NVT ASCII by RFC 2132 §3.14; names such as "공유기" travel as UTF-8, as many clients do.
        String client = m.option(DhcpOption.HOST_NAME)
                .map(o -> new String(o.data(), java.nio.charset.StandardCharsets.UTF_8)).orElse(m.chaddr().toString());
        switch (m.messageType()) {
            case DISCOVER -> discover(m, client);
            case REQUEST -> request(m, client);
            case DECLINE -> {
                Ipv4Address a = m.requestedIp().orElse(null);
                Binding b = a == null ? null : table.get(a);
                if (b != null && b.mac.equals(m.chaddr())) {
                    cancel(b);
                    b.state = "DECLINED"; // RFC 2131 §4.3.3: mark the address as not available
                    b.expires = Long.MAX_VALUE;
                    event(client, a, "DECLINED", "the client found another machine already using it");
                }
            }
            case RELEASE -> {
                Binding b = table.get(m.ciaddr());
                if (b != null && b.mac.equals(m.chaddr()) && "BOUND".equals(b.state)) {
                    cancel(b);
                    b.state = "RELEASED";
                    b.expires = sim.now();
                    event(client, m.ciaddr(), "RELEASED", "");
                }
            }
            default -> { }
        }
    }

    private void discover(DhcpMessage m, String client) {
        Ipv4Address a = choose(m.chaddr(), m.requestedIp().orElse(null));
        if (a == null) {
            event(client, null, "NO ADDRESS", "the pool " + first + "–" + last + " is exhausted");
            return;
        }
        Binding b = bind(a, m.chaddr(), client);
        if (!"BOUND".equals(b.state) && !"RESERVED".equals(b.state)) {
            b.state = "OFFERED";
            b.expires = sim.now() + OFFER_HOLD;
        }
        event(client, a, "OFFERED", "");
        reply(m, DhcpMessageType.OFFER, a);
    }

    private Binding bind(Ipv4Address a, MacAddress mac, String client) {
        Binding b = table.get(a);
        if (b == null || !b.mac.equals(mac)) {
            if (b != null) {
                cancel(b);
                event(client, a, "REASSIGNED", "previously " + b.client);
            }
            b = new Binding();
            table.put(a, b);
        }
        b.mac = mac;
        b.client = client;
        return b;
    }

    private void request(DhcpMessage m, String client) {
        boolean selecting = m.serverId().isPresent();
        if (selecting && !m.serverId().get().equals(serverId)) {
            // RFC 2131 §4.3.2: the client chose another server's offer; ours is free again.
            table.entrySet().removeIf(e -> e.getValue().mac.equals(m.chaddr()) && "OFFERED".equals(e.getValue().state));
            return;
        }
        Ipv4Address wanted = m.ciaddr().isAny() ? m.requestedIp().orElse(null) : m.ciaddr();
        if (wanted == null) {
            nak(m, client, null, "the REQUEST names no address");
            return;
        }
        Binding b = table.get(wanted);
        if (!subnet.contains(wanted)) {
            nak(m, client, wanted, wanted + " is not on this network (" + subnet + ")");
        } else if (b != null && !b.mac.equals(m.chaddr()) && isHeld(b)) {
            nak(m, client, wanted, wanted + " is leased to another client now");
        } else if (!freeFor(wanted, m.chaddr())) {
            nak(m, client, wanted, wanted + " is not available from this server");
        } else if (selecting && (b == null || !b.mac.equals(m.chaddr()))) {
            nak(m, client, wanted, "no offer of " + wanted + " was made to this client");
        } else {
            boolean renewal = b != null && b.mac.equals(m.chaddr()) && "BOUND".equals(b.state);
            b = bind(wanted, m.chaddr(), client);
            cancel(b);
            b.state = "BOUND";
            b.expires = sim.now() + leaseSeconds * SimTime.SECOND;
            Binding bound = b;
            long until = b.expires;
            b.expiry = sim.scheduleAt(until, node + ": DHCP lease " + wanted, () -> expire(wanted, bound, until));
            event(client, wanted, renewal ? "RENEWED" : "BOUND", "until " + Times.format(until));
            reply(m, DhcpMessageType.ACK, wanted);
        }
    }

    private void expire(Ipv4Address a, Binding b, long until) {
        if (table.get(a) == b && "BOUND".equals(b.state) && b.expires == until) {
            b.state = "EXPIRED";
            b.expiry = null;
            event(b.client, a, "EXPIRED", "not renewed for " + Times.span(leaseSeconds));
        }
    }

    private static void cancel(Binding b) {
        if (b.expiry != null) {
            b.expiry.cancel();
            b.expiry = null;
        }
    }

    private void nak(DhcpMessage m, String client, Ipv4Address wanted, String why) {
        event(client, wanted, "NAK", why);
        port.send(DhcpMessage.reply(m, DhcpMessageType.NAK, Ipv4Address.ANY, List.of(DhcpOption.serverId(serverId),
                new DhcpOption(56, why.getBytes(java.nio.charset.StandardCharsets.US_ASCII)))), serverId, Ipv4Address.BROADCAST, DhcpMessage.CLIENT_PORT);
    }

    private void reply(DhcpMessage m, DhcpMessageType type, Ipv4Address yiaddr) {
        List<DhcpOption> options = new ArrayList<>();
        options.add(DhcpOption.serverId(serverId));
        options.add(DhcpOption.leaseTime(leaseSeconds));
        options.add(DhcpOption.renewalTime(leaseSeconds / 2)); // T1 = 0.5 × lease, RFC 2131 §4.4.5
        options.add(DhcpOption.rebindingTime(leaseSeconds * 7 / 8)); // T2 = 0.875 × lease
        options.add(DhcpOption.subnetMask(subnet.mask()));
        options.add(DhcpOption.router(router));
        if (!dns.isEmpty()) {
            options.add(DhcpOption.dnsServers(dns.toArray(Ipv4Address[]::new)));
        }
        // RFC 2131 §4.1: unicast to ciaddr when the client has one, otherwise broadcast.
        Ipv4Address to = m.ciaddr().isAny() ? Ipv4Address.BROADCAST : m.ciaddr();
        port.send(DhcpMessage.reply(m, type, yiaddr, options), serverId, to, DhcpMessage.CLIENT_PORT);
    }

    private void event(String client, Ipv4Address a, String what, String detail) {
        log.add(new LeaseEvent(sim.now(), client, a, what, detail));
    }
}
