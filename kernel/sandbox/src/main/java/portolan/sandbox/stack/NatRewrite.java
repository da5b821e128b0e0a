package portolan.sandbox.stack;

import portolan.sandbox.wire.Checksums;
import portolan.sandbox.wire.Ipv4Packet;

/**
 * NatRewrite changes the addresses and ports of a packet the way a NAT does, keeping every
 * checksum right without recomputing it: the IP header checksum is rebuilt with the header, the
 * TCP/UDP checksum (which covers the pseudo-header with both addresses, RFC 793 §3.1, RFC 768)
 * and the ICMP echo checksum are updated incrementally per RFC 1624 §3 (as RFC 3022 §4.2 advises).
 */
final class NatRewrite {
    private NatRewrite() {
    }

    /** Checksum offset within the transport header, or -1 for protocols NAT does not rewrite. */
    private static int checksumOffset(int protocol) {
        return switch (protocol) {
            case Ipv4Packet.PROTOCOL_TCP -> 16;
            case Ipv4Packet.PROTOCOL_UDP -> 6;
            case Ipv4Packet.PROTOCOL_ICMP -> 2;
            default -> -1;
        };
    }

    /** True for what NAPT translates: unfragmented TCP and UDP, and ICMP echo request/reply (RFC 5508 §3). */
    static boolean translatable(Ipv4Packet p) {
        if (p.isFragment()) {
            return false;
        }
        byte[] l4 = p.payload();
        return switch (p.protocol()) {
            case Ipv4Packet.PROTOCOL_TCP -> l4.length >= 20;
            case Ipv4Packet.PROTOCOL_UDP -> l4.length >= 8;
            case Ipv4Packet.PROTOCOL_ICMP -> l4.length >= 8 && ((l4[0] & 0xff) == 8 || (l4[0] & 0xff) == 0);
            default -> false;
        };
    }

    /** Source port; for ICMP echo the identifier, which NAPT treats as the port (RFC 5508 REQ-1). */
    static int sourcePort(Ipv4Packet p) {
        return p.protocol() == Ipv4Packet.PROTOCOL_ICMP ? u16(p.payload(), 4) : u16(p.payload(), 0);
    }

    static int destinationPort(Ipv4Packet p) {
        return p.protocol() == Ipv4Packet.PROTOCOL_ICMP ? u16(p.payload(), 4) : u16(p.payload(), 2);
    }

    /** TCP flags byte (0 for other protocols). */
    static int tcpFlags(Ipv4Packet p) {
        return p.protocol() == Ipv4Packet.PROTOCOL_TCP ? p.payload()[13] & 0xff : 0;
    }

    /** A copy of {@code p} from {@code src:srcPort} to {@code dst:dstPort}, all checksums valid. */
    static Ipv4Packet rewrite(Ipv4Packet p, Endpoint src, Endpoint dst) {
        byte[] l4 = p.payload();
        int at = checksumOffset(p.protocol());
        int ck = u16(l4, at);
        if (p.protocol() == Ipv4Packet.PROTOCOL_ICMP) {
            // The echo identifier is both "ports"; the ICMP checksum has no pseudo-header.
            int oldId = u16(l4, 4);
            int newId = src.port() != sourcePort(p) ? src.port() : dst.port();
            put16(l4, 4, newId);
            put16(l4, at, Checksums.update(ck, oldId, newId));
        } else {
            boolean noUdpChecksum = p.protocol() == Ipv4Packet.PROTOCOL_UDP && ck == 0; // RFC 768: none was sent
            ck = Checksums.update32(ck, p.source().toInt(), src.address().toInt());
            ck = Checksums.update32(ck, p.destination().toInt(), dst.address().toInt());
            ck = Checksums.update(ck, u16(l4, 0), src.port());
            ck = Checksums.update(ck, u16(l4, 2), dst.port());
            put16(l4, 0, src.port());
            put16(l4, 2, dst.port());
            if (noUdpChecksum) {
                ck = 0;
            } else if (ck == 0 && p.protocol() == Ipv4Packet.PROTOCOL_UDP) {
                ck = 0xffff; // RFC 768: a computed zero is sent as all ones
            }
            put16(l4, at, ck);
        }
        return p.withSource(src.address()).withDestination(dst.address()).withPayload(l4);
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    private static void put16(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }
}
