package portolan.sandbox.wire;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.CRC32;

/**
 * An EthernetFrame is an Ethernet II frame (IEEE 802.3 with an EtherType): destination MAC,
 * source MAC, EtherType, payload and the frame check sequence (FCS).
 *
 * <pre>
 *  0      6      12   14                         14+n   14+n+4
 *  | dst  | src  |type| payload (46..1500 bytes)  | FCS  |
 * </pre>
 *
 * <p>{@link #toBytes()} pads a short payload with zeros to the 46-byte minimum (so every frame
 * is at least 64 bytes, the size a collision-detecting NIC needs) and appends the FCS: the
 * IEEE 802.3 CRC-32 over destination..payload, which is what {@link CRC32} computes, sent
 * least significant byte first as NICs put it on the wire. A receiver running the same CRC
 * over the whole frame including the FCS always gets the residue {@link #CRC_RESIDUE}.
 *
 * <p>Because padding cannot be told apart from data, {@link #parse} returns the padded
 * payload; the layer above trims it (IPv4 by its total length).
 */
public record EthernetFrame(MacAddress destination, MacAddress source, int etherType, byte[] payload) {
    /** EtherType of an IPv4 packet. */
    public static final int ETHERTYPE_IPV4 = 0x0800;
    /** EtherType of an ARP packet. */
    public static final int ETHERTYPE_ARP = 0x0806;
    public static final int HEADER_LENGTH = 14;
    public static final int FCS_LENGTH = 4;
    public static final int MIN_PAYLOAD = 46;
    public static final int MAX_PAYLOAD = 1500;
    /** Smallest frame on the wire, FCS included. */
    public static final int MIN_FRAME = HEADER_LENGTH + MIN_PAYLOAD + FCS_LENGTH;
    /** Largest untagged frame on the wire, FCS included. */
    public static final int MAX_FRAME = HEADER_LENGTH + MAX_PAYLOAD + FCS_LENGTH;
    /** CRC-32 of a correct frame together with its FCS (the IEEE 802.3 "magic number" as CRC32 reports it). */
    public static final long CRC_RESIDUE = 0x2144df1cL;

    public EthernetFrame {
        if (destination == null || source == null || payload == null) {
            throw new IllegalArgumentException("an Ethernet frame needs a destination, a source and a payload");
        }
        // Values below 0x0600 are 802.3 lengths, not EtherTypes (IEEE 802.3 clause 3.2.6).
        Bytes.requireRange("the EtherType", etherType, 0x0600, 0xffff);
        if (payload.length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("an Ethernet payload carries at most " + MAX_PAYLOAD + " bytes (the MTU), not "
                    + payload.length + "; fragment the IP packet or lower the MTU");
        }
        payload = payload.clone();
    }

    /** A copy of the payload (possibly including padding, see the class comment). */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /**
     * Parses a frame as received from the wire, FCS included, and checks the FCS.
     *
     * @throws MalformedPacketException for a runt or giant frame ("length"), a reserved
     *         EtherType ("EtherType"), or a CRC mismatch ("FCS")
     */
    public static EthernetFrame parse(byte[] wire) {
        Bytes.requireLength(wire, MIN_FRAME, "Ethernet frame", "length");
        if (wire.length > MAX_FRAME) {
            throw new MalformedPacketException("length", "Ethernet frame is " + wire.length
                    + " bytes but an untagged frame is at most " + MAX_FRAME + " bytes: a giant frame, dropped by the NIC");
        }
        int end = wire.length - FCS_LENGTH;
        long expected = fcs(wire, end);
        long found = storedFcs(wire);
        if (expected != found) {
            throw new MalformedPacketException("FCS", "Ethernet FCS is 0x" + hex32(found) + " but the CRC-32 of the frame is 0x"
                    + hex32(expected) + ": the frame was corrupted on the link, so the NIC drops it");
        }
        return parse(wire, end);
    }

