package portolan.sandbox.stack;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import portolan.sandbox.sim.SimTime;
import portolan.sandbox.sim.Simulator;
import portolan.sandbox.wire.Cidr;
import portolan.sandbox.wire.Ipv4Address;
import portolan.sandbox.wire.Ipv4Packet;

/**
 * A Nat is the NAPT of a home router (RFC 3022 §2.2): packets from the inside network leave with
 * the router's public address and a port of its choosing, replies find their way back by the
 * translation table, and traffic nobody inside asked for gets in only by a port forwarding rule.
 * It works as an ingress and an egress hook on the router's IP stack.
 *
 * <p>Behaviour, with the RFC requirement behind it: endpoint-independent mapping (RFC 4787
 * REQ-1) with port preservation when possible, else ports from 49152 up in order; address-and-
 * port-dependent filtering (only the remote an inside host talked to may answer, the strict end
 * of RFC 4787 §5 that many home routers take); idle timeouts of 5 min for UDP (RFC 4787 REQ-5),
 * 2 h 4 min for established TCP and 4 min for TCP being opened or closed (RFC 5382 REQ-5), 60 s
 * for ICMP echo (RFC 5508 REQ-1); hairpinning off unless switched on (RFC 4787 REQ-9 asks for it,
 * many routers lack it). Timeouts are checked lazily, so idle days of virtual time cost nothing.
 */
public final class Nat {
    static final long UDP_TIMEOUT = 300 * SimTime.SECOND;
    static final long TCP_ESTABLISHED_TIMEOUT = 7440 * SimTime.SECOND;
    static final long TCP_TRANSITORY_TIMEOUT = 240 * SimTime.SECOND;
    static final long ICMP_TIMEOUT = 60 * SimTime.SECOND;

    private record Key(IpProtocol protocol, Endpoint a, Endpoint b) {
    }

    private static final class Mapping {
        IpProtocol protocol;
        Endpoint inside;
        Endpoint outside;
        Endpoint remote;
        Endpoint publicTarget; // hairpin: what the inside host thinks it talks to
        String kind;
        String state = "-";
        boolean finOut;
        boolean finIn;
        long lastUsed;
    }

    private final IpStack ip;
    private final Simulator sim;
    private final Nic wan;
    private final Nic lan;
    private final Map<Key, Mapping> byInside = new LinkedHashMap<>();
    private final Map<Key, Mapping> byOutside = new LinkedHashMap<>();
    private final Map<String, PortForward> forwards = new TreeMap<>();
    private boolean hairpin;
    private int nextPort = Ports.EPHEMERAL_FIRST;

    /** NAPT on {@code ip}'s router between the public interface {@code wan} and the inside one {@code lan}. */
    public Nat(IpStack ip, Nic wan, Nic lan) {
        this.ip = ip;
        this.sim = ip.simulator();
        this.wan = wan;
        this.lan = lan;
        ip.addIngressHook(this::ingress);
        ip.addEgressHook(this::egress);
    }

    // ---- rules ----

    /** Adds (or replaces) the rule "{@code protocol} {@code outsidePort} → {@code inside}". */
    public PortForward forward(IpProtocol protocol, int outsidePort, Endpoint inside) {
        Ports.check(outsidePort);
        if (protocol == IpProtocol.ICMP || outsidePort == 0) {
            throw new IllegalArgumentException("port forwarding takes TCP or UDP and a port from 1 to 65535");
        }
        if (!insideNetwork().contains(inside.address())) {
            throw new IllegalArgumentException(ip.hostName() + " can forward only to its LAN " + insideNetwork().toNetwork()
                    + ", not to " + inside.address());
        }
        PortForward rule = new PortForward(protocol, outsidePort, inside);
        forwards.put(ruleKey(protocol, outsidePort), rule);
        return rule;
    }

    /** Removes the rule for {@code protocol} {@code outsidePort}; returns it, or null if there was none. */
    public PortForward unforward(IpProtocol protocol, int outsidePort) {
        return forwards.remove(ruleKey(protocol, outsidePort));
    }

    /** The rules in protocol and port order. */
    public List<PortForward> forwards() {
        return List.copyOf(forwards.values());
    }

    private static String ruleKey(IpProtocol protocol, int port) {
        return protocol + String.format("%05d", port);
    }

    public void hairpin(boolean on) {
        hairpin = on;
    }

    public boolean hairpin() {
        return hairpin;
    }

    // ---- table ----

    /** The translation table now, oldest mapping first (expired mappings are gone). */
    public List<NatEntry> entries() {
        expire();
        List<NatEntry> rows = new ArrayList<>();
        for (Mapping m : byInside.values()) {
            rows.add(new NatEntry(m.protocol, m.inside, m.outside, m.remote, m.kind, m.state, sim.now() - m.lastUsed,
                    timeout(m)));
        }
        return rows;
    }

