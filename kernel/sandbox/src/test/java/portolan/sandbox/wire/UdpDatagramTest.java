package portolan.sandbox.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class UdpDatagramTest {
    static final Ipv4Address CLIENT = Ipv4Address.parse("192.168.0.4");
    static final Ipv4Address SERVER = Ipv4Address.parse("8.8.8.8");
    /**
     * UDP 5353 > 53 carrying "hello" (odd length), hand-assembled from RFC 768; tshark 4.0
     * with udp.check_checksum on reports checksum 0xd627 Good for it inside the IPv4 packet
     * 192.168.0.4 > 8.8.8.8.
     */
    static final byte[] HELLO = Hex.bytes("14e9 0035 000d d627 68656c6c6f");

    @Test
    void parsesPortsLengthAndPayload() {
        UdpDatagram d = UdpDatagram.parse(HELLO, CLIENT, SERVER);
        assertEquals(5353, d.sourcePort());
        assertEquals(53, d.destinationPort());
        assertEquals(13, d.length());
        assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII), d.payload());
        assertEquals("UDP 5353 > 53 length 5", d.toString());
    }

    @Test
    void buildsIdenticalBytes() {
        UdpDatagram d = new UdpDatagram(5353, 53, "hello".getBytes(StandardCharsets.US_ASCII));
        assertArrayEquals(HELLO, d.toBytes(CLIENT, SERVER));
    }

    @Test
    void checksumDependsOnThePseudoHeader() {
        String message = Hex.malformed("checksum", () -> UdpDatagram.parse(HELLO, Ipv4Address.parse("203.0.113.10"),
                SERVER));
        assertTrue(message.contains("or an address was rewritten without fixing the checksum"), message);
    }

    @Test
    void zeroChecksumMeansNotComputed() {
        byte[] unchecked = HELLO.clone();
        unchecked[6] = 0;
        unchecked[7] = 0;
        assertEquals(UdpDatagram.parse(HELLO, CLIENT, SERVER), UdpDatagram.parse(unchecked, CLIENT, SERVER));
    }

    @Test
    void computedZeroIsSentAsAllOnes() {
        // Choose the payload word so the sum is exactly 0xffff: the checksum computes to 0.
        UdpDatagram probe = new UdpDatagram(1, 2, new byte[2]);
        int checksumWithZeroWord = Bytes.u16(probe.toBytes(CLIENT, SERVER), 6);
        int word = checksumWithZeroWord; // adding the complement of the sum makes the sum all ones
        UdpDatagram zero = new UdpDatagram(1, 2, new byte[] {(byte) (word >>> 8), (byte) word});
        byte[] bytes = zero.toBytes(CLIENT, SERVER);
        assertEquals(0xffff, Bytes.u16(bytes, 6));
        assertEquals(zero, UdpDatagram.parse(bytes, CLIENT, SERVER));
    }

    @Test
    void lengthErrors() {
        Hex.malformed("length", () -> UdpDatagram.parse(new byte[7], CLIENT, SERVER));
        byte[] tooShort = HELLO.clone();
        tooShort[5] = 4;
        assertTrue(Hex.malformed("length", () -> UdpDatagram.parse(tooShort, CLIENT, SERVER)).contains("length is 4"));
        assertTrue(Hex.malformed("length", () -> UdpDatagram.parse(Arrays.copyOf(HELLO, 12), CLIENT, SERVER))
                .contains("truncated"));
    }

    @Test
    void bytesAfterTheUdpLengthAreIgnored() {
        assertEquals(UdpDatagram.parse(HELLO, CLIENT, SERVER), UdpDatagram.parse(Arrays.copyOf(HELLO, 20), CLIENT, SERVER));
    }
}
