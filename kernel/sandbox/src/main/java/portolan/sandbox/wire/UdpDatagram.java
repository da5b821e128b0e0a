package portolan.sandbox.wire;

import java.util.Arrays;

/**
 * A UdpDatagram is a User Datagram Protocol message (RFC 768): source port, destination
 * port, length, checksum and data, with no connection and no delivery guarantee.
 *
 * <p>The checksum covers an IPv4 pseudo-header (source and destination address, protocol
 * 17, UDP length) as well as the datagram, so {@link #toBytes} and {@link #parse} need the
 * two addresses. A computed checksum of zero is sent as 0xFFFF, because zero on the wire
 * means "the sender computed no checksum" (RFC 768), which receivers accept unchecked.
 */
public record UdpDatagram(int sourcePort, int destinationPort, byte[] payload) {
    public static final int HEADER_LENGTH = 8;
    /** Where the checksum sits in the header (RFC 768); 0 there means the sender computed none. */
    public static final int CHECKSUM_OFFSET = 6;

    public UdpDatagram {
        Bytes.requireRange("the UDP source port", sourcePort, 0, 0xffff);
        Bytes.requireRange("the UDP destination port", destinationPort, 0, 0xffff);
        if (payload == null) {
            throw new IllegalArgumentException("a UDP datagram needs a payload (may be empty)");
        }
        if (HEADER_LENGTH + payload.length > 0xffff) {
            throw new IllegalArgumentException("a UDP datagram carries at most 65527 bytes, not " + payload.length);
        }
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    public int length() {
        return HEADER_LENGTH + payload.length;
    }

    /**
     * Parses a datagram (the IP payload) sent from {@code source} to {@code destination} and
     * verifies its checksum unless the sender left it zero. Bytes after the UDP length are
     * ignored.
     *
     * @throws MalformedPacketException naming "length" or "checksum"
     */
    public static UdpDatagram parse(byte[] b, Ipv4Address source, Ipv4Address destination) {
        Bytes.requireLength(b, HEADER_LENGTH, "UDP datagram", "length");
        int length = Bytes.u16(b, 4);
        if (length < HEADER_LENGTH) {
            throw new MalformedPacketException("length", "UDP length is " + length + " but the UDP header alone is 8 bytes");
        }
        if (length > b.length) {
            throw new MalformedPacketException("length", "UDP length is " + length + " but only " + b.length
                    + " bytes arrived: the datagram was truncated");
        }
        int found = Bytes.u16(b, CHECKSUM_OFFSET);
        if (found != 0) {
            int computed = checksum(b, length, source, destination);
            if (found != computed) {
                throw new MalformedPacketException("checksum", "UDP checksum is " + Bytes.hex16(found)
                        + " but the datagram and its pseudo-header (" + source + " > " + destination + ") add up to "
                        + Bytes.hex16(computed) + ": it was corrupted, or an address was rewritten without fixing the checksum");
            }
        }
        return new UdpDatagram(Bytes.u16(b, 0), Bytes.u16(b, 2), Arrays.copyOfRange(b, HEADER_LENGTH, length));
    }

    /** The datagram as sent from {@code source} to {@code destination}, checksum filled in. */
    public byte[] toBytes(Ipv4Address source, Ipv4Address destination) {
        byte[] b = new byte[length()];
        Bytes.put16(b, 0, sourcePort);
        Bytes.put16(b, 2, destinationPort);
        Bytes.put16(b, 4, b.length);
        System.arraycopy(payload, 0, b, HEADER_LENGTH, payload.length);
        Bytes.put16(b, CHECKSUM_OFFSET, checksum(b, b.length, source, destination));
        return b;
    }

    /** The checksum for the first {@code length} bytes of {@code b} with its checksum field skipped; never 0. */
    private static int checksum(byte[] b, int length, Ipv4Address source, Ipv4Address destination) {
        long sum = Checksums.pseudoHeaderSum(source, destination, Ipv4Packet.PROTOCOL_UDP, length);
        sum = Checksums.sum(Checksums.sum(sum, b, 0, 6), b, HEADER_LENGTH, length - HEADER_LENGTH);
        int c = Checksums.finish(sum);
        return c == 0 ? 0xffff : c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UdpDatagram d && sourcePort == d.sourcePort && destinationPort == d.destinationPort
                && Arrays.equals(payload, d.payload);
    }

    @Override
    public int hashCode() {
        return (sourcePort * 31 + destinationPort) * 31 + Arrays.hashCode(payload);
    }

    /** tcpdump style, e.g. {@code UDP 68 > 67 length 300}. */
    @Override
    public String toString() {
        return "UDP " + sourcePort + " > " + destinationPort + " length " + payload.length;
    }
}
