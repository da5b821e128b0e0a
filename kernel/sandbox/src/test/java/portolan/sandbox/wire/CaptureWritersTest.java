package portolan.sandbox.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaptureWritersTest {
    @Test
    void pcapHeaderAndRecordLayout() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter pcap = new PcapWriter(out)) {
            pcap.write(1_709_283_600_123_456_789L, Hex.bytes("ffffffffffff 020000000004 0806 00"));
        }
        byte[] expected = Hex.bytes("""
                4d3cb2a1 0200 0400 00000000 00000000 00000400 01000000
                1099e165 15cd5b07 0f000000 0f000000
                ffffffffffff 020000000004 0806 00""");
        assertArrayEquals(expected, out.toByteArray(),
                "magic a1b23c4d (ns) little-endian, v2.4, snaplen 262144, linktype 1; ts 1709283600 s + 123456789 ns");
    }

    @Test
    void pcapStoresFramesWithoutFcsAndTruncatesToSnaplen() throws IOException {
        EthernetFrame frame = EthernetFrame.parse(EthernetFrameTest.ARP_FRAME);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter pcap = new PcapWriter(out, 20)) {
            pcap.write(0, frame);
        }
        ByteBuffer b = ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(20, b.getInt(16), "snaplen in the header");
        assertEquals(20, b.getInt(24 + 8), "captured length");
        assertEquals(60, b.getInt(24 + 12), "original length: the frame without its 4-byte FCS");
        assertArrayEquals(Arrays.copyOf(EthernetFrameTest.ARP_FRAME, 20), Arrays.copyOfRange(out.toByteArray(), 40, 60));
    }

    @Test
    void identicalInputGivesIdenticalFiles() throws IOException {
        assertArrayEquals(pcapng(SampleTraffic.build()), pcapng(SampleTraffic.build()));
        assertArrayEquals(pcap(SampleTraffic.build()), pcap(SampleTraffic.build()));
    }

    @Test
    void rejectsTimestampsBeforeTheEpoch() throws IOException {
        PcapWriter pcap = new PcapWriter(new ByteArrayOutputStream());
        assertThrows(IllegalArgumentException.class, () -> pcap.write(-1, new byte[14]));
        PcapngWriter pcapng = new PcapngWriter(new ByteArrayOutputStream());
        assertThrows(IllegalArgumentException.class, () -> pcapng.write("lan", -1, new byte[14], null));
        assertThrows(IllegalArgumentException.class, () -> pcapng.write("", 0, new byte[14], null));
    }

    @Test
    void pcapngBlocksAreAlignedAndOneInterfacePerName() throws IOException {
        List<SampleTraffic.Packet> packets = SampleTraffic.build();
        ByteBuffer b = ByteBuffer.wrap(pcapng(packets)).order(ByteOrder.LITTLE_ENDIAN);
        List<Integer> types = new ArrayList<>();
        List<String> interfaceNames = new ArrayList<>();
        List<Integer> packetInterfaces = new ArrayList<>();
        List<String> comments = new ArrayList<>();
        while (b.hasRemaining()) {
            int start = b.position();
            int type = b.getInt(start);
            int length = b.getInt(start + 4);
            assertEquals(0, length % 4, "block length is a multiple of 4");
            assertEquals(length, b.getInt(start + length - 4), "trailing block length repeats the leading one");
            types.add(type);
            if (type == 1) {
                interfaceNames.add(optionText(b, start + 16, start + length - 4, 2));
                assertEquals("09", Hex.of(optionBytes(b, start + 16, start + length - 4, 9)), "if_tsresol = 10^-9 s");
            } else if (type == 6) {
                packetInterfaces.add(b.getInt(start + 8));
                int captured = b.getInt(start + 20);
                int optionsAt = start + 28 + (captured + 3) / 4 * 4;
                comments.add(optionsAt < start + length - 4 ? optionText(b, optionsAt, start + length - 4, 1) : null);
            }
            b.position(start + length);
        }
        assertEquals(0x0a0d0d0a, types.get(0), "starts with a Section Header Block");
        assertEquals(List.of("home-lan", "internet"), interfaceNames);
        List<Integer> expectedIds = packets.stream().map(p -> p.interfaceName().equals("home-lan") ? 0 : 1).toList();
        assertEquals(expectedIds, packetInterfaces);
        assertEquals(packets.stream().map(SampleTraffic.Packet::comment).toList(), comments);
    }

    private static String optionText(ByteBuffer b, int from, int to, int code) {
        return new String(optionBytes(b, from, to, code), StandardCharsets.UTF_8);
    }

    private static byte[] optionBytes(ByteBuffer b, int from, int to, int code) {
        for (int at = from; at < to;) {
            int c = b.getShort(at) & 0xffff;
            int len = b.getShort(at + 2) & 0xffff;
            if (c == code) {
                return Arrays.copyOfRange(b.array(), at + 4, at + 4 + len);
            }
            at += 4 + (len + 3) / 4 * 4;
        }
        throw new AssertionError("option " + code + " not found");
    }

    private static byte[] pcap(List<SampleTraffic.Packet> packets) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SampleTraffic.writePcap(packets, out);
        return out.toByteArray();
    }

    private static byte[] pcapng(List<SampleTraffic.Packet> packets) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SampleTraffic.writePcapng(packets, out);
        return out.toByteArray();
    }
}