    /** The FCS in a frame's last four bytes as sent (IEEE 802.3 sends the CRC-32's least significant byte first). */
    public static long storedFcs(byte[] wire) {
        Bytes.requireLength(wire, HEADER_LENGTH + FCS_LENGTH, "Ethernet frame", "length");
        int end = wire.length - FCS_LENGTH;
        return (wire[end] & 0xffL) | (wire[end + 1] & 0xffL) << 8 | (wire[end + 2] & 0xffL) << 16
                | (wire[end + 3] & 0xffL) << 24;
    }

    /**
     * Parses a frame whose FCS was already stripped, as stored in a capture file.
     *
     * @throws MalformedPacketException if shorter than a header or the EtherType is reserved
     */
    public static EthernetFrame parseWithoutFcs(byte[] frame) {
        Bytes.requireLength(frame, HEADER_LENGTH, "Ethernet frame", "length");
        return parse(frame, frame.length);
    }

    /** Parses the first {@code length} bytes of {@code frame}, copying only the payload. */
    private static EthernetFrame parse(byte[] frame, int length) {
        int type = Bytes.u16(frame, 12);
        if (type < 0x0600) {
            throw new MalformedPacketException("EtherType", "EtherType is " + Bytes.hex16(type)
                    + ", which is an IEEE 802.3 length field, not an Ethernet II type such as 0x0800 (IPv4)");
        }
        if (length - HEADER_LENGTH > MAX_PAYLOAD) {
            throw new MalformedPacketException("length", "Ethernet payload is " + (length - HEADER_LENGTH)
                    + " bytes but at most " + MAX_PAYLOAD + " fit in a frame");
        }
        return new EthernetFrame(MacAddress.read(frame, 0), MacAddress.read(frame, 6), type,
                Arrays.copyOfRange(frame, HEADER_LENGTH, length));
    }

    /** The frame as sent on the wire: header, payload padded to 46 bytes, FCS. */
    public byte[] toBytes() {
        int bodyLength = bodyLength();
        byte[] wire = new byte[bodyLength + FCS_LENGTH];
        writeBody(wire);
        long crc = fcs(wire, bodyLength);
        for (int i = 0; i < FCS_LENGTH; i++) {
            wire[bodyLength + i] = (byte) (crc >>> (8 * i));
        }
        return wire;
    }

    /** Header and padded payload without the FCS: what a capture file stores for LINKTYPE_ETHERNET. */
    public byte[] toBytesWithoutFcs() {
        byte[] b = new byte[bodyLength()];
        writeBody(b);
        return b;
    }

    private int bodyLength() {
        return HEADER_LENGTH + Math.max(payload.length, MIN_PAYLOAD);
    }

    /** Writes header and payload from byte 0; the padding stays zero as allocated. */
    private void writeBody(byte[] b) {
        destination.write(b, 0);
        source.write(b, 6);
        Bytes.put16(b, 12, etherType);
        System.arraycopy(payload, 0, b, HEADER_LENGTH, payload.length);
    }

    private static long fcs(byte[] b, int length) {
        CRC32 crc = new CRC32();
        crc.update(b, 0, length);
        return crc.getValue();
    }

    private static String hex32(long v) {
        return HexFormat.of().toHexDigits((int) v);
    }

    /** Short name of an EtherType, e.g. "IPv4", or its hex value. */
    public static String etherTypeName(int etherType) {
        return switch (etherType) {
            case ETHERTYPE_IPV4 -> "IPv4";
            case ETHERTYPE_ARP -> "ARP";
            case 0x86dd -> "IPv6";
            default -> "ethertype " + Bytes.hex16(etherType);
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EthernetFrame f && destination.equals(f.destination) && source.equals(f.source)
                && etherType == f.etherType && Arrays.equals(payload, f.payload);
    }

    @Override
    public int hashCode() {
        return (destination.hashCode() * 31 + source.hashCode()) * 31 + etherType * 17 + Arrays.hashCode(payload);
    }

    /** One line, e.g. {@code Ethernet 02:00:00:00:00:01 > ff:ff:ff:ff:ff:ff ARP length 46}. */
    @Override
    public String toString() {
        return "Ethernet " + source + " > " + destination + " " + etherTypeName(etherType) + " length " + payload.length;
    }
}
