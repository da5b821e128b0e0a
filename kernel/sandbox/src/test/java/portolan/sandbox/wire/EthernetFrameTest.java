package portolan.sandbox.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class EthernetFrameTest {
    /**
     * A broadcast ARP request "who has 192.168.0.1? tell 192.168.0.4", hand-assembled from the
     * RFC 826 layout, padded to 46 bytes, with its FCS (CRC-32 0xe524fa52, sent low byte
     * first). tshark 4.0 reports FCS status Good for it ({@code -o eth.fcs:Always -o eth.check_fcs:TRUE}).
     */
    static final byte[] ARP_FRAME = Hex.bytes("""
            ffffffffffff 020000000004 0806
            0001 0800 06 04 0001 020000000004 c0a80004 000000000000 c0a80001
            000000000000000000000000000000000000
            52fa24e5""");

    @Test
    void parsesDestinationSourceTypeAndPaddedPayload() {
        EthernetFrame frame = EthernetFrame.parse(ARP_FRAME);
        assertEquals(MacAddress.BROADCAST, frame.destination());
        assertEquals(MacAddress.parse("02:00:00:00:00:04"), frame.source());
        assertEquals(EthernetFrame.ETHERTYPE_ARP, frame.etherType());
        assertEquals(46, frame.payload().length, "the parsed payload still holds the padding");
        assertEquals("Ethernet 02:00:00:00:00:04 > ff:ff:ff:ff:ff:ff ARP length 46", frame.toString());
    }

    @Test
    void buildsTheSameBytesWithPaddingAndFcs() {
        ArpPacket arp = ArpPacket.request(MacAddress.parse("02:00:00:00:00:04"), Ipv4Address.parse("192.168.0.4"),
                Ipv4Address.parse("192.168.0.1"));
        EthernetFrame frame = new EthernetFrame(MacAddress.BROADCAST, arp.senderMac(), EthernetFrame.ETHERTYPE_ARP,
                arp.toBytes());
        assertArrayEquals(ARP_FRAME, frame.toBytes());
        assertEquals(64, frame.toBytes().length, "28 bytes of ARP are padded to the 64-byte minimum frame");
        assertArrayEquals(Arrays.copyOf(ARP_FRAME, 60), frame.toBytesWithoutFcs());
    }

    @Test
    void fcsIsTheCrc32SentLeastSignificantByteFirst() {
        CRC32 crc = new CRC32();
        crc.update(ARP_FRAME, 0, 60);
        assertEquals(0xe524fa52L, crc.getValue());
        // IEEE 802.3: running the CRC over the frame and its FCS leaves a constant residue,
        // which only holds when the FCS bytes are in the order the NIC sends them.
        CRC32 whole = new CRC32();
        whole.update(ARP_FRAME);
        assertEquals(EthernetFrame.CRC_RESIDUE, whole.getValue());
    }

    @Test
    void roundTripOfAFullSizePayload() {
        byte[] payload = new byte[1500];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) i;
        }
        EthernetFrame frame = new EthernetFrame(MacAddress.parse("02:00:00:00:00:01"), MacAddress.parse("02:00:00:00:00:02"),
                EthernetFrame.ETHERTYPE_IPV4, payload);
        assertEquals(frame, EthernetFrame.parse(frame.toBytes()));
        assertEquals(1518, frame.toBytes().length);
    }

    @Test
    void corruptedBitFailsTheFcs() {
        byte[] corrupted = ARP_FRAME.clone();
        corrupted[30] ^= 0x01;
        String message = Hex.malformed("FCS", () -> EthernetFrame.parse(corrupted));
        assertTrue(message.startsWith("Ethernet FCS is 0xe524fa52 but the CRC-32 of the frame is 0x"), message);
        assertTrue(message.endsWith("the frame was corrupted on the link, so the NIC drops it"), message);
    }

    @Test
    void runtsAndGiantsAreRejected() {
        Hex.malformed("length", () -> EthernetFrame.parse(Arrays.copyOf(ARP_FRAME, 63)));
        Hex.malformed("length", () -> EthernetFrame.parse(new byte[0]));
        Hex.malformed("length", () -> EthernetFrame.parse(null));
        Hex.malformed("length", () -> EthernetFrame.parse(new byte[1519]));
        Hex.malformed("length", () -> EthernetFrame.parseWithoutFcs(new byte[13]));
    }

    @Test
    void lengthFieldInsteadOfEtherTypeIsRejected() {
        byte[] frame = Arrays.copyOf(ARP_FRAME, 60);
        frame[12] = 0x00;
        frame[13] = 0x2e;
        String message = Hex.malformed("EtherType", () -> EthernetFrame.parseWithoutFcs(frame));
        assertTrue(message.contains("0x002e"), message);
    }

    @Test
    void constructorRejectsOversizedPayloads() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new EthernetFrame(MacAddress.BROADCAST,
                MacAddress.ZERO, EthernetFrame.ETHERTYPE_IPV4, new byte[1501])).getMessage().contains("at most 1500"));
    }

    @Test
    void payloadIsCopiedSoFramesStayImmutable() {
        byte[] payload = new byte[46];
        EthernetFrame frame = new EthernetFrame(MacAddress.BROADCAST, MacAddress.ZERO, 0x0800, payload);
        payload[0] = 1;
        frame.payload()[1] = 1;
        assertArrayEquals(new byte[46], frame.payload());
    }
}