    /** Forgets every mapping (a reboot, or a new public address). */
    public void clear() {
        byInside.clear();
        byOutside.clear();
    }

    @Override
    public String toString() {
        List<NatEntry> rows = entries();
        StringBuilder s = new StringBuilder("NAT table of " + ip.hostName() + " (" + rows.size() + " mappings, hairpin "
                + (hairpin ? "on" : "off") + ")\n");
        s.append(String.format("%-4s %-21s %-21s %-21s %-12s %-11s %s%n", "prot", "inside", "outside", "remote", "kind",
                "state", "idle"));
        rows.forEach(r -> s.append(r).append('\n'));
        return s.toString();
    }

    private long timeout(Mapping m) {
        return switch (m.protocol) {
            case UDP -> UDP_TIMEOUT;
            case ICMP -> ICMP_TIMEOUT;
            case TCP -> "ESTABLISHED".equals(m.state) ? TCP_ESTABLISHED_TIMEOUT : TCP_TRANSITORY_TIMEOUT;
        };
    }

    private void expire() {
        long now = sim.now();
        for (Iterator<Mapping> it = byInside.values().iterator(); it.hasNext(); ) {
            Mapping m = it.next();
            if (now - m.lastUsed >= timeout(m)) {
                it.remove();
                byOutside.values().remove(m);
            }
        }
    }

    // ---- hooks ----

    private Ipv4Address addressOf(Nic nic) {
        for (IpInterface i : ip.interfaces()) {
            if (i.nic() == nic) {
                return i.address();
            }
        }
        return Ipv4Address.ANY;
    }

    private Cidr insideNetwork() {
        for (IpInterface i : ip.interfaces()) {
            if (i.nic() == lan) {
                return i.cidr();
            }
        }
        throw new IllegalStateException(ip.hostName() + " has no address on its LAN interface " + lan.name());
    }

    private static Endpoint remoteOf(IpProtocol protocol, Ipv4Address address, int port) {
        return new Endpoint(address, protocol == IpProtocol.ICMP ? 0 : port);
    }

    private Ipv4Packet ingress(Ipv4Packet p, Nic nic) {
        Ipv4Address wanAddress = addressOf(wan);
        if ((nic != wan && nic != lan) || wanAddress.isAny() || !NatRewrite.translatable(p)) {
            return p;
        }
        expire();
        IpProtocol protocol = IpProtocol.of(p.protocol());
        int sport = NatRewrite.sourcePort(p);
        int dport = NatRewrite.destinationPort(p);
        Endpoint src = new Endpoint(p.source(), sport);
        Endpoint remote = remoteOf(protocol, p.source(), sport);
        Ipv4Address lanAddress = addressOf(lan);
        if (nic == wan && !p.destination().equals(wanAddress)) {
            return p;
        }
        if (nic == lan && !p.destination().equals(wanAddress) && !p.destination().equals(lanAddress)) {
            return p;
        }
        // Replies to an existing mapping (outbound on the WAN, hairpin on the LAN).
        Mapping m = byOutside.get(new Key(protocol, new Endpoint(p.destination(), dport), remote));
        if (m != null) {
            touch(m, p, false);
            return NatRewrite.rewrite(p, m.publicTarget != null ? m.publicTarget : src, m.inside);
        }
        if (nic == lan && p.destination().equals(lanAddress)) {
            return p; // for the router itself (DHCP, ping, its web page)
        }
        boolean echoRequest = protocol == IpProtocol.ICMP && (p.payload()[0] & 0xff) == 8;
        if (echoRequest && nic == wan) {
            return p; // the router answers pings to its public address itself
        }
        PortForward rule = protocol == IpProtocol.ICMP ? null : forwards.get(ruleKey(protocol, dport));
        if (nic == lan) {
            if (!hairpin) {
                ip.drop(p, "hairpin NAT is off: " + ip.hostName() + " does not send LAN traffic for its public address "
                        + wanAddress + " back into the LAN (use the inside address, or switch hairpin on)");
                return null;
            }
            if (rule == null) {
                ip.drop(p, noRule(protocol, dport, wanAddress));
                return null;
            }
            // Hairpin (RFC 4787 §6): to the inside server, with the router's LAN address as source so the reply returns here.
            Mapping h = byInside.get(new Key(protocol, src, rule.inside()));
            if (h == null) {
                h = map(protocol, src, new Endpoint(lanAddress, allocate(protocol, lanAddress, sport)), rule.inside(),
                        "hairpin");
                h.publicTarget = new Endpoint(wanAddress, dport);
            }
            touch(h, p, true);
            return NatRewrite.rewrite(p, h.outside, h.remote);
        }
        if (rule == null) {
            ip.drop(p, noRule(protocol, dport, wanAddress));
            return null;
        }
        Mapping f = map(protocol, rule.inside(), new Endpoint(wanAddress, dport), remote, "port-forward");
        touch(f, p, false);
        return NatRewrite.rewrite(p, src, rule.inside());
    }

