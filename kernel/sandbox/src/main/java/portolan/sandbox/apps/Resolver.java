package portolan.sandbox.apps;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import portolan.sandbox.Host;
import portolan.sandbox.TextTable;
import portolan.sandbox.UdpSocket;
import portolan.sandbox.sim.RandomStream;
import portolan.sandbox.sim.SimTime;
import portolan.sandbox.stack.UdpEndpoint;
import portolan.sandbox.wire.DnsMessage;
import portolan.sandbox.wire.DnsRecord;
import portolan.sandbox.wire.Ipv4Address;
import portolan.sandbox.wire.MalformedPacketException;

/**
 * A Resolver is a host's stub resolver: it turns a name into an IPv4 address by sending a real DNS
 * query over UDP to the configured server (RFC 1035 §7), follows CNAMEs in the answer, and caches
 * what it learned for the record's TTL in virtual time.
 */
public final class Resolver {
    /** How long to wait for each answer, and how often to ask. */
    public static final long TIMEOUT_NANOS = 2 * SimTime.SECOND;
    public static final int ATTEMPTS = 2;

    /** One cache entry as a plain row. */
    public record CacheRow(String name, String address, String expires) {
    }

    private record Cached(Ipv4Address address, long expiresAt, Ipv4Address server) {
    }

    /** The outcome of one lookup: the address, which server said so (or the cache), and the CNAME chain. */
    public record Lookup(String name, Ipv4Address address, Ipv4Address server, boolean fromCache, List<String> chain) {
        @Override
        public String toString() {
            return name + " → " + (chain.isEmpty() ? "" : String.join(" → ", chain) + " → ") + address + (fromCache
                    ? " (from the cache)" : " (answered by DNS server " + server + ")");
        }
    }

    private final Host host;
    private final RandomStream ids;
    private final List<Ipv4Address> servers = new ArrayList<>();
    private final Map<String, Cached> cache = new TreeMap<>();
    private long queriesSent;

    private final Supplier<List<Ipv4Address>> fromDhcp;

    /** A resolver of {@code host}; {@code fromDhcp} gives the servers DHCP option 6 offered, used when none are set. */
    public Resolver(Host host, Supplier<List<Ipv4Address>> fromDhcp) {
        this.host = host;
        this.fromDhcp = fromDhcp;
        this.ids = host.network().simulator().random("dns ids " + host.name());
    }

    /** Sets the DNS servers to ask, in order (what DHCP option 6 or /etc/resolv.conf gives). */
    public Resolver servers(String... addresses) {
        servers.clear();
        for (String a : addresses) {
            servers.add(Ipv4Address.parse(a));
        }
        return this;
    }

    /** The servers asked: those set with {@link #servers(String...)}, else those DHCP gave. */
    public List<Ipv4Address> servers() {
        return servers.isEmpty() ? List.copyOf(fromDhcp.get()) : List.copyOf(servers);
    }

    /** The address of {@code name}; an IPv4 literal is returned as it is, without DNS. */
    public Ipv4Address resolve(String name) throws UnknownHostException {
        return lookup(name).address();
    }

