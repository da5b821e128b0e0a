package portolan.sandbox.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * A DnsMessage is a Domain Name System query or response (RFC 1035 §4.1): a 12-byte header
 * (id, flags, four counts) and four sections: questions, answers, authority records and
 * additional records. It travels in UDP to and from port 53.
 *
 * <p>The flags are kept as the raw 16-bit word so that bits the sandbox does not interpret
 * (such as AD and CD from RFC 4035) survive a round trip; accessors read the parts. Names
 * are compressed on output (RFC 1035 §4.1.4) and decompressed on input.
 *
 * @param id chosen by the client and copied into the response, so it can match them
 * @param flags QR, opcode, AA, TC, RD, RA, Z bits and RCODE as on the wire
 */
public record DnsMessage(int id, int flags, List<DnsQuestion> questions, List<DnsRecord> answers,
        List<DnsRecord> authorities, List<DnsRecord> additionals) {
    public static final int PORT = 53;
    public static final int QR = 0x8000;
    public static final int AA = 0x0400;
    public static final int TC = 0x0200;
    public static final int RD = 0x0100;
    public static final int RA = 0x0080;
    public static final int NOERROR = 0;
    public static final int FORMERR = 1;
    public static final int SERVFAIL = 2;
    public static final int NXDOMAIN = 3;
    public static final int NOTIMP = 4;
    public static final int REFUSED = 5;
    private static final int HEADER = 12;

    public DnsMessage {
        Bytes.requireRange("the DNS id", id, 0, 0xffff);
        Bytes.requireRange("the DNS flags", flags, 0, 0xffff);
        questions = List.copyOf(questions);
        answers = List.copyOf(answers);
        authorities = List.copyOf(authorities);
        additionals = List.copyOf(additionals);
    }

    /** A standard query asking for recursion, as a stub resolver sends it. */
    public static DnsMessage query(int id, String name, int type) {
        return new DnsMessage(id, RD, List.of(DnsQuestion.of(name, type)), List.of(), List.of(), List.of());
    }

    /**
     * The response to {@code query}: same id, opcode, RD and questions, QR set, RA set (the
     * sandbox's servers recurse), AA when {@code authoritative}.
     */
    public static DnsMessage response(DnsMessage query, boolean authoritative, int rcode, List<DnsRecord> answers,
            List<DnsRecord> authorities) {
        Bytes.requireRange("the RCODE", rcode, 0, 15);
        int flags = QR | (query.flags & 0x7800) | (query.flags & RD) | RA | (authoritative ? AA : 0) | rcode;
        return new DnsMessage(query.id, flags, query.questions, answers, authorities, List.of());
    }

    public boolean isResponse() {
        return (flags & QR) != 0;
    }

    /** 0 for a standard query. */
    public int opcode() {
        return flags >>> 11 & 0xf;
    }

    public boolean authoritative() {
        return (flags & AA) != 0;
    }

    public boolean truncated() {
        return (flags & TC) != 0;
    }

    public boolean recursionDesired() {
        return (flags & RD) != 0;
    }

    public boolean recursionAvailable() {
        return (flags & RA) != 0;
    }

    public int rcode() {
        return flags & 0xf;
    }

    /** e.g. "NXDOMAIN" (RFC 1035 §4.1.1). */
    public static String rcodeName(int rcode) {
        return switch (rcode) {
            case NOERROR -> "NOERROR";
            case FORMERR -> "FORMERR";
            case SERVFAIL -> "SERVFAIL";
            case NXDOMAIN -> "NXDOMAIN";
            case NOTIMP -> "NOTIMP";
            case REFUSED -> "REFUSED";
            default -> "RCODE" + rcode;
        };
    }

    /**
     * Parses a DNS message (the UDP payload).
     *
     * @throws MalformedPacketException naming "length" or the section entry at fault, e.g. "answer 2"
     */
    public static DnsMessage parse(byte[] b) {
        Bytes.requireLength(b, HEADER, "DNS message", "length");
        int[] counts = {Bytes.u16(b, 4), Bytes.u16(b, 6), Bytes.u16(b, 8), Bytes.u16(b, 10)};
        int at = HEADER;
        List<DnsQuestion> questions = new ArrayList<>();
        for (int i = 1; i <= counts[0]; i++) {
            DnsCodec.Reader r = new DnsCodec.Reader(b, at, "question " + i);
            questions.add(new DnsQuestion(r.name(), r.u16("the type"), r.u16("the class")));
            at = r.at;
        }
        List<List<DnsRecord>> sections = new ArrayList<>();
        String[] names = {"answer", "authority record", "additional record"};
        for (int s = 0; s < 3; s++) {
            List<DnsRecord> records = new ArrayList<>();
            for (int i = 1; i <= counts[s + 1]; i++) {
                DnsCodec.Reader r = new DnsCodec.Reader(b, at, names[s] + " " + i);
                records.add(readRecord(r, names[s] + " " + i));
                at = r.at;
            }
            sections.add(records);
        }
        return new DnsMessage(Bytes.u16(b, 0), Bytes.u16(b, 2), questions, sections.get(0), sections.get(1),
                sections.get(2));
    }

    private static DnsRecord readRecord(DnsCodec.Reader r, String where) {
        String name = r.name();
        int type = r.u16("the type");
        int dnsClass = r.u16("the class");
        long ttl = r.u32("the TTL");
        int length = r.u16("RDLENGTH");
        int start = r.at;
        byte[] raw = r.bytes(length, "the record data");
        DnsRecord.Data data;
        DnsCodec.Reader inner = new DnsCodec.Reader(java.util.Arrays.copyOf(r.b, start + length), start, where);
        switch (type) {
            case DnsRecord.A -> {
                if (length != 4) {
                    throw new MalformedPacketException(where, "DNS " + where + " is an A record with " + length
                            + " bytes of data, but an IPv4 address is 4 bytes");
                }
                data = new DnsRecord.Address(Ipv4Address.of(raw));
            }
            case DnsRecord.CNAME, DnsRecord.NS, DnsRecord.PTR -> data = new DnsRecord.Name(inner.name());
            case DnsRecord.SOA -> data = new DnsRecord.Soa(inner.name(), inner.name(), inner.u32("serial"),
                    inner.u32("refresh"), inner.u32("retry"), inner.u32("expire"), inner.u32("minimum"));
            default -> data = new DnsRecord.Raw(raw);
        }
        if (data instanceof DnsRecord.Raw || type == DnsRecord.A || inner.at == start + length) {
            return new DnsRecord(name, type, dnsClass, ttl, data);
        }
        throw new MalformedPacketException(where, "DNS " + where + " has RDLENGTH " + length + " but its "
                + DnsRecord.typeName(type) + " data takes " + (inner.at - start) + " bytes");
    }

    /** The message as sent, with names compressed. */
    public byte[] toBytes() {
        DnsCodec.Writer w = new DnsCodec.Writer();
        w.u16(id);
        w.u16(flags);
        for (int count : new int[] {questions.size(), answers.size(), authorities.size(), additionals.size()}) {
            w.u16(count);
        }
        for (DnsQuestion q : questions) {
            w.name(q.name());
            w.u16(q.type());
            w.u16(q.dnsClass());
        }
        for (List<DnsRecord> section : List.of(answers, authorities, additionals)) {
            section.forEach(rr -> writeRecord(w, rr));
        }
        return w.toBytes();
    }

    private static void writeRecord(DnsCodec.Writer w, DnsRecord rr) {
        w.name(rr.name());
        w.u16(rr.type());
        w.u16(rr.dnsClass());
        w.u32(rr.ttl());
        int lengthAt = w.size();
        w.u16(0);
        DnsRecord.Data data = rr.data();
        if (data instanceof DnsRecord.Address a) {
            w.bytes(a.address().toBytes());
        } else if (data instanceof DnsRecord.Name n) {
            w.name(n.target());
        } else if (data instanceof DnsRecord.Soa s) {
            w.name(s.mname());
            w.name(s.rname());
            for (long v : new long[] {s.serial(), s.refresh(), s.retry(), s.expire(), s.minimum()}) {
                w.u32(v);
            }
        } else {
            w.bytes(((DnsRecord.Raw) data).bytes());
        }
        w.u16At(lengthAt, w.size() - lengthAt - 2);
    }

    /**
     * tcpdump style, e.g. {@code DNS query 0x1a2b A? www.example.com} or
     * {@code DNS response 0x1a2b NOERROR A? www.example.com: www.example.com 300 CNAME example.com, ...}.
     */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("DNS ").append(isResponse() ? "response" : "query").append(" 0x")
                .append(String.format("%04x", id));
        if (isResponse()) {
            s.append(' ').append(rcodeName(rcode()));
        }
        questions.forEach(q -> s.append(' ').append(q));
        if (!answers.isEmpty() || !authorities.isEmpty()) {
            StringJoiner j = new StringJoiner(", ", ": ", "");
            answers.forEach(a -> j.add(a.toString()));
            authorities.forEach(a -> j.add("authority " + a));
            s.append(j);
        }
        return s.toString();
    }
}