    private String noRule(IpProtocol protocol, int port, Ipv4Address wanAddress) {
        return "no port-forward rule for " + protocol + " " + port + ": " + ip.hostName() + " (" + wanAddress
                + ") drops inbound traffic that no inside host asked for";
    }

    private Ipv4Packet egress(Ipv4Packet p, Nic nic) {
        Ipv4Address wanAddress = addressOf(wan);
        if (nic != wan || wanAddress.isAny() || !NatRewrite.translatable(p) || p.source().equals(wanAddress)) {
            return p;
        }
        Cidr inside = insideNetwork();
        if (!inside.contains(p.source())) {
            return p;
        }
        expire();
        IpProtocol protocol = IpProtocol.of(p.protocol());
        Endpoint src = new Endpoint(p.source(), NatRewrite.sourcePort(p));
        int dport = NatRewrite.destinationPort(p);
        Endpoint remote = remoteOf(protocol, p.destination(), dport);
        Mapping m = byInside.get(new Key(protocol, src, remote));
        if (m == null) {
            m = map(protocol, src, new Endpoint(wanAddress, outsidePortFor(protocol, src, wanAddress)), remote, "outbound");
        }
        touch(m, p, true);
        return NatRewrite.rewrite(p, m.outside, new Endpoint(p.destination(), dport));
    }

    /** RFC 4787 REQ-1: the same inside endpoint keeps its outside port whatever the remote. */
    private int outsidePortFor(IpProtocol protocol, Endpoint src, Ipv4Address wanAddress) {
        for (Mapping m : byInside.values()) {
            if (m.protocol == protocol && m.inside.equals(src) && m.outside.address().equals(wanAddress)
                    && m.kind.equals("outbound")) {
                return m.outside.port();
            }
        }
        return allocate(protocol, wanAddress, src.port());
    }

    private int allocate(IpProtocol protocol, Ipv4Address address, int preferred) {
        if (preferred >= Ports.FIRST_UNPRIVILEGED && free(protocol, address, preferred)) {
            return preferred; // port preservation (RFC 4787 §4.2.1)
        }
        for (int tries = 0; tries <= Ports.EPHEMERAL_LAST - Ports.EPHEMERAL_FIRST; tries++) {
            int port = nextPort;
            nextPort = nextPort == Ports.EPHEMERAL_LAST ? Ports.EPHEMERAL_FIRST : nextPort + 1;
            if (free(protocol, address, port)) {
                return port;
            }
        }
        throw new IllegalStateException(ip.hostName() + ": every outside " + protocol + " port is in use");
    }

    private boolean free(IpProtocol protocol, Ipv4Address address, int port) {
        if (forwards.containsKey(ruleKey(protocol, port))) {
            return false;
        }
        for (Mapping m : byInside.values()) {
            if (m.protocol == protocol && m.outside.address().equals(address) && m.outside.port() == port) {
                return false;
            }
        }
        return true;
    }

    private Mapping map(IpProtocol protocol, Endpoint inside, Endpoint outside, Endpoint remote, String kind) {
        Mapping m = new Mapping();
        m.protocol = protocol;
        m.inside = inside;
        m.outside = outside;
        m.remote = remote;
        m.kind = kind;
        byInside.put(new Key(protocol, inside, remote), m);
        byOutside.put(new Key(protocol, outside, remote), m);
        return m;
    }

    /** Records use and follows TCP's state from the flags (RFC 5382 §5 needs to know open from closing). */
    private void touch(Mapping m, Ipv4Packet p, boolean outbound) {
        m.lastUsed = sim.now();
        if (m.protocol != IpProtocol.TCP) {
            m.state = m.protocol == IpProtocol.UDP ? "ACTIVE" : "ECHO";
            return;
        }
        int flags = NatRewrite.tcpFlags(p);
        boolean syn = (flags & 0x02) != 0;
        boolean ack = (flags & 0x10) != 0;
        if ((flags & 0x04) != 0) {
            m.state = "CLOSED";
        } else if ((flags & 0x01) != 0) {
            m.finOut |= outbound;
            m.finIn |= !outbound;
            m.state = m.finOut && m.finIn ? "CLOSING" : "FIN_WAIT";
        } else if (syn && !ack) {
            m.state = "SYN_SENT";
        } else if (syn) {
            m.state = "SYN_RECEIVED";
        } else if (ack && ("SYN_RECEIVED".equals(m.state) || "-".equals(m.state))) {
            m.state = "ESTABLISHED";
        }
    }
}
