package portolan.sandbox.wire;

import java.util.Arrays;
import java.util.Optional;

/**
 * An IcmpMessage is an Internet Control Message Protocol message (RFC 792): the echo
 * request/reply that {@code ping} sends, and the error reports a host or router sends back
 * about a packet it could not deliver (destination unreachable, time exceeded).
 *
 * <pre>
 *  type (1) | code (1) | checksum (2) | rest of header (4) | body
 * </pre>
 *
 * The rest of the header is identifier + sequence number for echoes, the next-hop MTU for
 * "fragmentation needed" (RFC 1191) and zero otherwise. An error's body quotes the offending
 * packet's IP header plus the first 8 bytes of its payload (RFC 792), enough for the sender
 * to find the TCP/UDP ports it came from. The checksum covers the whole message (RFC 1071).
 *
 * @param restOfHeader the 32-bit word after the checksum
 */
public record IcmpMessage(int type, int code, int restOfHeader, byte[] body) {
    public static final int TYPE_ECHO_REPLY = 0;
    public static final int TYPE_DESTINATION_UNREACHABLE = 3;
    public static final int TYPE_ECHO_REQUEST = 8;
    public static final int TYPE_TIME_EXCEEDED = 11;
    /** Destination unreachable codes (RFC 792, RFC 1122 §3.2.2.1). */
    public static final int CODE_NETWORK_UNREACHABLE = 0;
    public static final int CODE_HOST_UNREACHABLE = 1;
    public static final int CODE_PROTOCOL_UNREACHABLE = 2;
    public static final int CODE_PORT_UNREACHABLE = 3;
    public static final int CODE_FRAGMENTATION_NEEDED = 4;
    /** Time exceeded codes. */
    public static final int CODE_TTL_EXCEEDED = 0;
    public static final int CODE_REASSEMBLY_TIME_EXCEEDED = 1;
    public static final int HEADER_LENGTH = 8;
    /** Where the checksum sits in the header (RFC 792). */
    public static final int CHECKSUM_OFFSET = 2;

    public IcmpMessage {
        Bytes.requireRange("the ICMP type", type, 0, 255);
        Bytes.requireRange("the ICMP code", code, 0, 255);
        if (body == null) {
            throw new IllegalArgumentException("an ICMP message needs a body (may be empty)");
        }
        body = body.clone();
    }

    public static IcmpMessage echoRequest(int identifier, int sequence, byte[] data) {
        return new IcmpMessage(TYPE_ECHO_REQUEST, 0, echoWord(identifier, sequence), data);
    }

    public static IcmpMessage echoReply(int identifier, int sequence, byte[] data) {
        return new IcmpMessage(TYPE_ECHO_REPLY, 0, echoWord(identifier, sequence), data);
    }

    /** The reply to an echo request: same identifier, sequence number and data. */
    public static IcmpMessage replyTo(IcmpMessage request) {
        if (request.type != TYPE_ECHO_REQUEST) {
            throw new IllegalArgumentException("only an echo request can be answered with an echo reply, not " + request);
        }
        return new IcmpMessage(TYPE_ECHO_REPLY, 0, request.restOfHeader, request.body);
    }

    /** Destination unreachable with the given code, quoting {@code original}. */
    public static IcmpMessage destinationUnreachable(int code, Ipv4Packet original) {
        return new IcmpMessage(TYPE_DESTINATION_UNREACHABLE, code, 0, quote(original));
    }

    /** "Port unreachable": no program listens on the UDP port {@code original} was sent to. */
    public static IcmpMessage portUnreachable(Ipv4Packet original) {
        return destinationUnreachable(CODE_PORT_UNREACHABLE, original);
    }

    /** "Fragmentation needed and DF set", telling the sender the MTU of the next hop (RFC 1191 §4). */
    public static IcmpMessage fragmentationNeeded(int nextHopMtu, Ipv4Packet original) {
        Bytes.requireRange("the next-hop MTU", nextHopMtu, 0, 0xffff);
        return new IcmpMessage(TYPE_DESTINATION_UNREACHABLE, CODE_FRAGMENTATION_NEEDED, nextHopMtu, quote(original));
    }

