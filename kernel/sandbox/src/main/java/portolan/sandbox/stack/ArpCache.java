package portolan.sandbox.stack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import portolan.sandbox.sim.SimTime;
import portolan.sandbox.sim.Simulator;
import portolan.sandbox.text.Table;
import portolan.sandbox.wire.ArpPacket;
import portolan.sandbox.wire.EthernetFrame;
import portolan.sandbox.wire.Ipv4Address;
import portolan.sandbox.wire.Ipv4Packet;
import portolan.sandbox.wire.MacAddress;

/**
 * An ArpCache is a node's table of IPv4-to-MAC mappings learned with ARP (RFC 826), each valid
 * for a limited virtual time. A packet for an address not in the table waits in a small queue
 * while the cache broadcasts "who-has" requests (up to {@link #MAX_REQUESTS}, one second apart);
 * when no one answers, the queued packets are given back as unresolvable.
 */
public final class ArpCache {
    /** How long a learned mapping stays valid (Windows and many routers use about a minute). */
    public static final long DEFAULT_TIMEOUT = 60 * SimTime.SECOND;
    /** Requests sent before giving up (Linux: mcast_solicit = 3). */
    public static final int MAX_REQUESTS = 3;
    /** Time between requests. */
    public static final long RETRY_INTERVAL = SimTime.SECOND;
    /** Packets held per unresolved address (Linux keeps a few; more are dropped). */
    public static final int QUEUE_LIMIT = 16;

    /** What to do with packets whose next hop never answered, or that found the queue full. */
    public interface Unresolved {
        /**
         * {@code packet} will not be sent; {@code unreachable} is true when nobody answered (the host
         * is unreachable) and false when it only found the queue full (Linux drops it silently).
         */
        void failed(Ipv4Packet packet, Nic nic, Ipv4Address nextHop, String reason, boolean unreachable);
    }

    /** One mapping. */
    public record Entry(Ipv4Address ip, MacAddress mac, Nic nic, long expires) {
    }

    private record Held(Ipv4Packet packet, boolean forwarded) {
    }

    private final class Pending {
        final Nic nic;
        final Ipv4Address source;
        final List<Held> queue = new ArrayList<>();
        int requests;

        Pending(Nic nic, Ipv4Address source) {
            this.nic = nic;
            this.source = source;
        }
    }

    private final String node;
    private final Simulator sim;
    private final Unresolved unresolved;
    private final Map<Ipv4Address, Entry> entries = new LinkedHashMap<>();
    private final Map<Ipv4Address, Pending> pending = new LinkedHashMap<>();
    private long timeout = DEFAULT_TIMEOUT;

    public ArpCache(String node, Simulator sim, Unresolved unresolved) {
        this.node = node;
        this.sim = sim;
        this.unresolved = unresolved;
    }

    /** Sets how long learned mappings stay valid. */
    public ArpCache timeout(long nanos) {
        if (nanos <= 0) {
            throw new IllegalArgumentException(node + ": the ARP cache timeout must be positive, not " + nanos + " ns");
        }
        timeout = nanos;
        return this;
    }

    /** The MAC for {@code ip} if known and not expired, else null. */
    public MacAddress lookup(Ipv4Address ip) {
        Entry e = entries.get(ip);
        if (e == null) {
            return null;
        }
        if (sim.now() >= e.expires) {
            entries.remove(ip);
            return null;
        }
        return e.mac;
    }

    /** Valid entries, in learning order. */
    public List<Entry> entries() {
        long now = sim.now();
        entries.values().removeIf(e -> now >= e.expires);
        return List.copyOf(entries.values());
    }

    /** Forgets every mapping (like {@code ip neigh flush all}). */
    public void clear() {
        entries.clear();
    }

    /**
     * Sends {@code packet} in a frame to {@code nextHop} out of {@code nic}: at once if the MAC is
     * known, otherwise after ARP resolves it.
     */
    public void send(Nic nic, Ipv4Address source, Ipv4Address nextHop, Ipv4Packet packet, boolean forwarded) {
        MacAddress mac = nextHop.isBroadcast() ? MacAddress.BROADCAST : lookup(nextHop);
        if (mac != null) {
            transmit(nic, mac, packet, forwarded);
            return;
        }
        Pending p = pending.get(nextHop);
        if (p == null) {
            p = new Pending(nic, source);
            pending.put(nextHop, p);
            request(nextHop, p);
        }
        if (p.queue.size() >= QUEUE_LIMIT) {
            unresolved.failed(packet, nic, nextHop, "ARP queue for " + nextHop + " on " + nic.place() + " is full ("
                    + QUEUE_LIMIT + " packets wait for an answer)", false);
            return;
        }
        p.queue.add(new Held(packet, forwarded));
    }

