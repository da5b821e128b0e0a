package portolan.sandbox.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DhcpMessageTest {
    static final MacAddress PC = MacAddress.parse("02:00:00:00:00:04");
    static final Ipv4Address ROUTER = Ipv4Address.parse("192.168.0.1");
    static final Ipv4Address OFFERED = Ipv4Address.parse("192.168.0.100");

    /**
     * A DHCPDISCOVER, broadcast flag set, assembled from RFC 2131 §2 and RFC 2132: xid
     * 0x3903f326, chaddr 02:00:00:00:00:04, options 53 DISCOVER, 61 client id, 12 host name
     * "pc", 55 asking for 1, 3, 6, 51, then END and zero padding to 300 bytes.
     */
    static final byte[] DISCOVER = discover();

    private static byte[] discover() {
        byte[] b = new byte[300];
        byte[] fixed = Hex.bytes("01 01 06 00 3903f326 0000 8000 00000000 00000000 00000000 00000000 020000000004");
        System.arraycopy(fixed, 0, b, 0, fixed.length);
        byte[] options = Hex.bytes("63825363 350101 3d0701020000000004 0c027063 370401030633 ff");
        System.arraycopy(options, 0, b, 236, options.length);
        return b;
    }

    static DhcpMessage discoverMessage() {
        return DhcpMessage.request(DhcpMessageType.DISCOVER, 0x3903f326L, PC, true, List.of(DhcpOption.clientId(PC),
                DhcpOption.hostName("pc"), DhcpOption.parameterRequestList(1, 3, 6, 51)));
    }

    static DhcpMessage offer() {
        return DhcpMessage.reply(discoverMessage(), DhcpMessageType.OFFER, OFFERED, List.of(DhcpOption.serverId(ROUTER),
                DhcpOption.leaseTime(86400), DhcpOption.renewalTime(43200), DhcpOption.rebindingTime(75600),
                DhcpOption.subnetMask(Ipv4Address.parse("255.255.255.0")), DhcpOption.router(ROUTER),
                DhcpOption.dnsServers(ROUTER, Ipv4Address.parse("8.8.8.8"))));
    }

    @Test
    void parsesADiscover() {
        DhcpMessage m = DhcpMessage.parse(DISCOVER);
        assertEquals(DhcpMessage.BOOTREQUEST, m.op());
        assertEquals(0x3903f326L, m.xid());
        assertTrue(m.broadcast());
        assertEquals(PC, m.chaddr());
        assertEquals(Ipv4Address.ANY, m.ciaddr());
        assertEquals(DhcpMessageType.DISCOVER, m.messageType());
        assertEquals("pc", m.hostName().orElseThrow());
        assertEquals(List.of(1, 3, 6, 51), m.parameterRequestList());
        assertEquals(Hex.bytes("01020000000004").length, m.option(DhcpOption.CLIENT_ID).orElseThrow().data().length);
        assertEquals("DHCP DISCOVER xid 0x3903f326 02:00:00:00:00:04 [client identifier 0x01020000000004, host name pc, "
                + "parameter request list 1,3,6,51]", m.toString());
    }

    @Test
    void buildsTheDiscoverBytes() {
        assertArrayEquals(DISCOVER, discoverMessage().toBytes());
    }

    @Test
    void offerCarriesTheLeaseInOrder() {
        DhcpMessage o = DhcpMessage.parse(offer().toBytes());
        assertEquals(offer(), o);
        assertEquals(DhcpMessage.BOOTREPLY, o.op());
        assertEquals(0x3903f326L, o.xid(), "the reply copies the client's transaction id");
        assertEquals(OFFERED, o.yiaddr());
        assertEquals(ROUTER, o.serverId().orElseThrow());
        assertEquals(86400, o.leaseTime().getAsLong());
        assertEquals(43200, o.renewalTime().getAsLong());
        assertEquals(75600, o.rebindingTime().getAsLong());
        assertEquals("255.255.255.0", o.subnetMask().orElseThrow().toString());
        assertEquals(List.of(ROUTER), o.routers());
        assertEquals(List.of(ROUTER, Ipv4Address.parse("8.8.8.8")), o.dnsServers());
        assertEquals(List.of(53, 54, 51, 58, 59, 1, 3, 6), o.options().stream().map(DhcpOption::code).toList());
        assertEquals("DHCP OFFER xid 0x3903f326 02:00:00:00:00:04 yiaddr 192.168.0.100 [server identifier 192.168.0.1, "
                + "lease time 86400, renewal time T1 43200, rebinding time T2 75600, subnet mask 255.255.255.0, "
                + "router 192.168.0.1, DNS servers 192.168.0.1,8.8.8.8]", o.toString());
    }

    @Test
    void requestAndRenewal() {
        DhcpMessage request = DhcpMessage.request(DhcpMessageType.REQUEST, 0x3903f326L, PC, true,
                List.of(DhcpOption.requestedIp(OFFERED), DhcpOption.serverId(ROUTER)));
        DhcpMessage back = DhcpMessage.parse(request.toBytes());
        assertEquals(OFFERED, back.requestedIp().orElseThrow());
        assertEquals(ROUTER, back.serverId().orElseThrow());
        DhcpMessage renew = DhcpMessage.request(DhcpMessageType.REQUEST, 7, PC, false, List.of()).withCiaddr(OFFERED);
        DhcpMessage renewBack = DhcpMessage.parse(renew.toBytes());
        assertEquals(OFFERED, renewBack.ciaddr());
        assertFalse(renewBack.broadcast());
        assertFalse(renewBack.requestedIp().isPresent());
    }

    @Test
    void everyMessageTypeRoundTrips() {
        for (DhcpMessageType type : DhcpMessageType.values()) {
            DhcpMessage m = DhcpMessage.request(type, 1, PC, false, List.of());
            assertEquals(type, DhcpMessage.parse(m.toBytes()).messageType());
        }
    }

    @Test
    void padOptionsAreSkippedAndSnameFileRead() {
        byte[] b = DISCOVER.clone();
        System.arraycopy("boot".getBytes(), 0, b, 44, 4);
        System.arraycopy("pxelinux.0".getBytes(), 0, b, 108, 10);
        byte[] options = Hex.bytes("63825363 00 00 350101 00 ff");
        Arrays.fill(b, 236, 300, (byte) 0);
        System.arraycopy(options, 0, b, 236, options.length);
        DhcpMessage m = DhcpMessage.parse(b);
        assertEquals("boot", m.sname());
        assertEquals("pxelinux.0", m.file());
        assertEquals(1, m.options().size());
    }

    @Test
    void malformedMessages() {
        Hex.malformed("length", () -> DhcpMessage.parse(Arrays.copyOf(DISCOVER, 239)));
        assertTrue(Hex.malformed("op", () -> DhcpMessage.parse(with(0, 3))).contains("op is 3"));
        assertTrue(Hex.malformed("htype", () -> DhcpMessage.parse(with(1, 6))).contains("only speaks Ethernet"));
        Hex.malformed("hlen", () -> DhcpMessage.parse(with(2, 16)));
        assertTrue(Hex.malformed("magic cookie", () -> DhcpMessage.parse(with(236, 0x64))).contains("0x64825363"));
        assertTrue(Hex.malformed("options", () -> DhcpMessage.parse(Arrays.copyOf(DISCOVER, 262)))
                .contains("without the END option"));
        byte[] overrun = DISCOVER.clone();
        overrun[241] = (byte) 200; // option 53 claims 200 bytes
        assertTrue(Hex.malformed("options", () -> DhcpMessage.parse(overrun)).contains("runs past the end"));
        byte[] badType = with(242, 9);
        assertTrue(Hex.malformed("option 53", () -> DhcpMessage.parse(badType)).contains("only 1 (DISCOVER) to 8"));
        byte[] badMask = DISCOVER.clone();
        byte[] mask = Hex.bytes("350101 0103ffffff ff");
        System.arraycopy(mask, 0, badMask, 240, mask.length);
        assertTrue(Hex.malformed("option 1", () -> DhcpMessage.parse(badMask)).contains("subnet mask"));
        byte[] bootp = DISCOVER.clone();
        bootp[240] = (byte) 0xff;
        assertTrue(Hex.malformed("option 53", () -> DhcpMessage.parse(bootp)).contains("plain BOOTP"));
    }

    @Test
    void constructorChecks() {
        assertThrows(IllegalArgumentException.class, () -> DhcpOption.parameterRequestList(255));
        assertThrows(IllegalArgumentException.class, () -> new DhcpOption(DhcpOption.END, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> new DhcpMessage(1, 0, 1, 0, false, Ipv4Address.ANY,
                Ipv4Address.ANY, Ipv4Address.ANY, Ipv4Address.ANY, PC, "", "", List.of()));
    }

    private static byte[] with(int at, int value) {
        byte[] b = DISCOVER.clone();
        b[at] = (byte) value;
        return b;
    }
}
