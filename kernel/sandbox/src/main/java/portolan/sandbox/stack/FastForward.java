package portolan.sandbox.stack;

import portolan.sandbox.wire.Checksums;
import portolan.sandbox.wire.EthernetFrame;
import portolan.sandbox.wire.Ipv4Address;
import portolan.sandbox.wire.Ipv4Packet;
import portolan.sandbox.wire.MacAddress;

/**
 * FastForward is a router's forwarding done directly on the frame's bytes, without parsing the
 * packet into records: the path almost every forwarded packet takes. It produces exactly the
 * frame the full path in {@link IpStack} would (a test compares them).
 */
final class FastForward {
    private FastForward() {
    }

    /**
     * Forwards the frame if it is the common router case: a valid option-less header for someone
     * else, TTL left, a route, no fragmentation and the next hop's MAC known (the caller checks
     * that the node is a router without hooks). The TTL is
     * decremented and the checksum updated incrementally (RFC 1624 §3); anything unusual returns
     * false and takes the full path, which explains every drop.
     */
    static boolean tryForward(IpStack stack, byte[] wire) {
        final int ip = EthernetFrame.HEADER_LENGTH;
        if ((wire[ip] & 0xff) != 0x45) {
            return false;
        }
        int total = Frames.u16(wire, ip + 2);
        int ttl = wire[ip + 8] & 0xff;
        if (total < Ipv4Packet.MIN_HEADER || ip + total > wire.length - EthernetFrame.FCS_LENGTH || ttl <= 1
                || Checksums.internet(wire, ip, Ipv4Packet.MIN_HEADER) != 0) {
            return false;
        }
        Ipv4Address destination = Ipv4Address.of(Frames.u32(wire, ip + 16));
        if (stack.isLocal(destination) || destination.isMulticast()) {
            return false;
        }
        Route route = stack.routes().lookup(destination);
        if (route == null || total > route.nic().mtu()) {
            return false;
        }
        MacAddress mac = stack.arp().lookup(route.nextHop(destination));
        if (mac == null) {
            return false;
        }
        Nic out = route.nic();
        byte[] frame = new byte[ip + Math.max(total, EthernetFrame.MIN_PAYLOAD) + EthernetFrame.FCS_LENGTH];
        System.arraycopy(wire, ip, frame, ip, total);
        Frames.putMac(frame, 0, mac.bits());
        Frames.putMac(frame, 6, out.macBits());
        Frames.put16(frame, 12, EthernetFrame.ETHERTYPE_IPV4);
        int oldWord = Frames.u16(frame, ip + 8);
        frame[ip + 8] = (byte) (ttl - 1);
        Frames.put16(frame, ip + 10, Checksums.update(Frames.u16(frame, ip + 10), oldWord, Frames.u16(frame, ip + 8)));
        Frames.setFcs(frame);
        stack.countForwarded();
        out.transmit(frame, TraceEntry.Event.FORWARDED);
        return true;
    }
}
