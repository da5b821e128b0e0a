package portolan.sandbox.wire;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An Ipv4Packet is an Internet Protocol version 4 datagram (RFC 791 §3.1): a header that
 * carries it hop by hop from source to destination, and the payload of an upper protocol.
 *
 * <pre>
 *  ver|IHL | DSCP|ECN | total length      | identification | flags|fragment offset
 *  TTL | protocol | header checksum | source address | destination address | options | payload
 * </pre>
 *
 * <p>The derived fields are not stored: IHL and total length follow from the options and
 * payload, and {@link #toBytes()} always computes the header checksum (RFC 1071), so a copy
 * made with {@link #withTtl} or {@link #withSource} is automatically correct. The reserved
 * flag bit is ignored on input and sent as zero, as RFC 791 asks.
 *
 * @param fragmentOffset where this fragment's payload starts in the original payload, in
 *        units of 8 bytes (the unit of the 13-bit field); see {@link #payloadOffset()}
 * @param options raw option bytes, a multiple of 4 bytes, at most 40 (usually empty)
 */
public record Ipv4Packet(int dscp, int ecn, int identification, boolean dontFragment, boolean moreFragments,
        int fragmentOffset, int ttl, int protocol, Ipv4Address source, Ipv4Address destination, byte[] options,
        byte[] payload) {
    public static final int PROTOCOL_ICMP = 1;
    public static final int PROTOCOL_TCP = 6;
    public static final int PROTOCOL_UDP = 17;
    public static final int MIN_HEADER = 20;
    public static final int MAX_HEADER = 60;
    public static final int DEFAULT_TTL = 64;
    /** Where the header checksum sits in the header (RFC 791 §3.1). */
    public static final int CHECKSUM_OFFSET = 10;

    public Ipv4Packet {
        Bytes.requireRange("DSCP", dscp, 0, 63);
        Bytes.requireRange("ECN", ecn, 0, 3);
        Bytes.requireRange("the identification", identification, 0, 0xffff);
        Bytes.requireRange("the fragment offset (in 8-byte units)", fragmentOffset, 0, 0x1fff);
        Bytes.requireRange("TTL", ttl, 0, 255);
        Bytes.requireRange("the protocol number", protocol, 0, 255);
        if (source == null || destination == null || options == null || payload == null) {
            throw new IllegalArgumentException("an IPv4 packet needs source, destination, options (may be empty) and payload");
        }
        if (options.length % 4 != 0 || options.length > MAX_HEADER - MIN_HEADER) {
            throw new IllegalArgumentException("IPv4 options must be padded to a multiple of 4 bytes and at most 40 bytes, not "
                    + options.length);
        }
        if (MIN_HEADER + options.length + payload.length > 0xffff) {
            throw new IllegalArgumentException("an IPv4 packet is at most 65535 bytes; this payload is " + payload.length);
        }
        options = options.clone();
        payload = payload.clone();
    }

    /** A packet with the usual defaults: no options, DSCP/ECN 0, not fragmented, DF clear. */
    public static Ipv4Packet of(Ipv4Address source, Ipv4Address destination, int protocol, int ttl, int identification,
            byte[] payload) {
        return new Ipv4Packet(0, 0, identification, false, false, 0, ttl, protocol, source, destination, new byte[0],
                payload);
    }

    @Override
    public byte[] options() {
        return options.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The payload itself, for parsers of this package that only read it (never hand it out). */
    byte[] payloadForReading() {
        return payload;
    }

    /** The header length in 32-bit words (IHL), 5 without options. */
    public int ihl() {
        return (MIN_HEADER + options.length) / 4;
    }

    public int headerLength() {
        return MIN_HEADER + options.length;
    }

    public int totalLength() {
        return headerLength() + payload.length;
    }

    /** The fragment offset in bytes. */
    public int payloadOffset() {
        return fragmentOffset * 8;
    }

    /** True for any piece of a fragmented datagram (MF set or a non-zero offset). */
    public boolean isFragment() {
        return moreFragments || fragmentOffset != 0;
    }

    /** The checksum {@link #toBytes()} writes into the header. */
    public int headerChecksum() {
        return Bytes.u16(toBytes(), CHECKSUM_OFFSET);
    }

    public Ipv4Packet withTtl(int newTtl) {
        return new Ipv4Packet(dscp, ecn, identification, dontFragment, moreFragments, fragmentOffset, newTtl, protocol,
                source, destination, options, payload);
    }

    /** A copy with another source address (the payload's TCP/UDP checksum is NOT adjusted). */
    public Ipv4Packet withSource(Ipv4Address newSource) {
        return new Ipv4Packet(dscp, ecn, identification, dontFragment, moreFragments, fragmentOffset, ttl, protocol,
                newSource, destination, options, payload);
    }

    /** A copy with another destination address (the payload's TCP/UDP checksum is NOT adjusted). */
    public Ipv4Packet withDestination(Ipv4Address newDestination) {
        return new Ipv4Packet(dscp, ecn, identification, dontFragment, moreFragments, fragmentOffset, ttl, protocol,
                source, newDestination, options, payload);
    }

    public Ipv4Packet withPayload(byte[] newPayload) {
        return new Ipv4Packet(dscp, ecn, identification, dontFragment, moreFragments, fragmentOffset, ttl, protocol,
                source, destination, options, newPayload);
    }

    /**
     * Parses a packet; bytes after the total length (Ethernet padding) are ignored.
     *
     * @throws MalformedPacketException naming "length", "version", "IHL", "total length" or
     *         "header checksum"
     */
    public static Ipv4Packet parse(byte[] b) {
        Bytes.requireLength(b, MIN_HEADER, "IPv4 packet", "length");
        return parse(b, 0, b.length);
    }

    /**
     * Parses the packet in {@code length} bytes of {@code b} from {@code offset}, e.g. an Ethernet
     * frame's payload, without copying it out first; otherwise as {@link #parse(byte[])}.
     */
    public static Ipv4Packet parse(byte[] b, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, b.length);
        if (length < MIN_HEADER) {
            throw new MalformedPacketException("length", "IPv4 packet is " + length + " bytes long but needs at least "
                    + MIN_HEADER + " bytes: it was cut short");
        }
        int version = Bytes.u8(b, offset) >>> 4;
        if (version != 4) {
            throw new MalformedPacketException("version", "IP version is " + version + " but this is an IPv4 packet (EtherType"
                    + " 0x0800), so it must be 4");
        }
        int ihl = Bytes.u8(b, offset) & 15;
        if (ihl < 5) {
            throw new MalformedPacketException("IHL", "IPv4 IHL is " + ihl + " but the header is at least 5 words "
                    + "(20 bytes) long");
        }
        int headerLength = ihl * 4;
        if (headerLength > length) {
            throw new MalformedPacketException("IHL", "IPv4 IHL says the header is " + headerLength
                    + " bytes but only " + length + " bytes arrived");
        }
        int totalLength = Bytes.u16(b, offset + 2);
        if (totalLength < headerLength) {
            throw new MalformedPacketException("total length", "IPv4 total length is " + totalLength
                    + " but the header alone is " + headerLength + " bytes");
        }
        if (totalLength > length) {
            throw new MalformedPacketException("total length", "IPv4 total length is " + totalLength + " but only "
                    + length + " bytes arrived: the packet was truncated");
        }
        int found = Bytes.u16(b, offset + CHECKSUM_OFFSET);
        // the header with its checksum field taken as zero, summed in place (RFC 791 §3.1)
        int computed = Checksums.finish(Checksums.sum(Checksums.sum(0, b, offset, 10), b, offset + 12,
                headerLength - 12));
        if (found != computed) {
            throw new MalformedPacketException("header checksum", "IPv4 header checksum is " + Bytes.hex16(found)
                    + " but the header adds up to " + Bytes.hex16(computed) + ": the header was corrupted in transit");
        }
        int flagsAndOffset = Bytes.u16(b, offset + 6);
        return new Ipv4Packet(Bytes.u8(b, offset + 1) >>> 2, Bytes.u8(b, offset + 1) & 3, Bytes.u16(b, offset + 4),
                (flagsAndOffset & 0x4000) != 0, (flagsAndOffset & 0x2000) != 0, flagsAndOffset & 0x1fff,
                Bytes.u8(b, offset + 8), Bytes.u8(b, offset + 9), Ipv4Address.read(b, offset + 12),
                Ipv4Address.read(b, offset + 16), Arrays.copyOfRange(b, offset + MIN_HEADER, offset + headerLength),
                Arrays.copyOfRange(b, offset + headerLength, offset + totalLength));
    }

    /** The packet as sent, with a freshly computed header checksum. */
    public byte[] toBytes() {
        byte[] b = new byte[totalLength()];
        writeTo(b, 0);
        return b;
    }

    /**
     * Writes {@link #toBytes()} into {@code target} from {@code offset} (e.g. into a frame being
     * built, without an intermediate array); the bytes there before are overwritten.
     */
    public void writeTo(byte[] target, int offset) {
        int headerLength = headerLength();
        int total = totalLength();
        Objects.checkFromIndexSize(offset, total, target.length);
        byte[] b = target;
        int at = offset;
        b[at] = (byte) (0x40 | ihl());
        b[at + 1] = (byte) (dscp << 2 | ecn);
        Bytes.put16(b, at + 2, total);
        Bytes.put16(b, at + 4, identification);
        Bytes.put16(b, at + 6, (dontFragment ? 0x4000 : 0) | (moreFragments ? 0x2000 : 0) | fragmentOffset);
        b[at + 8] = (byte) ttl;
        b[at + 9] = (byte) protocol;
        b[at + 10] = 0;
        b[at + 11] = 0;
        source.write(b, at + 12);
        destination.write(b, at + 16);
        System.arraycopy(options, 0, b, at + MIN_HEADER, options.length);
        Bytes.put16(b, at + CHECKSUM_OFFSET, Checksums.internet(b, at, headerLength));
        System.arraycopy(payload, 0, b, at + headerLength, payload.length);
    }

    /**
     * Splits this packet into fragments that each fit {@code mtu} bytes (RFC 791 §3.2,
     * "fragmentation"): every fragment but the last carries a multiple of 8 payload bytes and
     * MF; offsets count in 8-byte units from this packet's own offset; options are all kept
     * in the first fragment and only those with the "copied" bit in the others. A packet that
     * already fits is returned alone. Reassembly keeps state, so it belongs to the stack.
     *
     * @throws IllegalArgumentException if DF is set (the sender must get ICMP "fragmentation
     *         needed" instead) or the MTU cannot carry 8 payload bytes
     */
    public List<Ipv4Packet> fragment(int mtu) {
        if (totalLength() <= mtu) {
            return List.of(this);
        }
        if (dontFragment) {
            throw new IllegalArgumentException("packet " + this + " is " + totalLength() + " bytes, larger than the MTU " + mtu
                    + ", but has Don't Fragment set: answer with ICMP fragmentation-needed instead");
        }
        byte[] laterOptions = copiedOptions(options);
        int largestHeader = Math.max(headerLength(), MIN_HEADER + laterOptions.length);
        int chunk = (mtu - largestHeader) / 8 * 8;
        if (chunk <= 0) {
            throw new IllegalArgumentException("MTU " + mtu + " is too small to carry an IPv4 fragment (the minimum is 68)");
        }
        List<Ipv4Packet> fragments = new ArrayList<>();
        for (int start = 0; start < payload.length; start += chunk) {
            int end = Math.min(payload.length, start + chunk);
            boolean last = end == payload.length;
            fragments.add(new Ipv4Packet(dscp, ecn, identification, false, !last || moreFragments,
                    fragmentOffset + start / 8, ttl, protocol, source, destination, start == 0 ? options : laterOptions,
                    Arrays.copyOfRange(payload, start, end)));
        }
        return List.copyOf(fragments);
    }

    /**
     * Joins the fragments of one datagram back into a whole packet (RFC 791 §3.2,
     * "reassembly"), in any arrival order. This is the pure step: which fragments to keep
     * and for how long (the reassembly timer) is the stack's state. Where fragments overlap,
     * the one later in the list wins. The header comes from the fragment at offset 0.
     *
     * @return the whole packet, or empty while a piece is still missing (a gap, or no fragment
     *         without MF yet)
     * @throws IllegalArgumentException if the fragments belong to different datagrams
     *         (source, destination, protocol and identification must match)
     * @throws MalformedPacketException ("fragment offset") if the pieces add up to more than
     *         65,535 bytes, the size an IPv4 packet can have (the "ping of death")
     */
    public static Optional<Ipv4Packet> reassemble(List<Ipv4Packet> fragments) {
        if (fragments.isEmpty()) {
            return Optional.empty();
        }
        Ipv4Packet any = fragments.get(0);
        Ipv4Packet first = null;
        int end = -1;
        for (Ipv4Packet f : fragments) {
            if (!f.source.equals(any.source) || !f.destination.equals(any.destination) || f.protocol != any.protocol
                    || f.identification != any.identification) {
                throw new IllegalArgumentException("fragment " + f + " belongs to another datagram than " + any);
            }
            if (f.fragmentOffset == 0) {
                first = f;
            }
            if (!f.moreFragments) {
                end = f.payloadOffset() + f.payload.length;
            }
        }
        if (first == null || end < 0) {
            return Optional.empty();
        }
        int largest = fragments.stream().mapToInt(f -> f.payloadOffset() + f.payload.length).max().orElseThrow();
        if (first.headerLength() + largest > 0xffff) {
            throw new MalformedPacketException("fragment offset", "IPv4 fragments of id " + any.identification
                    + " add up to " + (first.headerLength() + largest) + " bytes, more than the 65535 an IPv4 packet "
                    + "can hold: a forged \"ping of death\"");
        }
        byte[] whole = new byte[end];
        boolean[] have = new boolean[end];
        for (Ipv4Packet f : fragments) {
            int from = f.payloadOffset();
            int length = Math.min(f.payload.length, Math.max(0, end - from));
            System.arraycopy(f.payload, 0, whole, from, length);
            Arrays.fill(have, from, from + length, true);
        }
        for (boolean b : have) {
            if (!b) {
                return Optional.empty();
            }
        }
        return Optional.of(new Ipv4Packet(first.dscp, first.ecn, first.identification, first.dontFragment, false, 0,
                first.ttl, first.protocol, first.source, first.destination, first.options, whole));
    }

    /** The options whose type has the "copied" flag (0x80), padded with zeros to a multiple of 4. */
    private static byte[] copiedOptions(byte[] options) {
        byte[] kept = new byte[options.length];
        int n = 0;
        for (int i = 0; i < options.length;) {
            int type = options[i] & 0xff;
            if (type == 0) {
                break;
            }
            int length = type == 1 ? 1 : (i + 1 < options.length ? Math.max(2, options[i + 1] & 0xff) : options.length - i);
            length = Math.min(length, options.length - i);
            if ((type & 0x80) != 0) {
                System.arraycopy(options, i, kept, n, length);
                n += length;
            }
            i += length;
        }
        return Arrays.copyOf(kept, (n + 3) / 4 * 4);
    }

    /** Short name of an IP protocol number, e.g. "TCP", or "protocol 47". */
    public static String protocolName(int protocol) {
        return switch (protocol) {
            case PROTOCOL_ICMP -> "ICMP";
            case PROTOCOL_TCP -> "TCP";
            case PROTOCOL_UDP -> "UDP";
            default -> "protocol " + protocol;
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ipv4Packet p && dscp == p.dscp && ecn == p.ecn && identification == p.identification
                && dontFragment == p.dontFragment && moreFragments == p.moreFragments
                && fragmentOffset == p.fragmentOffset && ttl == p.ttl && protocol == p.protocol
                && source.equals(p.source) && destination.equals(p.destination) && Arrays.equals(options, p.options)
                && Arrays.equals(payload, p.payload);
    }

    @Override
    public int hashCode() {
        return ((identification * 31 + source.hashCode()) * 31 + destination.hashCode()) * 31 + Arrays.hashCode(payload);
    }

    /**
     * tcpdump style, e.g. {@code IPv4 192.168.0.4 > 59.6.66.238 TTL 64 id 7 DF, proto TCP, length 40}
     * or, for a piece of a fragmented datagram, {@code IPv4 10.0.0.1 > 10.0.0.2 TTL 64 id 42 fragment
     * at offset 1480, more follow, proto UDP, length 1500}; the length is the packet's total length.
     */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("IPv4 ").append(source).append(" > ").append(destination)
                .append(" TTL ").append(ttl).append(" id ").append(identification);
        if (dontFragment) {
            s.append(" DF");
        }
        if (isFragment()) {
            s.append(" fragment at offset ").append(payloadOffset()).append(moreFragments ? ", more follow" : ", the last");
        }
        return s.append(", proto ").append(protocolName(protocol)).append(", length ").append(totalLength()).toString();
    }
}
