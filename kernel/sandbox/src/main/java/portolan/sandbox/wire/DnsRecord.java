package portolan.sandbox.wire;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A DnsRecord is a resource record (RFC 1035 §3.2, §4.1.3): a name, a type, a class, a time to
 * live in seconds and type-specific data. A, CNAME, NS, PTR and SOA data are decoded (names
 * inside them may be compressed on the wire); other types keep their raw bytes.
 *
 * @param data must match the type: {@link A} for A, {@link Name} for CNAME/NS/PTR,
 *        {@link Soa} for SOA, {@link Raw} for anything else
 */
public record DnsRecord(String name, int type, int dnsClass, long ttl, DnsRecord.Data data) {
    public static final int A = 1;
    public static final int NS = 2;
    public static final int CNAME = 5;
    public static final int SOA = 6;
    public static final int PTR = 12;
    public static final int MX = 15;
    public static final int TXT = 16;
    public static final int AAAA = 28;
    public static final int IN = 1;

    /** Type-specific record data. */
    public sealed interface Data permits Address, Name, Soa, Raw {
    }

    /** An A record's IPv4 address. */
    public record Address(Ipv4Address address) implements Data {
    }

    /** The domain name a CNAME, NS or PTR record points to. */
    public record Name(String target) implements Data {
        public Name {
            target = DnsCodec.checkName(target);
        }
    }

    /**
     * Start of a zone of authority (RFC 1035 §3.3.13); {@code minimum} is also how long
     * resolvers cache a "no such name" answer (RFC 2308 §5).
     */
    public record Soa(String mname, String rname, long serial, long refresh, long retry, long expire, long minimum)
            implements Data {
        public Soa {
            mname = DnsCodec.checkName(mname);
            rname = DnsCodec.checkName(rname);
            for (long v : new long[] {serial, refresh, retry, expire, minimum}) {
                Bytes.requireRange("an SOA number", v, 0, 0xffffffffL);
            }
        }
    }

    /** Undecoded data of any other type. */
    public record Raw(byte[] bytes) implements Data {
        public Raw {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Raw r && Arrays.equals(bytes, r.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "0x" + HexFormat.of().formatHex(bytes);
        }
    }

    public DnsRecord {
        name = DnsCodec.checkName(name);
        Bytes.requireRange("the record type", type, 0, 0xffff);
        Bytes.requireRange("the record class", dnsClass, 0, 0xffff);
        Bytes.requireRange("the TTL", ttl, 0, 0xffffffffL);
        boolean matches = switch (type) {
            case A -> data instanceof Address;
            case CNAME, NS, PTR -> data instanceof Name;
            case SOA -> data instanceof Soa;
            default -> data instanceof Raw;
        };
        if (!matches) {
            throw new IllegalArgumentException("a " + typeName(type) + " record cannot hold " + data);
        }
    }

    public static DnsRecord a(String name, long ttl, Ipv4Address address) {
        return new DnsRecord(name, A, IN, ttl, new Address(address));
    }

    public static DnsRecord cname(String name, long ttl, String canonicalName) {
        return new DnsRecord(name, CNAME, IN, ttl, new Name(canonicalName));
    }

    public static DnsRecord ns(String zone, long ttl, String nameServer) {
        return new DnsRecord(zone, NS, IN, ttl, new Name(nameServer));
    }

    public static DnsRecord soa(String zone, long ttl, Soa soa) {
        return new DnsRecord(zone, SOA, IN, ttl, soa);
    }

    /** Mnemonic of a record type, e.g. "CNAME", or "TYPE99". */
    public static String typeName(int type) {
        return switch (type) {
            case A -> "A";
            case NS -> "NS";
            case CNAME -> "CNAME";
            case SOA -> "SOA";
            case PTR -> "PTR";
            case MX -> "MX";
            case TXT -> "TXT";
            case AAAA -> "AAAA";
            default -> "TYPE" + type;
        };
    }

    /** zone-file style, e.g. {@code www.example.com 300 CNAME example.com}. */
    @Override
    public String toString() {
        String value;
        if (data instanceof Address a) {
            value = a.address().toString();
        } else if (data instanceof Name n) {
            value = n.target();
        } else if (data instanceof Soa s) {
            value = s.mname() + " " + s.rname() + " " + s.serial() + " " + s.refresh() + " " + s.retry() + " "
                    + s.expire() + " " + s.minimum();
        } else {
            value = data.toString();
        }
        return (name.isEmpty() ? "." : name) + " " + ttl + " " + typeName(type) + " " + value;
    }
}
