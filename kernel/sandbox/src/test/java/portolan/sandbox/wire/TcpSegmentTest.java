package portolan.sandbox.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TcpSegmentTest {
    static final Ipv4Address CLIENT = Ipv4Address.parse("192.168.0.4");
    static final Ipv4Address SERVER = Ipv4Address.parse("59.6.66.238");
    /** The TCP part of {@link Ipv4PacketTest#TCP_SYN} (see there for where it comes from). */
    static final byte[] SYN = Arrays.copyOfRange(Ipv4PacketTest.TCP_SYN, 20, 60);

    @Test
    void parsesALinuxStyleSyn() {
        TcpSegment s = TcpSegment.parse(SYN, CLIENT, SERVER);
        assertEquals(49152, s.sourcePort());
        assertEquals(80, s.destinationPort());
        assertEquals(1000, s.sequenceNumber());
        assertEquals(0, s.acknowledgmentNumber());
        assertEquals(10, s.dataOffset());
        assertEquals("SYN", s.flagsString());
        assertEquals(64240, s.window());
        assertEquals(1460, s.mss().getAsInt());
        assertEquals(1, s.sequenceLength(), "SYN takes one sequence number");
        assertEquals(List.of(TcpOption.mss(1460), TcpOption.sackPermitted(),
                new TcpOption(TcpOption.TIMESTAMPS, Hex.bytes("0000000100000000")), TcpOption.nop(),
                TcpOption.windowScale(7)), s.options());
        assertEquals("TCP 49152 > 80 [SYN] seq 1000 win 64240 options [mss 1460,sackOK,option 8 0x0000000100000000,"
                + "nop,wscale 7] length 0", s.toString());
    }

    @Test
    void theViewReadsWhatTheRecordHoldsWithoutCopying() {
        byte[] data = "0123456789".getBytes(StandardCharsets.US_ASCII);
        TcpSegment segment = new TcpSegment(80, 49152, 5000, 1001, TcpSegment.PSH | TcpSegment.ACK | TcpSegment.FIN,
                4096, 0, List.of(TcpOption.nop(), TcpOption.mss(536)), data);
        byte[] bytes = segment.toBytes(SERVER, CLIENT);
        TcpSegmentView view = TcpSegmentView.parse(bytes, SERVER, CLIENT);
        assertEquals(segment, view.toSegment());
        assertEquals(80, view.sourcePort());
        assertEquals(49152, view.destinationPort());
        assertEquals(5000, view.sequenceNumber());
        assertEquals(1001, view.acknowledgmentNumber());
        assertEquals(4096, view.window());
        assertEquals(536, view.mss());
        assertEquals(11, view.sequenceLength(), "10 data bytes and the FIN");
        byte[] middle = new byte[4];
        view.copyPayload(3, middle, 0, 4);
        assertArrayEquals("3456".getBytes(StandardCharsets.US_ASCII), middle);
        assertThrows(IndexOutOfBoundsException.class, () -> view.copyPayload(8, middle, 0, 4));
        assertEquals(-1, TcpSegmentView.parse(TcpSegment.of(1, 2, 3, 4, TcpSegment.ACK, 5, new byte[0])
                .toBytes(SERVER, CLIENT), SERVER, CLIENT).mss(), "no MSS option");
        bytes[bytes.length - 1] ^= 1;
        MalformedPacketException e = assertThrows(MalformedPacketException.class,
                () -> TcpSegmentView.parse(bytes, SERVER, CLIENT));
        assertEquals("checksum", e.field());
    }

    @Test
    void roundTripsByteForByte() {
        assertArrayEquals(SYN, TcpSegment.parse(SYN, CLIENT, SERVER).toBytes(CLIENT, SERVER));
    }

    @Test
    void optionsArePaddedToAWordBoundary() {
        TcpSegment synAck = new TcpSegment(80, 49152, 5000, 1001, TcpSegment.SYN | TcpSegment.ACK, 65535, 0,
                List.of(TcpOption.mss(1460), TcpOption.windowScale(7)), new byte[0]);
        byte[] bytes = synAck.toBytes(SERVER, CLIENT);
        assertEquals(28, bytes.length, "4 + 3 option bytes padded to 8");
        assertEquals(0, bytes[27], "padding is End-of-Option-List");
        assertEquals(0x70, bytes[12] & 0xff, "data offset 7 words");
        TcpSegment back = TcpSegment.parse(bytes, SERVER, CLIENT);
        assertEquals(synAck, back);
        assertEquals("SYN,ACK", back.flagsString());
        assertEquals("TCP 80 > 49152 [SYN,ACK] seq 5000 ack 1001 win 65535 options [mss 1460,wscale 7] length 0",
                back.toString());
    }

    @Test
    void dataWithOddLengthAndAllFlags() {
        byte[] data = "GET / HTTP/1.1\r\n\r\n!".getBytes(StandardCharsets.US_ASCII);
        TcpSegment s = new TcpSegment(49152, 80, 0xfffffffeL, 0xffffffffL, 0xff, 512, 3, List.of(), data);
        TcpSegment back = TcpSegment.parse(s.toBytes(CLIENT, SERVER), CLIENT, SERVER);
        assertEquals(s, back);
        assertEquals("FIN,SYN,RST,PSH,ACK,URG,ECE,CWR", back.flagsString());
        assertEquals(3, back.urgentPointer());
        assertEquals(0xfffffffeL, back.sequenceNumber());
        assertEquals("none", TcpSegment.of(1, 2, 0, 0, 0, 0, new byte[0]).flagsString());
        assertTrue(TcpSegment.of(1, 2, 0, 0, TcpSegment.FIN | TcpSegment.ACK, 0, new byte[0]).has(TcpSegment.FIN));
        assertFalse(TcpSegment.of(1, 2, 0, 0, TcpSegment.ACK, 0, new byte[0]).mss().isPresent());
    }

    @Test
    void unknownOptionsAreKeptAndEndOfListStopsParsing() {
        byte[] header = Hex.bytes("""
                0050 c000 0000 0001 0000 0000 7010 0100 0000 0000
                fe04 abcd 0001 0101""");
        byte[] bytes = withChecksum(header);
        TcpSegment s = TcpSegment.parse(bytes, SERVER, CLIENT);
        assertEquals(List.of(new TcpOption(0xfe, Hex.bytes("abcd"))), s.options(), "the NOPs after End-of-List are padding");
        byte[] again = s.toBytes(SERVER, CLIENT);
        assertEquals(24, again.length, "written back with the shortest padding");
        assertEquals(s, TcpSegment.parse(again, SERVER, CLIENT));
    }

    @Test
    void badDataOffset() {
        byte[] four = SYN.clone();
        four[12] = 0x40;
        assertTrue(Hex.malformed("data offset", () -> TcpSegment.parse(four, CLIENT, SERVER)).contains("data offset is 4"));
        byte[] fifteen = SYN.clone();
        fifteen[12] = (byte) 0xf0;
        assertTrue(Hex.malformed("data offset", () -> TcpSegment.parse(fifteen, CLIENT, SERVER))
                .contains("60 bytes but the whole segment is only 40"));
        Hex.malformed("length", () -> TcpSegment.parse(new byte[19], CLIENT, SERVER));
    }

    @Test
    void badOptionLengths() {
        String zero = Hex.malformed("options", () -> TcpSegment.parse(withChecksum(Hex.bytes("""
                0050 c000 0000 0001 0000 0000 6010 0100 0000 0000 fe00 0000""")), SERVER, CLIENT));
        assertTrue(zero.contains("less than its own kind and length bytes"), zero);
        String past = Hex.malformed("options", () -> TcpSegment.parse(withChecksum(Hex.bytes("""
                0050 c000 0000 0001 0000 0000 6010 0100 0000 0000 0101 fe08""")), SERVER, CLIENT));
        assertTrue(past.contains("runs past the end of the header at byte 24"), past);
        String dangling = Hex.malformed("options", () -> TcpSegment.parse(withChecksum(Hex.bytes("""
                0050 c000 0000 0001 0000 0000 6010 0100 0000 0000 0101 01fe""")), SERVER, CLIENT));
        assertTrue(dangling.contains("no room for its length byte"), dangling);
        Hex.malformed("options", () -> TcpSegment.parse(withChecksum(Hex.bytes("""
                0050 c000 0000 0001 0000 0000 6010 0100 0000 0000 0203 0500""")), SERVER, CLIENT));
    }

    @Test
    void badChecksum() {
        byte[] corrupted = SYN.clone();
        corrupted[15] ^= 1; // window
        assertTrue(Hex.malformed("checksum", () -> TcpSegment.parse(corrupted, CLIENT, SERVER))
                .startsWith("TCP checksum is 0x4a35 but the segment and its pseudo-header (192.168.0.4 > 59.6.66.238)"));
        Hex.malformed("checksum", () -> TcpSegment.parse(SYN, SERVER, CLIENT.plus(1)));
    }

    /** Fills in the TCP checksum of hand-made bytes sent 59.6.66.238 > 192.168.0.4. */
    private static byte[] withChecksum(byte[] segment) {
        byte[] b = segment.clone();
        long sum = Checksums.pseudoHeaderSum(SERVER, CLIENT, Ipv4Packet.PROTOCOL_TCP, b.length);
        Bytes.put16(b, 16, Checksums.finish(Checksums.sum(sum, b, 0, b.length)));
        return b;
    }
}
