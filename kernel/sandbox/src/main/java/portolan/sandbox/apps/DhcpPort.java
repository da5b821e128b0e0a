package portolan.sandbox.apps;

import java.util.function.BiConsumer;
import portolan.sandbox.stack.IpStack;
import portolan.sandbox.stack.Nic;
import portolan.sandbox.wire.DhcpMessage;
import portolan.sandbox.wire.Ipv4Address;
import portolan.sandbox.wire.Ipv4Packet;
import portolan.sandbox.wire.MalformedPacketException;
import portolan.sandbox.wire.UdpDatagram;

/**
 * A DhcpPort is where a DHCP server (UDP 67) or client (UDP 68) meets one interface of a node's
 * IP stack: it takes DHCP datagrams arriving on that interface before any socket would, and
 * sends DHCP messages as real UDP datagrams, broadcast or unicast. DHCP sits this low because a
 * client must talk before it has an address (RFC 2131 §4.1: source 0.0.0.0, destination
 * 255.255.255.255), which ordinary sockets cannot.
 */
final class DhcpPort {
    private final IpStack ip;
    private final Nic nic;
    private final int port;
    private boolean open = true;

    DhcpPort(IpStack ip, Nic nic, int port, BiConsumer<DhcpMessage, Ipv4Packet> handler) {
        this.ip = ip;
        this.nic = nic;
        this.port = port;
        ip.addIngressHook((packet, from) -> {
            if (from != nic || packet.protocol() != Ipv4Packet.PROTOCOL_UDP || packet.isFragment()
                    || !ip.isLocal(packet.destination()) || destinationPort(packet) != port) {
                return packet;
            }
            if (!open) {
                return packet;
            }
            try {
                UdpDatagram d = UdpDatagram.parse(packet.payload(), packet.source(), packet.destination());
                handler.accept(DhcpMessage.parse(d.payload()), packet);
            } catch (MalformedPacketException | IllegalArgumentException e) {
                ip.drop(packet, "bad DHCP message on " + nic.place() + ": " + e.getMessage());
            }
            return null;
        });
    }

    private static int destinationPort(Ipv4Packet packet) {
        byte[] p = packet.payload();
        return p.length < 4 ? -1 : ((p[2] & 0xff) << 8) | (p[3] & 0xff);
    }

    /** Stops taking datagrams (a stopped server or client; they then meet "port unreachable"). */
    void close() {
        open = false;
    }

    boolean isOpen() {
        return open;
    }

    void reopen() {
        open = true;
    }

    Nic nic() {
        return nic;
    }

    /** Sends {@code message} from {@code source} to {@code destination}:{@code toPort}. */
    void send(DhcpMessage message, Ipv4Address source, Ipv4Address destination, int toPort) {
        byte[] udp = new UdpDatagram(port, toPort, message.toBytes()).toBytes(source, destination);
        ip.sendVia(nic, Ipv4Packet.of(source, destination, Ipv4Packet.PROTOCOL_UDP, Ipv4Packet.DEFAULT_TTL, ip.nextId(),
                udp));
    }
}