    private void request(Ipv4Address target, Pending p) {
        p.requests++;
        ArpPacket who = ArpPacket.request(p.nic.mac(), p.source, target);
        p.nic.send(new EthernetFrame(MacAddress.BROADCAST, p.nic.mac(), EthernetFrame.ETHERTYPE_ARP, who.toBytes()));
        sim.schedule(RETRY_INTERVAL, node + ": ARP retry for " + target, () -> retry(target, p));
    }

    private void retry(Ipv4Address target, Pending p) {
        if (pending.get(target) != p) {
            return; // answered meanwhile
        }
        if (p.requests < MAX_REQUESTS) {
            request(target, p);
            return;
        }
        pending.remove(target);
        String reason = "no ARP reply from " + target + " after " + MAX_REQUESTS + " requests on " + p.nic.place()
                + ": nothing on that link has this address (host unreachable)";
        for (Held h : p.queue) {
            unresolved.failed(h.packet, p.nic, target, reason, true);
        }
    }

    /**
     * Handles an ARP packet that arrived on {@code nic} whose address there is {@code myIp}
     * (null when the interface has none): RFC 826's merge rule, reply to requests for us, and
     * release the packets waiting for the sender.
     */
    public void receive(Nic nic, ArpPacket arp, Ipv4Address myIp) {
        Ipv4Address sender = arp.senderIp();
        boolean forMe = myIp != null && arp.targetIp().equals(myIp);
        // RFC 826 "Packet reception": update an existing entry; add one only if we are the target.
        if (!sender.isAny() && (entries.containsKey(sender) || forMe)) {
            entries.put(sender, new Entry(sender, arp.senderMac(), nic, sim.now() + timeout));
        }
        if (forMe && arp.isRequest()) {
            ArpPacket reply = ArpPacket.replyTo(arp, nic.mac());
            nic.send(new EthernetFrame(arp.senderMac(), nic.mac(), EthernetFrame.ETHERTYPE_ARP, reply.toBytes()));
        }
        Pending p = pending.get(sender);
        if (p != null && entries.containsKey(sender)) {
            pending.remove(sender);
            for (Held h : p.queue) {
                transmit(p.nic, arp.senderMac(), h.packet, h.forwarded);
            }
        }
    }

    private static void transmit(Nic nic, MacAddress mac, Ipv4Packet packet, boolean forwarded) {
        nic.send(mac, packet, forwarded);
    }

    /** The cache as a table: address, MAC, interface, time left; addresses being resolved show "(incomplete)". */
    public Table table() {
        List<List<String>> rows = new ArrayList<>();
        long now = sim.now();
        for (Entry e : entries()) {
            rows.add(List.of(e.ip.toString(), e.mac.toString(), e.nic.name(), SimTime.format(e.expires - now)));
        }
        for (Map.Entry<Ipv4Address, Pending> p : pending.entrySet()) {
            rows.add(List.of(p.getKey().toString(), "(incomplete)", p.getValue().nic.name(),
                    p.getValue().queue.size() + " packet(s) waiting"));
        }
        return new Table("ARP cache of " + node, List.of("address", "MAC address", "interface", "expires in"), rows);
    }

    /** The table as HTML, for notebooks. */
    public String toHtml() {
        return table().toHtml();
    }

    /** Like {@code arp -a}: address, MAC, interface, time left. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("ARP cache of " + node + "\n");
        s.append(String.format("%-15s  %-17s  %-6s  %s%n", "Address", "MAC address", "Iface", "expires in"));
        long now = sim.now();
        for (Entry e : entries()) {
            s.append(String.format("%-15s  %-17s  %-6s  %s%n", e.ip, e.mac, e.nic.name(), SimTime.format(e.expires - now)));
        }
        for (Map.Entry<Ipv4Address, Pending> p : pending.entrySet()) {
            s.append(String.format("%-15s  %-17s  %-6s  %s%n", p.getKey(), "(incomplete)", p.getValue().nic.name(),
                    p.getValue().queue.size() + " packet(s) waiting"));
        }
        return s.toString();
    }
}
