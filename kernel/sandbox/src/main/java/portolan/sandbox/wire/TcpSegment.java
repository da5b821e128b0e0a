package portolan.sandbox.wire;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.StringJoiner;

/**
 * A TcpSegment is one unit of the Transmission Control Protocol (RFC 9293 §3.1): ports,
 * sequence and acknowledgment numbers, control flags, receive window, options and data.
 *
 * <pre>
 *  src port | dst port | sequence number | acknowledgment number
 *  data offset|flags | window | checksum | urgent pointer | options (padded) | data
 * </pre>
 *
 * <p>The data offset is derived from the options; {@link #toBytes} pads the options with
 * End-of-Option-List zeros to a 32-bit boundary and computes the checksum over the IPv4
 * pseudo-header, header and data (RFC 9293 §3.1), which is why it needs the addresses.
 *
 * @param sequenceNumber 32-bit unsigned, as a long
 * @param acknowledgmentNumber 32-bit unsigned, meaningful when ACK is set
 * @param flags a bit set of {@link #FIN}, {@link #SYN}, ... as in the header's flag byte
 * @param options in header order; NOPs kept, the terminating End-of-List and padding not
 */
public record TcpSegment(int sourcePort, int destinationPort, long sequenceNumber, long acknowledgmentNumber, int flags,
        int window, int urgentPointer, List<TcpOption> options, byte[] payload) {
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;
    public static final int URG = 0x20;
    public static final int ECE = 0x40;
    public static final int CWR = 0x80;
    public static final int MIN_HEADER = 20;
    public static final int MAX_HEADER = 60;
    /** Where the checksum sits in the header (RFC 9293 §3.1). */
    public static final int CHECKSUM_OFFSET = 16;
    /** Flag names in bit order, lowest first, the order Wireshark prints them ("SYN,ACK"). */
    private static final String[] FLAG_NAMES = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR"};

    public TcpSegment {
        check(sourcePort, destinationPort, sequenceNumber, acknowledgmentNumber, flags, window, urgentPointer);
        if (options == null || payload == null) {
            throw new IllegalArgumentException("a TCP segment needs options and payload (both may be empty)");
        }
        options = List.copyOf(options);
        checkOptions(options);
        payload = payload.clone();
    }

    private static void check(int sourcePort, int destinationPort, long sequenceNumber, long acknowledgmentNumber,
            int flags, int window, int urgentPointer) {
        Bytes.requireRange("the TCP source port", sourcePort, 0, 0xffff);
        Bytes.requireRange("the TCP destination port", destinationPort, 0, 0xffff);
        Bytes.requireRange("the sequence number", sequenceNumber, 0, 0xffffffffL);
        Bytes.requireRange("the acknowledgment number", acknowledgmentNumber, 0, 0xffffffffL);
        Bytes.requireRange("the TCP flags", flags, 0, 0xff);
        Bytes.requireRange("the window", window, 0, 0xffff);
        Bytes.requireRange("the urgent pointer", urgentPointer, 0, 0xffff);
    }

    private static int checkOptions(List<TcpOption> options) {
        int optionBytes = optionBytes(options);
        if (optionBytes > MAX_HEADER - MIN_HEADER) {
            throw new IllegalArgumentException("TCP options take at most 40 bytes, these take " + optionBytes);
        }
        return optionBytes;
    }

    /** A segment without options or urgent data. */
    public static TcpSegment of(int sourcePort, int destinationPort, long seq, long ack, int flags, int window,
            byte[] payload) {
        return new TcpSegment(sourcePort, destinationPort, seq, ack, flags, window, 0, List.of(), payload);
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** Number of data bytes. */
    public int payloadLength() {
        return payload.length;
    }

    public boolean has(int flag) {
        return (flags & flag) == flag;
    }

    /** Header length in 32-bit words, 5 without options. */
    public int dataOffset() {
        return dataOffset(optionBytes(options));
    }

    private static int dataOffset(int optionBytes) {
        return (MIN_HEADER + (optionBytes + 3) / 4 * 4) / 4;
    }

    /** The MSS option's value, if present. */
    public OptionalInt mss() {
        for (TcpOption o : options) {
            if (o.kind() == TcpOption.MSS && o.length() == 4) {
                return OptionalInt.of(Bytes.u16(o.data(), 0));
            }
        }
        return OptionalInt.empty();
    }

    /**
     * Sequence space this segment occupies: its data length plus one for SYN and one for FIN
     * (RFC 9293 §3.4), the amount the receiver acknowledges.
     */
    public int sequenceLength() {
        return payload.length + (has(SYN) ? 1 : 0) + (has(FIN) ? 1 : 0);
    }

    /** The set flags separated by commas, e.g. "SYN,ACK"; "none" when no flag is set. */
    public String flagsString() {
        StringJoiner j = new StringJoiner(",");
        for (int i = 0; i < FLAG_NAMES.length; i++) {
            if ((flags & 1 << i) != 0) {
                j.add(FLAG_NAMES[i]);
            }
        }
        return j.length() == 0 ? "none" : j.toString();
    }

    private static int optionBytes(List<TcpOption> options) {
        int sum = 0;
        for (int i = 0; i < options.size(); i++) { // by index: no iterator per segment sent
            sum += options.get(i).length();
        }
        return sum;
    }

    /** Parses the segment an IPv4 packet carries, as {@link #parse(byte[], Ipv4Address, Ipv4Address)}. */
    public static TcpSegment parse(Ipv4Packet packet) {
        return TcpSegmentView.parse(packet).toSegment();
    }

    /**
     * Parses a segment (the IP payload) sent from {@code source} to {@code destination} and
     * verifies its checksum.
     *
     * @throws MalformedPacketException naming "length", "data offset", "options" or "checksum"
     */
    public static TcpSegment parse(byte[] b, Ipv4Address source, Ipv4Address destination) {
        return TcpSegmentView.parse(b, source, destination).toSegment();
    }

    /** The segment as sent from {@code source} to {@code destination}, checksum filled in. */
    public byte[] toBytes(Ipv4Address source, Ipv4Address destination) {
        return encode(sourcePort, destinationPort, sequenceNumber, acknowledgmentNumber, flags, window, urgentPointer,
                options, payload, 0, payload.length, source, destination);
    }

    /**
     * The bytes of the segment with these fields and {@code length} data bytes of {@code data}
     * from {@code offset}, checksum filled in: {@code new TcpSegment(...).toBytes(source,
     * destination)} without building the record, for a sender whose data sits in a larger buffer.
     */
    public static byte[] encode(int sourcePort, int destinationPort, long sequenceNumber, long acknowledgmentNumber,
            int flags, int window, int urgentPointer, List<TcpOption> options, byte[] data, int offset, int length,
            Ipv4Address source, Ipv4Address destination) {
        check(sourcePort, destinationPort, sequenceNumber, acknowledgmentNumber, flags, window, urgentPointer);
        Objects.checkFromIndexSize(offset, length, data.length);
        int dataOffset = dataOffset(checkOptions(options));
        int headerLength = dataOffset * 4;
        byte[] b = new byte[headerLength + length];
        Bytes.put16(b, 0, sourcePort);
        Bytes.put16(b, 2, destinationPort);
        Bytes.put32(b, 4, sequenceNumber);
        Bytes.put32(b, 8, acknowledgmentNumber);
        b[12] = (byte) (dataOffset << 4);
        b[13] = (byte) flags;
        Bytes.put16(b, 14, window);
        Bytes.put16(b, 18, urgentPointer);
        int at = MIN_HEADER;
        for (int i = 0; i < options.size(); i++) {
            TcpOption option = options.get(i);
            option.write(b, at);
            at += option.length();
        }
        System.arraycopy(data, offset, b, headerLength, length);
        long sum = Checksums.pseudoHeaderSum(source, destination, Ipv4Packet.PROTOCOL_TCP, b.length);
        Bytes.put16(b, CHECKSUM_OFFSET, Checksums.finish(Checksums.sum(sum, b, 0, b.length)));
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TcpSegment t && sourcePort == t.sourcePort && destinationPort == t.destinationPort
                && sequenceNumber == t.sequenceNumber && acknowledgmentNumber == t.acknowledgmentNumber
                && flags == t.flags && window == t.window && urgentPointer == t.urgentPointer
                && options.equals(t.options) && Arrays.equals(payload, t.payload);
    }

    @Override
    public int hashCode() {
        return ((sourcePort * 31 + destinationPort) * 31 + Long.hashCode(sequenceNumber)) * 31 + flags
                + Arrays.hashCode(payload);
    }

    /** tcpdump style, e.g. {@code TCP 49152 > 80 [SYN] seq 1000 win 65535 options [mss 1460] length 0}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("TCP ").append(sourcePort).append(" > ").append(destinationPort)
                .append(" [").append(flagsString()).append("] seq ").append(sequenceNumber);
        if (has(ACK)) {
            s.append(" ack ").append(acknowledgmentNumber);
        }
        s.append(" win ").append(window);
        if (!options.isEmpty()) {
            StringJoiner j = new StringJoiner(",", " options [", "]");
            options.forEach(o -> j.add(o.toString()));
            s.append(j);
        }
        return s.append(" length ").append(payload.length).toString();
    }
}
