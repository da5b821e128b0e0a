package portolan.sandbox.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ArpPacketTest {
    /** The ARP request of {@link EthernetFrameTest#ARP_FRAME}: bytes 14..41 of that frame. */
    static final byte[] REQUEST = Arrays.copyOfRange(EthernetFrameTest.ARP_FRAME, 14, 42);
    /** The matching reply from 192.168.0.1 at 02:00:00:00:00:01, hand-assembled (RFC 826 layout). */
    static final byte[] REPLY = Hex.bytes("0001 0800 06 04 0002 020000000001 c0a80001 020000000004 c0a80004");

    @Test
    void parsesARequest() {
        ArpPacket arp = ArpPacket.parse(REQUEST);
        assertEquals(ArpPacket.REQUEST, arp.operation());
        assertEquals("02:00:00:00:00:04", arp.senderMac().toString());
        assertEquals("192.168.0.4", arp.senderIp().toString());
        assertEquals(MacAddress.ZERO, arp.targetMac());
        assertEquals("192.168.0.1", arp.targetIp().toString());
        assertEquals("ARP who-has 192.168.0.1 tell 192.168.0.4", arp.toString());
    }

    @Test
    void replyToBuildsTheReplyBytes() {
        ArpPacket reply = ArpPacket.replyTo(ArpPacket.parse(REQUEST), MacAddress.parse("02:00:00:00:00:01"));
        assertArrayEquals(REPLY, reply.toBytes());
        assertEquals("ARP reply 192.168.0.1 is-at 02:00:00:00:00:01", reply.toString());
        assertEquals(reply, ArpPacket.parse(REPLY));
    }

    @Test
    void ignoresEthernetPadding() {
        ArpPacket padded = ArpPacket.parse(EthernetFrame.parse(EthernetFrameTest.ARP_FRAME).payload());
        assertEquals(ArpPacket.parse(REQUEST), padded);
    }

    @Test
    void malformedFieldsAreNamed() {
        Hex.malformed("length", () -> ArpPacket.parse(Arrays.copyOf(REQUEST, 27)));
        byte[] tokenRing = REQUEST.clone();
        tokenRing[1] = 6;
        assertTrue(Hex.malformed("hardware type", () -> ArpPacket.parse(tokenRing)).contains("must be 1 (Ethernet)"));
        byte[] ipv6 = REQUEST.clone();
        ipv6[2] = (byte) 0x86;
        ipv6[3] = (byte) 0xdd;
        Hex.malformed("protocol type", () -> ArpPacket.parse(ipv6));
        byte[] longAddresses = REQUEST.clone();
        longAddresses[5] = 16;
        Hex.malformed("address length", () -> ArpPacket.parse(longAddresses));
        byte[] rarp = REQUEST.clone();
        rarp[7] = 3;
        assertTrue(Hex.malformed("operation", () -> ArpPacket.parse(rarp)).contains("ARP operation is 3"));
    }
}
