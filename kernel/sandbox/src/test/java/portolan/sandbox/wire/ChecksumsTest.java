package portolan.sandbox.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ChecksumsTest {
    @Test
    void rfc1071ExampleSumsTo0xddf2() {
        // RFC 1071 §3, numerical example: the words 0001 f203 f4f5 f6f7 sum to 0xddf2.
        byte[] data = Hex.bytes("0001 f203 f4f5 f6f7");
        assertEquals(0xddf2, Checksums.finish(Checksums.sum(0, data, 0, data.length)) ^ 0xffff);
        assertEquals(0x220d, Checksums.internet(data));
    }

    @Test
    void wikipediaIpv4HeaderChecksumIs0xb861() {
        // The header used as the worked example in Wikipedia's "Internet checksum" article
        // (UDP, 192.168.0.1 > 192.168.0.199), with the checksum field zeroed.
        byte[] header = Hex.bytes("4500 0073 0000 4000 4011 0000 c0a8 0001 c0a8 00c7");
        assertEquals(0xb861, Checksums.internet(header));
        header[10] = (byte) 0xb8;
        header[11] = 0x61;
        assertEquals(0, Checksums.internet(header), "a header with its checksum adds up to all ones");
    }

    @Test
    void oddLengthPadsTheLastByteWithZeroOnTheRight() {
        assertEquals(Checksums.internet(Hex.bytes("0102 03")), Checksums.internet(Hex.bytes("0102 0300")));
        assertEquals(0xffff - 0x0402, Checksums.internet(Hex.bytes("0102 03")));
        assertEquals(0xfeff, Checksums.internet(Hex.bytes("01")), "a lone byte is the high byte of 0x0100");
    }

    @Test
    void sumOverPiecesEqualsSumOverWhole() {
        byte[] data = Hex.bytes("4500 0073 0000 4000 4011 0000 c0a8 0001 c0a8 00c7");
        long pieces = Checksums.sum(Checksums.sum(0, data, 0, 8), data, 8, data.length - 8);
        assertEquals(Checksums.internet(data), Checksums.finish(pieces));
    }

    @Test
    void matchesAWordByWordSumForEveryLengthAndOffset() {
        Random random = new Random(1071);
        for (int round = 0; round < 2000; round++) {
            byte[] data = new byte[random.nextInt(200)];
            int fill = round % 3; // random bytes, all zeros, all ones: the edges of ones' complement
            if (fill == 0) {
                random.nextBytes(data);
            } else if (fill == 2) {
                java.util.Arrays.fill(data, (byte) 0xff);
            }
            int offset = data.length == 0 ? 0 : random.nextInt(data.length);
            int length = random.nextInt(data.length - offset + 1);
            long words = 0;
            for (int i = 0; i < length; i += 2) {
                words += (data[offset + i] & 0xff) << 8 | (i + 1 < length ? data[offset + i + 1] & 0xff : 0);
            }
            String what = "round " + round + ": " + length + " bytes from " + offset;
            assertEquals(Checksums.finish(words), Checksums.internet(data, offset, length), what);
            assertEquals(Checksums.finish(words + 77), Checksums.finish(Checksums.sum(77, data, offset, length)), what);
        }
    }

    @Test
    void incrementalUpdateMatchesRecomputation() {
        Random random = new Random(1624);
        for (int round = 0; round < 500; round++) {
            byte[] data = new byte[20];
            random.nextBytes(data);
            int before = Checksums.internet(data);
            int at = random.nextInt(10) * 2;
            int oldWord = Bytes.u16(data, at);
            int newWord = random.nextInt(0x10000);
            Bytes.put16(data, at, newWord);
            assertEquals(Checksums.internet(data), Checksums.update(before, oldWord, newWord), "round " + round);
        }
    }

    @Test
    void incrementalUpdateOfAnAddressLikeNat() {
        Ipv4Packet packet = Ipv4Packet.of(Ipv4Address.parse("192.168.0.4"), Ipv4Address.parse("59.6.66.238"),
                Ipv4Packet.PROTOCOL_TCP, 64, 7, new byte[0]);
        Ipv4Address wan = Ipv4Address.parse("203.0.113.10");
        int updated = Checksums.update32(packet.headerChecksum(), packet.source().toInt(), wan.toInt());
        assertEquals(packet.withSource(wan).headerChecksum(), updated);
    }

    @Test
    void ttlDecrementLikeARouter() {
        Ipv4Packet packet = Ipv4Packet.of(Ipv4Address.parse("10.0.0.1"), Ipv4Address.parse("10.0.1.1"),
                Ipv4Packet.PROTOCOL_UDP, 64, 1, new byte[3]);
        // TTL shares its 16-bit word with the protocol (RFC 1624 §4 uses the same example).
        int updated = Checksums.update(packet.headerChecksum(), 64 << 8 | 17, 63 << 8 | 17);
        assertEquals(packet.withTtl(63).headerChecksum(), updated);
    }
}
