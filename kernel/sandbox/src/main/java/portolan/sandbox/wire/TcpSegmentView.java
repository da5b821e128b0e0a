package portolan.sandbox.wire;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A TcpSegmentView is a checked, read-only reading of a received TCP segment's bytes: the header
 * fields read once and the payload left where it is. {@link #parse} checks exactly what
 * {@link TcpSegment#parse} checks (it is that method's first half), but copies nothing and builds
 * no option list — a receiving stack copies the payload once, into its receive buffer, with
 * {@link #copyPayload}. The bytes must not change while the view is in use (an
 * {@link Ipv4Packet}'s never do).
 */
public final class TcpSegmentView {
    private final byte[] bytes;
    private final int headerLength;
    private final long sequenceNumber;
    private final long acknowledgmentNumber;
    private final int flags;
    private final int window;
    private final int mss;
    /** True if {@link #bytes} can never change (a packet's): slices may then share them. */
    private final boolean immutable;

    private TcpSegmentView(byte[] bytes, boolean immutable, int headerLength, int mss) {
        this.bytes = bytes;
        this.immutable = immutable;
        this.headerLength = headerLength;
        this.sequenceNumber = Bytes.u32(bytes, 4);
        this.acknowledgmentNumber = Bytes.u32(bytes, 8);
        this.flags = Bytes.u8(bytes, 13);
        this.window = Bytes.u16(bytes, 14);
        this.mss = mss;
    }

    /** Reads the segment an IPv4 packet carries, as {@link #parse(byte[], Ipv4Address, Ipv4Address)}. */
    public static TcpSegmentView parse(Ipv4Packet packet) {
        return parse(packet.payloadForReading(), true, packet.source(), packet.destination());
    }

    /**
     * Reads a segment (the IP payload) sent from {@code source} to {@code destination} and verifies
     * its checksum and options; {@code b} is kept, not copied.
     *
     * @throws MalformedPacketException naming "length", "data offset", "options" or "checksum"
     */
    public static TcpSegmentView parse(byte[] b, Ipv4Address source, Ipv4Address destination) {
        return parse(b, false, source, destination);
    }

    private static TcpSegmentView parse(byte[] b, boolean immutable, Ipv4Address source, Ipv4Address destination) {
        Bytes.requireLength(b, TcpSegment.MIN_HEADER, "TCP segment", "length");
        int dataOffset = Bytes.u8(b, 12) >>> 4;
        if (dataOffset < 5) {
            throw new MalformedPacketException("data offset", "TCP data offset is " + dataOffset
                    + " but the header is at least 5 words (20 bytes) long");
        }
        int headerLength = dataOffset * 4;
        if (headerLength > b.length) {
            throw new MalformedPacketException("data offset", "TCP data offset says the header is " + headerLength
                    + " bytes but the whole segment is only " + b.length + " bytes");
        }
        int found = Bytes.u16(b, TcpSegment.CHECKSUM_OFFSET);
        long sum = Checksums.pseudoHeaderSum(source, destination, Ipv4Packet.PROTOCOL_TCP, b.length);
        int computed = Checksums.finish(Checksums.sum(Checksums.sum(sum, b, 0, 16), b, 18, b.length - 18));
        if (found != computed) {
            throw new MalformedPacketException("checksum", "TCP checksum is " + Bytes.hex16(found)
                    + " but the segment and its pseudo-header (" + source + " > " + destination + ") add up to "
                    + Bytes.hex16(computed) + ": it was corrupted, or an address was rewritten without fixing the checksum");
        }
        return new TcpSegmentView(b, immutable, headerLength, readOptions(b, headerLength, null));
    }

    /**
     * Reads options up to End-of-List or the header end, checking every length before use, and
     * adds them to {@code into} if it is not null; returns the first MSS option's value, or -1.
     */
    static int readOptions(byte[] b, int headerLength, List<TcpOption> into) {
        int mss = -1;
        int i = TcpSegment.MIN_HEADER;
        while (i < headerLength) {
            int kind = Bytes.u8(b, i);
            if (kind == TcpOption.END_OF_LIST) {
                break;
            }
            if (kind == TcpOption.NOP) {
                if (into != null) {
                    into.add(TcpOption.nop());
                }
                i++;
                continue;
            }
            if (i + 1 >= headerLength) {
                throw new MalformedPacketException("options", "TCP option " + kind + " at byte " + i
                        + " has no room for its length byte before the header ends");
            }
            int length = Bytes.u8(b, i + 1);
            if (length < 2 || i + length > headerLength) {
                throw new MalformedPacketException("options", "TCP option " + kind + " at byte " + i + " says it is "
                        + length + " bytes long, which " + (length < 2 ? "is less than its own kind and length bytes"
                        : "runs past the end of the header at byte " + headerLength));
            }
            if (kind == TcpOption.MSS) {
                if (length != 4) {
                    throw new MalformedPacketException("options", "TCP MSS option is " + length + " bytes long but must be 4");
                }
                if (mss < 0) {
                    mss = Bytes.u16(b, i + 2);
                }
            }
            if (into != null) {
                into.add(new TcpOption(kind, Arrays.copyOfRange(b, i + 2, i + length)));
            }
            i += length;
        }
        return mss;
    }

    /** The segment as a {@link TcpSegment} record (options and payload copied out). */
    public TcpSegment toSegment() {
        List<TcpOption> options = new ArrayList<>();
        readOptions(bytes, headerLength, options);
        return new TcpSegment(sourcePort(), destinationPort(), sequenceNumber, acknowledgmentNumber, flags, window,
                Bytes.u16(bytes, 18), options, Arrays.copyOfRange(bytes, headerLength, bytes.length));
    }

    public int sourcePort() {
        return Bytes.u16(bytes, 0);
    }

    public int destinationPort() {
        return Bytes.u16(bytes, 2);
    }

    /** 32-bit unsigned, as a long. */
    public long sequenceNumber() {
        return sequenceNumber;
    }

    /** 32-bit unsigned, meaningful when ACK is set. */
    public long acknowledgmentNumber() {
        return acknowledgmentNumber;
    }

    /** The flag byte, a bit set of {@link TcpSegment#FIN}, {@link TcpSegment#SYN}, ... */
    public int flags() {
        return flags;
    }

    public boolean has(int flag) {
        return (flags & flag) == flag;
    }

    public int window() {
        return window;
    }

    /** The first MSS option's value, or -1 if the segment has none. */
    public int mss() {
        return mss;
    }

    /** Number of data bytes. */
    public int payloadLength() {
        return bytes.length - headerLength;
    }

    /** Sequence space the segment occupies: data plus one each for SYN and FIN (RFC 9293 §3.4). */
    public int sequenceLength() {
        return payloadLength() + (has(TcpSegment.SYN) ? 1 : 0) + (has(TcpSegment.FIN) ? 1 : 0);
    }

    /** Copies {@code length} payload bytes starting at payload byte {@code from} into {@code target} at {@code offset}. */
    public void copyPayload(int from, byte[] target, int offset, int length) {
        checkPayloadRange(from, length);
        System.arraycopy(bytes, headerLength + from, target, offset, length);
    }

    /**
     * {@code length} payload bytes from payload byte {@code from} as a read-only buffer: shared with
     * the packet when its bytes cannot change, else copied (the array given to {@link #parse(byte[],
     * Ipv4Address, Ipv4Address)} stays the caller's).
     */
    public ByteBuffer payloadSlice(int from, int length) {
        checkPayloadRange(from, length);
        if (immutable) {
            return ByteBuffer.wrap(bytes, headerLength + from, length).asReadOnlyBuffer();
        }
        return ByteBuffer.wrap(Arrays.copyOfRange(bytes, headerLength + from, headerLength + from + length))
                .asReadOnlyBuffer();
    }

    private void checkPayloadRange(int from, int length) {
        if (from < 0 || length < 0 || from + length > payloadLength()) {
            throw new IndexOutOfBoundsException("payload bytes " + from + " to " + (from + length) + " of a "
                    + payloadLength() + "-byte payload");
        }
    }

    @Override
    public String toString() {
        return toSegment().toString();
    }
}
