package portolan.sandbox.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class IcmpMessageTest {
    /**
     * An echo request as Windows {@code ping} sends it: identifier 1, sequence 1, the 32-byte
     * pattern "abcdefghijklmnopqrstuvwabcdefghi". Its checksum 0x4d5a is the value Wireshark
     * shows for this packet in countless tutorials.
     */
    static final byte[] WINDOWS_PING = Hex.bytes("""
            0800 4d5a 0001 0001
            6162636465666768696a6b6c6d6e6f7071727374757677616263646566676869""");
    static final byte[] PING_DATA = "abcdefghijklmnopqrstuvwabcdefghi".getBytes(StandardCharsets.US_ASCII);

    @Test
    void parsesAnEchoRequest() {
        IcmpMessage m = IcmpMessage.parse(WINDOWS_PING);
        assertEquals(IcmpMessage.TYPE_ECHO_REQUEST, m.type());
        assertEquals(0, m.code());
        assertEquals(1, m.identifier());
        assertEquals(1, m.sequence());
        assertArrayEquals(PING_DATA, m.body());
        assertEquals("ICMP echo request id 1 seq 1 length 32", m.toString());
    }

    @Test
    void buildsTheEchoRequestAndItsReply() {
        assertArrayEquals(WINDOWS_PING, IcmpMessage.echoRequest(1, 1, PING_DATA).toBytes());
        IcmpMessage reply = IcmpMessage.replyTo(IcmpMessage.parse(WINDOWS_PING));
        byte[] replyBytes = reply.toBytes();
        assertEquals(0, replyBytes[0]);
        assertEquals(0x55, replyBytes[2] & 0xff, "type 8 -> 0 raises the checksum by 0x0800");
        assertEquals(0x5a, replyBytes[3] & 0xff);
        assertEquals(reply, IcmpMessage.parse(replyBytes));
        assertEquals(IcmpMessage.echoReply(1, 1, PING_DATA), reply);
    }

    @Test
    void oddLengthEchoDataChecksums() {
        IcmpMessage m = IcmpMessage.echoRequest(0x1234, 0xffff, new byte[] {1, 2, 3});
        assertEquals(m, IcmpMessage.parse(m.toBytes()));
        assertEquals(0, Checksums.internet(m.toBytes()));
    }

    @Test
    void portUnreachableQuotesHeaderAndEightBytes() {
        Ipv4Address a = Ipv4Address.parse("192.168.0.4");
        Ipv4Address b = Ipv4Address.parse("192.168.0.1");
        Ipv4Packet query = Ipv4Packet.of(a, b, Ipv4Packet.PROTOCOL_UDP, 64, 3,
                new UdpDatagram(40000, 53, new byte[30]).toBytes(a, b));
        IcmpMessage error = IcmpMessage.portUnreachable(query);
        assertEquals(28, error.body().length, "20-byte header + the 8-byte UDP header");
        assertArrayEquals(Arrays.copyOf(query.toBytes(), 28), error.body());
        assertEquals("ICMP port 53 unreachable", error.toString());
        IcmpMessage back = IcmpMessage.parse(error.toBytes());
        assertEquals(error, back);
        assertTrue(back.isError());
    }

    @Test
    void fragmentationNeededCarriesTheMtu() {
        Ipv4Packet big = Ipv4Packet.parse(Ipv4PacketTest.TCP_SYN);
        IcmpMessage m = IcmpMessage.fragmentationNeeded(1400, big);
        byte[] bytes = m.toBytes();
        assertEquals(3, bytes[0]);
        assertEquals(4, bytes[1]);
        assertEquals(1400, Bytes.u16(bytes, 6), "RFC 1191: the next-hop MTU is the low 16 bits");
        assertEquals(1400, IcmpMessage.parse(bytes).nextHopMtu());
        assertEquals("ICMP fragmentation needed, next-hop MTU 1400", m.toString());
    }

    @Test
    void timeExceeded() {
        IcmpMessage m = IcmpMessage.timeExceeded(IcmpMessage.CODE_TTL_EXCEEDED, Ipv4Packet.parse(Ipv4PacketTest.TCP_SYN));
        assertEquals("ICMP time exceeded in transit (TTL 0)", IcmpMessage.parse(m.toBytes()).toString());
    }

    @Test
    void malformedMessages() {
        Hex.malformed("length", () -> IcmpMessage.parse(new byte[7]));
        byte[] corrupted = WINDOWS_PING.clone();
        corrupted[20] ^= 0x20;
        assertTrue(Hex.malformed("checksum", () -> IcmpMessage.parse(corrupted)).startsWith("ICMP checksum is 0x4d5a"));
    }
}
