package portolan.sandbox.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class Ipv4PacketTest {
    /**
     * A TCP SYN 192.168.0.4:49152 > 59.6.66.238:80 with the options Linux sends (MSS 1460,
     * SACK permitted, timestamps, NOP, window scale 7), hand-assembled field by field from
     * RFC 791/9293. tshark 4.0 with checksum validation on reports IP and TCP checksum Good and
     * dissects it as "49152 → 80 [SYN] Seq=0 Win=64240 Len=0 MSS=1460 SACK_PERM TSval=1 TSecr=0 WS=128".
     */
    static final byte[] TCP_SYN = Hex.bytes("""
            4500 003c 0007 4000 4006 fc14 c0a8 0004 3b06 42ee
            c000 0050 0000 03e8 0000 0000 a002 faf0 4a35 0000
            0204 05b4 0402 080a 0000 0001 0000 0000 0103 0307""");

    /** Wikipedia's "Internet checksum" example header (UDP 192.168.0.1 > 192.168.0.199, checksum 0xb861). */
    static final byte[] WIKIPEDIA_HEADER = Hex.bytes("4500 0073 0000 4000 4011 b861 c0a8 0001 c0a8 00c7");

    @Test
    void parsesTheHeaderFields() {
        Ipv4Packet p = Ipv4Packet.parse(TCP_SYN);
        assertEquals(5, p.ihl());
        assertEquals(0, p.dscp());
        assertEquals(0, p.ecn());
        assertEquals(60, p.totalLength());
        assertEquals(7, p.identification());
        assertTrue(p.dontFragment());
        assertFalse(p.moreFragments());
        assertEquals(0, p.fragmentOffset());
        assertEquals(64, p.ttl());
        assertEquals(Ipv4Packet.PROTOCOL_TCP, p.protocol());
        assertEquals(0xfc14, p.headerChecksum());
        assertEquals("192.168.0.4", p.source().toString());
        assertEquals("59.6.66.238", p.destination().toString());
        assertEquals(40, p.payload().length);
        assertEquals("IPv4 192.168.0.4 > 59.6.66.238 TTL 64 id 7 DF, proto TCP, length 60", p.toString());
    }

    @Test
    void buildsIdenticalBytes() {
        Ipv4Packet p = new Ipv4Packet(0, 0, 7, true, false, 0, 64, Ipv4Packet.PROTOCOL_TCP,
                Ipv4Address.parse("192.168.0.4"), Ipv4Address.parse("59.6.66.238"), new byte[0],
                Arrays.copyOfRange(TCP_SYN, 20, 60));
        assertArrayEquals(TCP_SYN, p.toBytes());
        assertEquals(p, Ipv4Packet.parse(p.toBytes()));
    }

    @Test
    void wikipediaHeaderVerifies() {
        byte[] packet = Arrays.copyOf(WIKIPEDIA_HEADER, 0x73);
        Ipv4Packet p = Ipv4Packet.parse(packet);
        assertEquals(0xb861, p.headerChecksum());
        assertEquals("IPv4 192.168.0.1 > 192.168.0.199 TTL 64 id 0 DF, proto UDP, length 115", p.toString());
        assertArrayEquals(packet, p.toBytes());
    }

    @Test
    void dscpEcnAndOptionsRoundTrip() {
        byte[] routerAlert = Hex.bytes("94040000"); // RFC 2113 router alert, copied flag set
        Ipv4Packet p = new Ipv4Packet(46, 2, 0xbeef, false, false, 0, 1, 2, Ipv4Address.parse("10.0.0.1"),
                Ipv4Address.parse("224.0.0.22"), routerAlert, new byte[] {1, 2, 3});
        byte[] bytes = p.toBytes();
        assertEquals(0x46, bytes[0], "version 4, IHL 6 words with one option word");
        assertEquals((byte) 0xba, bytes[1], "DSCP 46 (EF) and ECN 2");
        Ipv4Packet back = Ipv4Packet.parse(bytes);
        assertEquals(p, back);
        assertEquals(46, back.dscp());
        assertEquals(2, back.ecn());
        assertArrayEquals(routerAlert, back.options());
    }

    @Test
    void copiesRecomputeTheChecksum() {
        Ipv4Packet p = Ipv4Packet.parse(TCP_SYN);
        Ipv4Packet forwarded = p.withTtl(63);
        assertEquals(63, Ipv4Packet.parse(forwarded.toBytes()).ttl());
        assertEquals(0xfd14, forwarded.headerChecksum(), "one less TTL (high byte) adds 0x0100 to the checksum");
        Ipv4Packet natted = p.withSource(Ipv4Address.parse("203.0.113.10"));
        assertEquals("203.0.113.10", Ipv4Packet.parse(natted.toBytes()).source().toString());
        assertEquals("8.8.8.8", Ipv4Packet.parse(p.withDestination(Ipv4Address.parse("8.8.8.8")).toBytes())
                .destination().toString());
    }

    @Test
    void ignoresEthernetPaddingAfterTheTotalLength() {
        byte[] padded = Arrays.copyOf(TCP_SYN, 64);
        assertEquals(Ipv4Packet.parse(TCP_SYN), Ipv4Packet.parse(padded));
    }

    @Test
    void malformedHeadersNameTheField() {
        Hex.malformed("length", () -> Ipv4Packet.parse(Arrays.copyOf(TCP_SYN, 19)));
        byte[] v6 = TCP_SYN.clone();
        v6[0] = 0x65;
        assertTrue(Hex.malformed("version", () -> Ipv4Packet.parse(v6)).startsWith("IP version is 6"));
        byte[] shortIhl = TCP_SYN.clone();
        shortIhl[0] = 0x44;
        assertTrue(Hex.malformed("IHL", () -> Ipv4Packet.parse(shortIhl)).contains("IHL is 4"));
        byte[] hugeIhl = Arrays.copyOf(TCP_SYN, 40);
        hugeIhl[0] = 0x4f;
        assertTrue(Hex.malformed("IHL", () -> Ipv4Packet.parse(hugeIhl)).contains("60 bytes but only 40"));
        byte[] tinyTotal = TCP_SYN.clone();
        tinyTotal[3] = 10;
        assertTrue(Hex.malformed("total length", () -> Ipv4Packet.parse(tinyTotal)).contains("header alone is 20"));
        assertTrue(Hex.malformed("total length", () -> Ipv4Packet.parse(Arrays.copyOf(TCP_SYN, 50)))
                .contains("truncated"));
    }

    @Test
    void badChecksumExplainsItself() {
        byte[] corrupted = TCP_SYN.clone();
        corrupted[8] = 0x3f; // TTL changed without fixing the checksum
        assertEquals("IPv4 header checksum is 0xfc14 but the header adds up to 0xfd14: the header was corrupted in transit",
                Hex.malformed("header checksum", () -> Ipv4Packet.parse(corrupted)));
    }

    @Test
    void fragmentsSplitOnEightByteBoundaries() {
        byte[] payload = new byte[3000];
        Arrays.fill(payload, (byte) 7);
        Ipv4Packet big = Ipv4Packet.of(Ipv4Address.parse("10.0.0.1"), Ipv4Address.parse("10.0.0.2"),
                Ipv4Packet.PROTOCOL_UDP, 64, 42, payload);
        List<Ipv4Packet> fragments = big.fragment(1500);
        assertEquals(3, fragments.size());
        assertEquals(List.of(1480, 1480, 40), fragments.stream().map(f -> f.payload().length).toList());
        assertEquals(List.of(0, 185, 370), fragments.stream().map(Ipv4Packet::fragmentOffset).toList());
        assertEquals(List.of(true, true, false), fragments.stream().map(Ipv4Packet::moreFragments).toList());
        assertTrue(fragments.stream().allMatch(f -> f.identification() == 42 && f.totalLength() <= 1500));
        assertEquals("IPv4 10.0.0.1 > 10.0.0.2 TTL 64 id 42 fragment at offset 1480, more follow, proto UDP, length 1500",
                fragments.get(1).toString());
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        fragments.forEach(f -> joined.writeBytes(f.payload()));
        assertArrayEquals(payload, joined.toByteArray());
        assertEquals(List.of(big), big.fragment(3020), "a packet that fits stays whole");
    }

    @Test
    void fragmentingAFragmentKeepsOffsetsAndMf() {
        Ipv4Packet middle = new Ipv4Packet(0, 0, 9, false, true, 100, 64, 17, Ipv4Address.parse("10.0.0.1"),
                Ipv4Address.parse("10.0.0.2"), new byte[0], new byte[64]);
        List<Ipv4Packet> pieces = middle.fragment(60);
        assertEquals(List.of(100, 105), pieces.stream().map(Ipv4Packet::fragmentOffset).toList());
        assertTrue(pieces.stream().allMatch(Ipv4Packet::moreFragments), "the original had MF, so its last piece keeps it");
    }

    @Test
    void onlyCopiedOptionsGoToLaterFragments() {
        byte[] options = Hex.bytes("07 07 04 00000000 94 04 0000 00"); // record route (not copied), router alert (copied)
        Ipv4Packet p = new Ipv4Packet(0, 0, 1, false, false, 0, 64, 17, Ipv4Address.parse("10.0.0.1"),
                Ipv4Address.parse("10.0.0.2"), options, new byte[200]);
        List<Ipv4Packet> pieces = p.fragment(100);
        assertArrayEquals(options, pieces.get(0).options());
        assertArrayEquals(Hex.bytes("94040000"), pieces.get(1).options());
    }

    @Test
    void reassemblesInAnyOrder() {
        byte[] payload = new byte[3000];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 13);
        }
        Ipv4Packet big = Ipv4Packet.of(Ipv4Address.parse("10.0.0.1"), Ipv4Address.parse("10.0.0.2"),
                Ipv4Packet.PROTOCOL_UDP, 64, 42, payload);
        List<Ipv4Packet> pieces = big.fragment(576);
        List<Ipv4Packet> reversed = new java.util.ArrayList<>(pieces);
        java.util.Collections.reverse(reversed);
        assertEquals(big, Ipv4Packet.reassemble(reversed).orElseThrow());
        assertEquals(big, Ipv4Packet.reassemble(pieces).orElseThrow());
        assertTrue(Ipv4Packet.reassemble(pieces.subList(0, pieces.size() - 1)).isEmpty(), "the last fragment is missing");
        List<Ipv4Packet> gap = new java.util.ArrayList<>(pieces);
        gap.remove(2);
        assertTrue(Ipv4Packet.reassemble(gap).isEmpty(), "a middle fragment is missing");
        assertTrue(Ipv4Packet.reassemble(pieces.subList(1, pieces.size())).isEmpty(), "the first fragment is missing");
        assertTrue(Ipv4Packet.reassemble(List.of()).isEmpty());
    }

    @Test
    void reassemblyRejectsMixedDatagramsAndOversizedOnes() {
        Ipv4Packet a = new Ipv4Packet(0, 0, 1, false, true, 0, 64, 17, Ipv4Address.parse("10.0.0.1"),
                Ipv4Address.parse("10.0.0.2"), new byte[0], new byte[8]);
        Ipv4Packet otherId = new Ipv4Packet(0, 0, 2, false, false, 1, 64, 17, Ipv4Address.parse("10.0.0.1"),
                Ipv4Address.parse("10.0.0.2"), new byte[0], new byte[8]);
        assertThrows(IllegalArgumentException.class, () -> Ipv4Packet.reassemble(List.of(a, otherId)));
        Ipv4Packet deathTail = new Ipv4Packet(0, 0, 1, false, false, 0x1fff, 64, 17, Ipv4Address.parse("10.0.0.1"),
                Ipv4Address.parse("10.0.0.2"), new byte[0], new byte[1000]);
        assertTrue(Hex.malformed("fragment offset", () -> Ipv4Packet.reassemble(List.of(a, deathTail)))
                .contains("ping of death"));
    }

    @Test
    void dontFragmentRefusesToSplit() {
        Ipv4Packet df = Ipv4Packet.parse(TCP_SYN);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> df.fragment(40)).getMessage()
                .contains("ICMP fragmentation-needed"));
    }
}
