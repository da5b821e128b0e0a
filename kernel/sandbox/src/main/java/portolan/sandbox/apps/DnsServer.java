package portolan.sandbox.apps;

import java.io.IOException;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import portolan.sandbox.Host;
import portolan.sandbox.TextTable;
import portolan.sandbox.UdpSocket;
import portolan.sandbox.stack.UdpEndpoint;
import portolan.sandbox.wire.DnsMessage;
import portolan.sandbox.wire.DnsQuestion;
import portolan.sandbox.wire.DnsRecord;
import portolan.sandbox.wire.Ipv4Address;
import portolan.sandbox.wire.MalformedPacketException;

/**
 * A DnsServer is an authoritative name server on a host: it holds A and CNAME records and answers
 * real DNS queries on UDP port 53 (RFC 1035 §4), with NXDOMAIN for names it does not have.
 *
 * <pre>{@code
 * var dns = DnsServer.start(ns);             // privileged daemon "named" on UDP 53
 * dns.add("opentutorials.org", "1.2.3.4");   // an A record
 * dns.add("www.opentutorials.org", "opentutorials.org");   // a CNAME (the value is a name)
 * }</pre>
 */
public final class DnsServer {
    /** Default time to live of added records, in seconds. */
    public static final long DEFAULT_TTL = 300;

    /** One record as a plain row, for tables and pictures. */
    public record Row(String name, String type, String value, long ttl) {
    }

    private final Host host;
    private final Map<String, List<DnsRecord>> zone = new TreeMap<>();
    private long ttl = DEFAULT_TTL;
    private long queries;
    private long nxdomains;

    private DnsServer(Host host) {
        this.host = host;
    }

    /** Starts a DNS server (process "named", privileged) on UDP port 53 of {@code host}. */
    public static DnsServer start(Host host) throws IOException {
        DnsServer server = new DnsServer(host);
        Daemon.start(host, "named", () -> host.udpSocket(DnsMessage.PORT), server::serve);
        return server;
    }

    /** The TTL (seconds) given to records added from now on. */
    public DnsServer ttl(long seconds) {
        if (seconds < 0 || seconds > 0x7fffffffL) {
            throw new IllegalArgumentException("a DNS TTL is 0 to 2147483647 seconds, not " + seconds);
        }
        ttl = seconds;
        return this;
    }

    /**
     * Adds a record: an A record when {@code value} is an IPv4 address ("1.2.3.4"), else a CNAME
     * (an alias: "www.example.com" → "example.com").
     */
    public DnsServer add(String name, String value) {
        String owner = normalize(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("give " + name + " a value: an IPv4 address (an A record) or a name "
                    + "(a CNAME record)");
        }
        DnsRecord record;
        if (value.matches("[0-9.]+")) {
            record = DnsRecord.a(owner, ttl, Ipv4Address.parse(value));
        } else {
            List<DnsRecord> existing = zone.getOrDefault(owner, List.of());
            if (!existing.isEmpty()) {
                throw new IllegalArgumentException(owner + " already has records " + existing + "; a CNAME cannot "
                        + "share its name with other records (RFC 1034 §3.6.2)");
            }
            record = DnsRecord.cname(owner, ttl, normalize(value));
        }
        List<DnsRecord> list = zone.computeIfAbsent(owner, n -> new ArrayList<>());
        if (list.stream().anyMatch(r -> r.type() == DnsRecord.CNAME)) {
            throw new IllegalArgumentException(owner + " is an alias (" + list.get(0) + "); remove it before adding "
                    + "addresses, a CNAME cannot share its name with other records (RFC 1034 §3.6.2)");
        }
        list.add(record);
        return this;
    }

    /** Removes every record of {@code name}; true if there were some. */
    public boolean remove(String name) {
        return zone.remove(normalize(name)) != null;
    }

    /** Replaces the A records of {@code name} by one pointing at {@code address} (what dynamic DNS does). */
    public DnsServer update(String name, String address) {
        zone.remove(normalize(name));
        return add(name, address);
    }

    static String normalize(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a DNS name cannot be empty; write one like \"example.com\"");
        }
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    /** The answer to {@code query}: A records (after CNAMEs inside this zone) or NXDOMAIN. */
    public DnsMessage answer(DnsMessage query) {
        if (query.questions().size() != 1 || query.opcode() != 0) {
            return DnsMessage.response(query, true, DnsMessage.NOTIMP, List.of(), List.of());
        }
        DnsQuestion q = query.questions().get(0);
        String name = normalize(q.name());
        List<DnsRecord> answers = new ArrayList<>();
        for (int hops = 0; hops < 8; hops++) {
            List<DnsRecord> records = zone.get(name);
            if (records == null) {
                // RFC 1034 §4.3.2: a name that does not exist at all is NXDOMAIN, even at the end of a CNAME chain
                return DnsMessage.response(query, true, answers.isEmpty() ? DnsMessage.NXDOMAIN : DnsMessage.NOERROR,
                        answers, List.of());
            }
            DnsRecord first = records.get(0);
            if (first.type() == DnsRecord.CNAME && q.type() != DnsRecord.CNAME) {
                answers.add(first);
                name = ((DnsRecord.Name) first.data()).target();
                continue;
            }
            records.stream().filter(r -> r.type() == q.type()).forEach(answers::add);
            break;
        }
        return DnsMessage.response(query, true, DnsMessage.NOERROR, answers, List.of());
    }

    private void serve(UdpSocket socket) throws IOException {
        while (true) {
            UdpEndpoint.Datagram d;
            try {
                d = socket.receive();
            } catch (SocketException closed) {
                return;
            }
            DnsMessage reply;
            try {
                DnsMessage query = DnsMessage.parse(d.data());
                if (query.isResponse()) {
                    continue;
                }
                queries++;
                reply = answer(query);
                if (reply.rcode() == DnsMessage.NXDOMAIN) {
                    nxdomains++;
                }
            } catch (MalformedPacketException | IllegalArgumentException e) {
                continue; // RFC 1035 §4.1.1 would allow FORMERR, but without a readable id there is nobody to tell
            }
            socket.send(reply.toBytes(), d.source().address(), d.source().port());
        }
    }

    /** The host this server runs on. */
    public Host host() {
        return host;
    }

    /** How many queries were answered, and how many of them with NXDOMAIN. */
    public long queries() {
        return queries;
    }

    public long nxdomains() {
        return nxdomains;
    }

    /** Every record, sorted by name. */
    public List<Row> records() {
        List<Row> rows = new ArrayList<>();
        zone.values().forEach(list -> list.forEach(r -> rows.add(new Row(r.name(), DnsRecord.typeName(r.type()),
                r.data() instanceof DnsRecord.Address a ? a.address().toString()
                        : ((DnsRecord.Name) r.data()).target(), r.ttl()))));
        return rows;
    }

    /** The zone as a table: NAME, TYPE, VALUE, TTL. */
    @Override
    public String toString() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAME", "TYPE", "VALUE", "TTL"});
        records().forEach(r -> rows.add(new String[] {r.name(), r.type(), r.value(), r.ttl() + " s"}));
        return "DNS server on " + host.name() + " (" + host.ip() + ":53), " + zone.size() + " name(s), " + queries
                + " queries answered\n" + TextTable.render(rows);
    }
}
