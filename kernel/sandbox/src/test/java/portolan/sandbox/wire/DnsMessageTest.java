package portolan.sandbox.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DnsMessageTest {
    /** "A? www.example.com" with RD set and no EDNS, as {@code dig +noedns} sends it; assembled from RFC 1035 §4.1. */
    static final byte[] QUERY = Hex.bytes("""
            1a2b 0100 0001 0000 0000 0000
            03 777777 07 6578616d706c65 03 636f6d 00 0001 0001""");

    /**
     * The answer: www.example.com CNAME example.com, example.com A 93.184.216.34. Names after
     * the question are compression pointers: c00c is "www.example.com" at offset 12, c010 is
     * "example.com" at offset 16 (RFC 1035 §4.1.4).
     */
    static final byte[] RESPONSE = Hex.bytes("""
            1a2b 8180 0001 0002 0000 0000
            03 777777 07 6578616d706c65 03 636f6d 00 0001 0001
            c00c 0005 0001 0000012c 0002 c010
            c010 0001 0001 00000e10 0004 5db8d822""");

    @Test
    void parsesAQuery() {
        DnsMessage q = DnsMessage.parse(QUERY);
        assertEquals(0x1a2b, q.id());
        assertFalse(q.isResponse());
        assertTrue(q.recursionDesired());
        assertEquals(0, q.opcode());
        assertEquals(List.of(DnsQuestion.of("www.example.com", DnsRecord.A)), q.questions());
        assertEquals("DNS query 0x1a2b A? www.example.com", q.toString());
        assertArrayEquals(QUERY, DnsMessage.query(0x1a2b, "www.example.com", DnsRecord.A).toBytes());
    }

    @Test
    void parsesACompressedResponse() {
        DnsMessage r = DnsMessage.parse(RESPONSE);
        assertTrue(r.isResponse());
        assertTrue(r.recursionAvailable());
        assertFalse(r.authoritative());
        assertEquals(DnsMessage.NOERROR, r.rcode());
        assertEquals(List.of(DnsRecord.cname("www.example.com", 300, "example.com"),
                DnsRecord.a("example.com", 3600, Ipv4Address.parse("93.184.216.34"))), r.answers());
        assertEquals("DNS response 0x1a2b NOERROR A? www.example.com: www.example.com 300 CNAME example.com, "
                + "example.com 3600 A 93.184.216.34", r.toString());
    }

    @Test
    void writesTheSameCompressedBytes() {
        DnsMessage response = DnsMessage.response(DnsMessage.parse(QUERY), false, DnsMessage.NOERROR,
                List.of(DnsRecord.cname("www.example.com", 300, "example.com"),
                        DnsRecord.a("example.com", 3600, Ipv4Address.parse("93.184.216.34"))), List.of());
        assertArrayEquals(RESPONSE, response.toBytes());
    }

    @Test
    void nxdomainWithSoaInAuthority() {
        DnsMessage query = DnsMessage.query(7, "nosuch.example.com", DnsRecord.A);
        DnsRecord soa = DnsRecord.soa("example.com", 3600, new DnsRecord.Soa("ns.example.com", "admin.example.com",
                2024030101L, 7200, 900, 1209600, 300));
        DnsMessage nx = DnsMessage.response(query, true, DnsMessage.NXDOMAIN, List.of(), List.of(soa));
        DnsMessage back = DnsMessage.parse(nx.toBytes());
        assertEquals(nx, back);
        assertEquals(DnsMessage.NXDOMAIN, back.rcode());
        assertTrue(back.authoritative());
        assertEquals("DNS response 0x0007 NXDOMAIN A? nosuch.example.com: authority example.com 3600 SOA ns.example.com "
                + "admin.example.com 2024030101 7200 900 1209600 300", back.toString());
        assertEquals(nx.toBytes().length, back.toBytes().length);
    }

    @Test
    void nsAndUnknownTypesRoundTrip() {
        DnsMessage m = new DnsMessage(1, DnsMessage.QR, List.of(DnsQuestion.of("example.com", DnsRecord.NS)),
                List.of(DnsRecord.ns("example.com", 60, "a.iana-servers.net"), DnsRecord.ns("example.com", 60,
                        "b.iana-servers.net")), List.of(),
                List.of(new DnsRecord("a.iana-servers.net", DnsRecord.AAAA, DnsRecord.IN, 60, new DnsRecord.Raw(
                        Hex.bytes("20010db8000000000000000000000001")))));
        byte[] bytes = m.toBytes();
        assertEquals(m, DnsMessage.parse(bytes));
        assertTrue(Hex.of(bytes).contains("01 62 c0".replace(" ", "")), "b.iana-servers.net reuses iana-servers.net");
    }

    @Test
    void ednsQueryKeepsUnknownFlagsAndTheOptRecord() {
        // What "dig +nocookie www.example.com" sends: RD and AD set (0x0120) and an EDNS(0) OPT
        // pseudo-record (RFC 6891) with root name, type 41, "class" = UDP payload size 1232.
        byte[] dig = Hex.bytes("""
                1a2b 0120 0001 0000 0000 0001
                03 777777 07 6578616d706c65 03 636f6d 00 0001 0001
                00 0029 04d0 00000000 0000""");
        DnsMessage m = DnsMessage.parse(dig);
        assertEquals(0x0120, m.flags());
        assertTrue(m.recursionDesired());
        DnsRecord opt = m.additionals().get(0);
        assertEquals("", opt.name());
        assertEquals(41, opt.type());
        assertEquals(1232, opt.dnsClass());
        assertEquals(". 0 TYPE41 0x", opt.toString());
        assertArrayEquals(dig, m.toBytes());
    }

    @Test
    void namesAreCheckedWhenBuilt() {
        assertThrows(IllegalArgumentException.class, () -> DnsQuestion.of("a..b", DnsRecord.A));
        assertThrows(IllegalArgumentException.class, () -> DnsQuestion.of("x".repeat(64) + ".com", DnsRecord.A));
        assertThrows(IllegalArgumentException.class, () -> DnsQuestion.of("with space.com", DnsRecord.A));
        assertEquals("example.com", DnsQuestion.of("example.com.", DnsRecord.A).name(), "a trailing dot is dropped");
        assertThrows(IllegalArgumentException.class, () -> new DnsRecord("x.com", DnsRecord.A, DnsRecord.IN, 1,
                new DnsRecord.Name("y.com")));
    }

    @Test
    void malformedMessages() {
        Hex.malformed("length", () -> DnsMessage.parse(new byte[11]));
        Hex.malformed("question 1", () -> DnsMessage.parse(Arrays.copyOf(QUERY, QUERY.length - 1)));
        Hex.malformed("answer 2", () -> DnsMessage.parse(Arrays.copyOf(RESPONSE, RESPONSE.length - 2)));
        byte[] loop = RESPONSE.clone();
        loop[33] = (byte) 0xc0;
        loop[34] = 33; // the answer's name points at itself
        assertTrue(Hex.malformed("answer 1", () -> DnsMessage.parse(loop)).contains("pointers may only point back"));
        byte[] shortA = RESPONSE.clone();
        shortA[RESPONSE.length - 5] = 3;
        Hex.malformed("answer 2", () -> DnsMessage.parse(shortA));
        byte[] badCname = RESPONSE.clone();
        badCname[44] = 3; // CNAME RDLENGTH 3 but the pointer takes 2
        assertTrue(Hex.malformed("answer 1", () -> DnsMessage.parse(badCname)).contains("RDLENGTH"));
        byte[] control = QUERY.clone();
        control[14] = 1;
        assertTrue(Hex.malformed("question 1", () -> DnsMessage.parse(control)).contains("0x1"));
    }
}