    /** Time exceeded: {@link #CODE_TTL_EXCEEDED} (what traceroute relies on) or reassembly timeout. */
    public static IcmpMessage timeExceeded(int code, Ipv4Packet original) {
        return new IcmpMessage(TYPE_TIME_EXCEEDED, code, 0, quote(original));
    }

    /** The original IP header plus the first 8 bytes of its payload (RFC 792). */
    public static byte[] quote(Ipv4Packet original) {
        byte[] bytes = original.toBytes();
        return Arrays.copyOf(bytes, Math.min(bytes.length, original.headerLength() + 8));
    }

    private static int echoWord(int identifier, int sequence) {
        Bytes.requireRange("the echo identifier", identifier, 0, 0xffff);
        Bytes.requireRange("the echo sequence number", sequence, 0, 0xffff);
        return identifier << 16 | sequence;
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    public boolean isEcho() {
        return type == TYPE_ECHO_REQUEST || type == TYPE_ECHO_REPLY;
    }

    public boolean isError() {
        return type == TYPE_DESTINATION_UNREACHABLE || type == TYPE_TIME_EXCEEDED;
    }

    /** Identifier of an echo request/reply. */
    public int identifier() {
        return restOfHeader >>> 16;
    }

    /** Sequence number of an echo request/reply. */
    public int sequence() {
        return restOfHeader & 0xffff;
    }

    /** Next-hop MTU of a "fragmentation needed" message. */
    public int nextHopMtu() {
        return restOfHeader & 0xffff;
    }

    /**
     * Parses an ICMP message and verifies its checksum.
     *
     * @throws MalformedPacketException naming "length" or "checksum"
     */
    public static IcmpMessage parse(byte[] b) {
        Bytes.requireLength(b, HEADER_LENGTH, "ICMP message", "length");
        int found = Bytes.u16(b, CHECKSUM_OFFSET);
        int computed = Checksums.finish(Checksums.sum(Checksums.sum(0, b, 0, 2), b, 4, b.length - 4));
        if (found != computed) {
            throw new MalformedPacketException("checksum", "ICMP checksum is " + Bytes.hex16(found)
                    + " but the message adds up to " + Bytes.hex16(computed) + ": the message was corrupted in transit");
        }
        return new IcmpMessage(Bytes.u8(b, 0), Bytes.u8(b, 1), (int) Bytes.u32(b, 4),
                Arrays.copyOfRange(b, HEADER_LENGTH, b.length));
    }

    public byte[] toBytes() {
        byte[] b = new byte[HEADER_LENGTH + body.length];
        b[0] = (byte) type;
        b[1] = (byte) code;
        Bytes.put32(b, 4, restOfHeader & 0xffffffffL);
        System.arraycopy(body, 0, b, HEADER_LENGTH, body.length);
        Bytes.put16(b, CHECKSUM_OFFSET, Checksums.internet(b));
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IcmpMessage m && type == m.type && code == m.code && restOfHeader == m.restOfHeader
                && Arrays.equals(body, m.body);
    }

    @Override
    public int hashCode() {
        return ((type * 31 + code) * 31 + restOfHeader) * 31 + Arrays.hashCode(body);
    }

    /** tcpdump style, e.g. {@code ICMP echo request id 1 seq 2 length 56} or {@code ICMP port 53 unreachable}. */
    @Override
    public String toString() {
        return "ICMP " + switch (type) {
            case TYPE_ECHO_REQUEST -> "echo request id " + identifier() + " seq " + sequence() + " length " + body.length;
            case TYPE_ECHO_REPLY -> "echo reply id " + identifier() + " seq " + sequence() + " length " + body.length;
            case TYPE_DESTINATION_UNREACHABLE -> unreachableText();
            case TYPE_TIME_EXCEEDED -> code == CODE_TTL_EXCEEDED ? "time exceeded in transit (TTL 0)"
                    : "time exceeded during fragment reassembly";
            default -> "type " + type + " code " + code;
        };
    }

    private String unreachableText() {
        return switch (code) {
            case CODE_NETWORK_UNREACHABLE -> "network unreachable";
            case CODE_HOST_UNREACHABLE -> "host unreachable";
            case CODE_PROTOCOL_UNREACHABLE -> "protocol unreachable";
            case CODE_PORT_UNREACHABLE -> quotedPort().map(p -> "port " + p + " unreachable").orElse("port unreachable");
            case CODE_FRAGMENTATION_NEEDED -> "fragmentation needed, next-hop MTU " + nextHopMtu();
            default -> "destination unreachable code " + code;
        };
    }

    /** A type in words: "echo request", "destination unreachable", "time exceeded". */
    public static String typeName(int type) {
        return switch (type) {
            case TYPE_ECHO_REPLY -> "echo reply";
            case TYPE_DESTINATION_UNREACHABLE -> "destination unreachable";
            case TYPE_ECHO_REQUEST -> "echo request";
            case TYPE_TIME_EXCEEDED -> "time exceeded";
            default -> "type " + type;
        };
    }

    /**
     * An error's code in words: "host unreachable", "port unreachable", "TTL reached 0 in transit";
     * null for the codes of other types, which mean nothing.
     */
    public static String codeName(int type, int code) {
        if (type == TYPE_TIME_EXCEEDED) {
            return code == CODE_TTL_EXCEEDED ? "TTL reached 0 in transit"
                    : code == CODE_REASSEMBLY_TIME_EXCEEDED ? "fragment reassembly time exceeded" : "code " + code;
        }
        if (type != TYPE_DESTINATION_UNREACHABLE) {
            return null;
        }
        return switch (code) {
            case CODE_NETWORK_UNREACHABLE -> "network unreachable";
            case CODE_HOST_UNREACHABLE -> "host unreachable";
            case CODE_PROTOCOL_UNREACHABLE -> "protocol unreachable";
            case CODE_PORT_UNREACHABLE -> "port unreachable";
            case CODE_FRAGMENTATION_NEEDED -> "fragmentation needed but DF set";
            default -> "code " + code;
        };
    }

    /** The destination port quoted in an error about a UDP/TCP packet, when the quote shows it. */
    private Optional<Integer> quotedPort() {
        return quoted().filter(q -> q.protocol() == Ipv4Packet.PROTOCOL_TCP || q.protocol() == Ipv4Packet.PROTOCOL_UDP)
                .map(Quote::destinationPort);
    }

    /**
     * What an error's body quotes of the packet it reports (RFC 792): the addresses and protocol of
     * its IP header and, for TCP and UDP, the two ports the first 8 bytes of its payload begin with
     * (0 for other protocols).
     */
    public record Quote(Ipv4Address source, Ipv4Address destination, int protocol, int sourcePort, int destinationPort) {
    }

    /** The packet an error quotes, or empty for an echo or a body too short to hold an IPv4 header and 4 bytes. */
    public Optional<Quote> quoted() {
        if (!isError() || body.length < Ipv4Packet.MIN_HEADER || body[0] >>> 4 != 4) {
            return Optional.empty();
        }
        int headerLength = (body[0] & 15) * 4;
        int protocol = body[9] & 0xff;
        boolean ports = protocol == Ipv4Packet.PROTOCOL_TCP || protocol == Ipv4Packet.PROTOCOL_UDP;
        if (headerLength < Ipv4Packet.MIN_HEADER || ports && body.length < headerLength + 4) {
            return Optional.empty();
        }
        return Optional.of(new Quote(Ipv4Address.read(body, 12), Ipv4Address.read(body, 16), protocol,
                ports ? Bytes.u16(body, headerLength) : 0, ports ? Bytes.u16(body, headerLength + 2) : 0));
    }
}
