package portolan.sandbox;

import portolan.sandbox.sim.SimRunnable;
import portolan.sandbox.sim.SimThread;
import portolan.sandbox.stack.Segment;
import portolan.sandbox.stack.TransportProtocol;
import portolan.sandbox.wire.Ipv4Address;

/**
 * A Host is an end system — a PC, a phone, a server: it has addresses, a default gateway, and
 * programs (simulated threads) that talk through its protocol stack. Unlike a {@link Router} it
 * never forwards packets that are not addressed to it.
 */
public final class Host extends Node {

    Host(Network network, String name) {
        super(network, name, false);
    }

    /** Plugs a new NIC into a switch or link with a static address, e.g. {@code attach(lan, "192.168.0.4/24")}. */
    public Host attach(Segment segment, String cidr) {
        plug(segment, cidr);
        return this;
    }

    /** Sets the default gateway: the router on a connected network that gets every packet for elsewhere. */
    public Host gateway(String address) {
        stack().setDefaultGateway(Ipv4Address.parse(address));
        return this;
    }

    /** Adds a static route, e.g. {@code route("10.0.0.0/8", "192.168.0.254")}. */
    public Host route(String cidr, String gateway) {
        stack().addRoute(portolan.sandbox.wire.Cidr.parse(cidr), Ipv4Address.parse(gateway));
        return this;
    }

    /** Registers a transport (TCP, UDP) with this host's IP layer. */
    public Host register(TransportProtocol transport) {
        stack().register(transport);
        return this;
    }

    /** Starts a program on this host: a simulated thread running {@code body} in virtual time. */
    public SimThread spawn(String threadName, SimRunnable body) {
        return network().simulator().spawn(name(), threadName, body);
    }
}
