package portolan.sandbox.stack;

import java.util.zip.CRC32;
import portolan.sandbox.wire.EthernetFrame;
import portolan.sandbox.wire.Ipv4Packet;

/**
 * Frames holds the few raw-byte operations the stack's hot path needs on Ethernet frames as they
 * travel (FCS check, reading addresses, building a frame around a payload) without creating
 * {@link EthernetFrame} records and their copies. The layout and FCS rules are those of
 * {@link EthernetFrame}; a test checks that both produce the same bytes.
 */
final class Frames {
    private Frames() {
    }

    /** True if the frame has a legal length and its FCS matches (the CRC over frame and FCS leaves the residue). */
    static boolean intact(byte[] wire) {
        if (wire.length < EthernetFrame.MIN_FRAME || wire.length > EthernetFrame.MAX_FRAME) {
            return false;
        }
        CRC32 crc = new CRC32();
        crc.update(wire, 0, wire.length);
        return crc.getValue() == EthernetFrame.CRC_RESIDUE;
    }

    static int u16(byte[] b, int offset) {
        return (b[offset] & 0xff) << 8 | (b[offset + 1] & 0xff);
    }

    static int u32(byte[] b, int offset) {
        return u16(b, offset) << 16 | u16(b, offset + 2);
    }

    static void put16(byte[] b, int offset, int value) {
        b[offset] = (byte) (value >>> 8);
        b[offset + 1] = (byte) value;
    }

    /** A 48-bit MAC address read from {@code offset}, as the bits of a {@code MacAddress}. */
    static long mac(byte[] b, int offset) {
        return (long) u16(b, offset) << 32 | (u32(b, offset + 2) & 0xffff_ffffL);
    }

    static void putMac(byte[] b, int offset, long mac) {
        put16(b, offset, (int) (mac >>> 32));
        put16(b, offset + 2, (int) (mac >>> 16));
        put16(b, offset + 4, (int) mac);
    }

    /** A frame around {@code payload}: header, payload padded to 46 bytes, FCS (as EthernetFrame.toBytes). */
    static byte[] build(long destination, long source, int etherType, byte[] payload) {
        byte[] wire = header(destination, source, etherType, payload.length);
        System.arraycopy(payload, 0, wire, EthernetFrame.HEADER_LENGTH, payload.length);
        setFcs(wire);
        return wire;
    }

    /** The frame {@code build(destination, source, IPv4, packet.toBytes())}, the packet written straight into it. */
    static byte[] build(long destination, long source, Ipv4Packet packet) {
        byte[] wire = header(destination, source, EthernetFrame.ETHERTYPE_IPV4, packet.totalLength());
        packet.writeTo(wire, EthernetFrame.HEADER_LENGTH);
        setFcs(wire);
        return wire;
    }

    /** A zeroed frame for {@code length} payload bytes (padded to 46) with its header filled in. */
    private static byte[] header(long destination, long source, int etherType, int length) {
        if (length > EthernetFrame.MAX_PAYLOAD) {
            throw new IllegalArgumentException("an Ethernet payload carries at most " + EthernetFrame.MAX_PAYLOAD
                    + " bytes (the MTU), not " + length);
        }
        int body = EthernetFrame.HEADER_LENGTH + Math.max(length, EthernetFrame.MIN_PAYLOAD);
        byte[] wire = new byte[body + EthernetFrame.FCS_LENGTH];
        putMac(wire, 0, destination);
        putMac(wire, 6, source);
        put16(wire, 12, etherType);
        return wire;
    }

    /** Computes the FCS over everything before the last four bytes and stores it there, least significant byte first. */
    static void setFcs(byte[] wire) {
        int end = wire.length - EthernetFrame.FCS_LENGTH;
        CRC32 crc = new CRC32();
        crc.update(wire, 0, end);
        long value = crc.getValue();
        for (int i = 0; i < EthernetFrame.FCS_LENGTH; i++) {
            wire[end + i] = (byte) (value >>> (8 * i));
        }
    }
}
