package portolan.sandbox.stack;

import java.net.BindException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import portolan.sandbox.sim.RandomStream;
import portolan.sandbox.sim.Simulator;
import portolan.sandbox.wire.Ipv4Address;
import portolan.sandbox.wire.Ipv4Packet;
import portolan.sandbox.wire.MalformedPacketException;
import portolan.sandbox.wire.UdpDatagram;

/**
 * A UdpStack is one host's UDP (RFC 768): bound sockets by (address or wildcard, port), delivery
 * of arriving datagrams to their queues, and "port unreachable" for datagrams nobody waits for
 * (reported to the IP layer, which answers with ICMP, RFC 1122 §4.1.3.1).
 */
public final class UdpStack implements TransportProtocol {
    private final IpLayer ip;
    private final Simulator sim;
    private final RandomStream random;
    private final Map<Endpoint, UdpEndpoint> bound = new HashMap<>(); // looked up only
    private final TreeMap<Integer, List<UdpEndpoint>> byPort = new TreeMap<>();
    long dropped;

    public UdpStack(IpLayer ip) {
        this.ip = ip;
        this.sim = ip.simulator();
        this.random = sim.random("host " + ip.hostName() + "/udp");
    }

    @Override
    public int protocolNumber() {
        return Ipv4Packet.PROTOCOL_UDP;
    }

    public String hostName() {
        return ip.hostName();
    }

    Simulator sim() {
        return sim;
    }

    /** Every bound socket by port, in binding order. */
    public List<UdpEndpoint> sockets() {
        List<UdpEndpoint> all = new ArrayList<>();
        byPort.values().forEach(all::addAll);
        return all;
    }

    /** Binds a new socket to {@code address:port} (port 0: an ephemeral port). */
    public UdpEndpoint bind(Ipv4Address address, int port, String owner) throws SocketException {
        Ports.check(port);
        if (!address.isAny() && !address.isLoopback() && !ip.localAddresses().contains(address)) {
            throw new BindException("cannot assign requested address: host " + hostName() + " has no address " + address
                    + " (its addresses: " + ip.localAddresses() + ")");
        }
        if (port == 0) {
            port = ephemeralPort();
        }
        for (UdpEndpoint other : byPort.getOrDefault(port, List.of())) {
            Ipv4Address a = other.local.address();
            if (a.isAny() || address.isAny() || a.equals(address)) {
                throw new BindException("address already in use: host " + hostName() + ": UDP " + address + ":" + port
                        + " is held by " + other.owner);
            }
        }
        UdpEndpoint e = new UdpEndpoint(this, owner);
        e.local = new Endpoint(address, port);
        bound.put(e.local, e);
        byPort.computeIfAbsent(port, p -> new ArrayList<>()).add(e);
        return e;
    }

    private int ephemeralPort() throws BindException {
        return Ports.ephemeral(random, byPort::containsKey, "UDP", hostName());
    }

    /** Sends {@code data} from {@code from} to {@code address:port}. */
    public void send(UdpEndpoint from, Ipv4Address address, int port, byte[] data) throws SocketException {
        Ports.check(port);
        if (from.closed) {
            throw new SocketException("socket closed: UDP " + from.local + " on host " + hostName() + " was closed");
        }
        if (UdpDatagram.HEADER_LENGTH + data.length > 65507) {
            throw new SocketException("message too long: a UDP datagram carries at most 65507 bytes over IPv4, not "
                    + data.length);
        }
        Ipv4Address source = !from.local.address().isAny() ? from.local.address()
                : address.isLoopback() ? Ipv4Address.LOOPBACK
                : address.isBroadcast() && !ip.localAddresses().isEmpty() ? ip.localAddresses().get(0)
                : ip.sourceAddressFor(address);
        if (source == null) {
            throw new NoRouteToHostException("no route to host: host " + hostName() + " has no route to " + address
                    + " (check its address, netmask and default gateway)");
        }
        UdpDatagram d = new UdpDatagram(from.local.port(), port, data);
        ip.send(source, address, Ipv4Packet.PROTOCOL_UDP, d.toBytes(source, address));
    }

    @Override
    public void receive(Ipv4Packet packet) {
        UdpDatagram d;
        try {
            d = UdpDatagram.parse(packet.payload(), packet.source(), packet.destination());
        } catch (MalformedPacketException e) {
            dropped++;
            ip.dropped(packet, (e.field().equals("checksum") ? "bad UDP checksum: " : "malformed UDP datagram: ")
                    + e.getMessage());
            return;
        }
        Endpoint to = new Endpoint(packet.destination(), d.destinationPort());
        UdpEndpoint e = bound.get(to);
        if (e == null) {
            e = bound.get(new Endpoint(Ipv4Address.ANY, to.port()));
        }
        if (e == null) {
            dropped++;
            ip.portUnreachable(packet, "no listener on UDP port " + to.port() + ": no process on host " + hostName()
                    + " has bound it");
            return;
        }
        if (!e.deliver(new UdpEndpoint.Datagram(new Endpoint(packet.source(), d.sourcePort()), to, d.payload()))) {
            dropped++;
            ip.dropped(packet, "the receive queue of UDP " + e.local + " on host " + hostName()
                    + " is full (" + e.queue.size() + " datagrams nobody has received yet)");
        }
    }

    void release(UdpEndpoint e) {
        bound.remove(e.local, e);
        List<UdpEndpoint> holders = byPort.get(e.local.port());
        if (holders != null && holders.remove(e) && holders.isEmpty()) {
            byPort.remove(e.local.port());
        }
    }

    @Override
    public String toString() {
        return "UdpStack[host " + hostName() + ", " + sockets().size() + " sockets]";
    }
}
