package portolan.sandbox.wire;

/**
 * A DnsQuestion is an entry of a DNS message's question section (RFC 1035 §4.1.2): the name
 * asked about and the record type wanted, e.g. "A records of www.example.com".
 *
 * @param name a domain name without the trailing dot, e.g. "www.example.com"; "" is the root
 * @param type a record type such as {@link DnsRecord#A}
 * @param dnsClass almost always {@link DnsRecord#IN} (Internet)
 */
public record DnsQuestion(String name, int type, int dnsClass) {
    public DnsQuestion {
        name = DnsCodec.checkName(name);
        Bytes.requireRange("the question type", type, 0, 0xffff);
        Bytes.requireRange("the question class", dnsClass, 0, 0xffff);
    }

    /** An Internet-class question. */
    public static DnsQuestion of(String name, int type) {
        return new DnsQuestion(name, type, DnsRecord.IN);
    }

    /** e.g. {@code A? www.example.com}. */
    @Override
    public String toString() {
        return DnsRecord.typeName(type) + "? " + (name.isEmpty() ? "." : name);
    }
}