    /** Resolves {@code name} and says how. */
    public Lookup lookup(String name) throws UnknownHostException {
        if (name == null || name.isBlank()) {
            throw new UnknownHostException("host " + host.name() + ": cannot resolve an empty name");
        }
        if (name.matches("[0-9.]+")) {
            try {
                return new Lookup(name, Ipv4Address.parse(name), null, true, List.of());
            } catch (IllegalArgumentException e) {
                throw new UnknownHostException(name + " looks like an IPv4 address but is not one: " + e.getMessage());
            }
        }
        String key = DnsServer.normalize(name);
        long now = host.network().now();
        Cached c = cache.get(key);
        if (c != null && c.expiresAt > now) {
            return new Lookup(name, c.address, c.server, true, List.of());
        }
        cache.remove(key);
        List<Ipv4Address> asked = servers();
        if (asked.isEmpty()) {
            throw new UnknownHostException("no DNS server configured on host " + host.name() + ", so \"" + name
                    + "\" cannot be turned into an address; set one with " + host.name() + ".dns(\"8.8.8.8\") or get "
                    + "one from DHCP");
        }
        List<String> problems = new ArrayList<>();
        for (Ipv4Address server : asked) {
            DnsMessage reply = ask(server, key, problems);
            if (reply == null) {
                continue;
            }
            if (reply.rcode() == DnsMessage.NXDOMAIN) {
                throw new UnknownHostException(name + ": no such name (NXDOMAIN) from " + server);
            }
            if (reply.rcode() != DnsMessage.NOERROR) {
                problems.add(server + " answered " + DnsMessage.rcodeName(reply.rcode()));
                continue;
            }
            List<String> chain = new ArrayList<>();
            String current = key;
            long ttl = Long.MAX_VALUE;
            for (DnsRecord r : reply.answers()) {
                if (!DnsServer.normalize(r.name()).equals(current)) {
                    continue;
                }
                ttl = Math.min(ttl, r.ttl());
                if (r.type() == DnsRecord.CNAME) {
                    current = DnsServer.normalize(((DnsRecord.Name) r.data()).target());
                    chain.add(current);
                } else if (r.type() == DnsRecord.A) {
                    Ipv4Address address = ((DnsRecord.Address) r.data()).address();
                    cache.put(key, new Cached(address, now + Math.min(ttl, 0x7fffffffL) * SimTime.SECOND, server));
                    return new Lookup(name, address, server, false, chain);
                }
            }
            throw new UnknownHostException(name + ": " + server + " knows the name but has no IPv4 address (A record) "
                    + "for it" + (chain.isEmpty() ? "" : " (it is an alias of " + String.join(" → ", chain) + ")"));
        }
        throw new UnknownHostException(name + ": no DNS server answered host " + host.name() + ": "
                + String.join("; ", problems));
    }

    private DnsMessage ask(Ipv4Address server, String name, List<String> problems) {
        try (UdpSocket socket = host.udpSocket(0)) {
            socket.setSoTimeout((int) (TIMEOUT_NANOS / SimTime.MILLISECOND));
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                int id = ids.nextInt(0x10000);
                socket.send(DnsMessage.query(id, name, DnsRecord.A).toBytes(), server, DnsMessage.PORT);
                queriesSent++;
                try {
                    while (true) {
                        UdpEndpoint.Datagram d = socket.receive();
                        try {
                            DnsMessage m = DnsMessage.parse(d.data());
                            // RFC 5452 §9.1: accept only the answer to our id, from the server we asked
                            if (m.isResponse() && m.id() == id && d.source().address().equals(server)) {
                                return m;
                            }
                        } catch (MalformedPacketException | IllegalArgumentException ignored) {
                            // not a DNS answer: keep waiting
                        }
                    }
                } catch (SocketTimeoutException timeout) {
                    if (attempt == ATTEMPTS) {
                        problems.add(server + " did not answer within " + SimTime.format(TIMEOUT_NANOS) + " ("
                                + ATTEMPTS + " tries); is a DNS server running there and reachable? see net.trace()");
                    }
                }
            }
        } catch (IOException e) {
            problems.add("asking " + server + " failed: " + e.getMessage());
        }
        return null;
    }

    /** Forgets every cached answer (like restarting the resolver). */
    public void flush() {
        cache.clear();
    }

    /** How many queries this resolver has sent. */
    public long queriesSent() {
        return queriesSent;
    }

    /** Cached answers still valid now. */
    public List<CacheRow> cache() {
        long now = host.network().now();
        List<CacheRow> rows = new ArrayList<>();
        cache.forEach((name, c) -> {
            if (c.expiresAt > now) {
                rows.add(new CacheRow(name, c.address.toString(), SimTime.format(c.expiresAt)));
            }
        });
        return rows;
    }

    @Override
    public String toString() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAME", "ADDRESS", "EXPIRES AT"});
        cache().forEach(r -> rows.add(new String[] {r.name(), r.address(), r.expires()}));
        return "resolver of " + host.name() + ", servers " + servers() + "\n" + TextTable.render(rows);
    }
}
