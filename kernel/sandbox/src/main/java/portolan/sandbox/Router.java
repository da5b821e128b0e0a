package portolan.sandbox;

import portolan.sandbox.stack.IpHook;
import portolan.sandbox.stack.Segment;
import portolan.sandbox.wire.Cidr;
import portolan.sandbox.wire.Ipv4Address;

/**
 * A Router is a node with several ports that forwards packets between networks: for each packet
 * it decrements the TTL, picks the longest-prefix route in its own routing table, and sends ICMP
 * errors back when the TTL runs out or no route matches. Because every router decides alone, a
 * reply may come back along a different path than its request.
 *
 * <p>Packet-processing hooks ({@link #onIngress}, {@link #onEgress}) are where NAT, port
 * forwarding and firewalls plug in.
 */
public final class Router extends Node {

    Router(Network network, String name) {
        super(network, name, true);
    }

    /** Adds a port plugged into a switch or link with the address {@code cidr}, e.g. "10.0.0.1/30". */
    public Router attach(Segment segment, String cidr) {
        plug(segment, cidr);
        return this;
    }

    /** Adds a static route: packets for {@code cidr} go to the next router {@code gateway}. */
    public Router route(String cidr, String gateway) {
        stack().addRoute(Cidr.parse(cidr), Ipv4Address.parse(gateway));
        return this;
    }

    /** Sets the default route 0.0.0.0/0 via {@code gateway}. */
    public Router defaultRoute(String gateway) {
        stack().setDefaultGateway(Ipv4Address.parse(gateway));
        return this;
    }

    /** Runs {@code hook} on every packet arriving, before the routing decision (where DNAT belongs). */
    public Router onIngress(IpHook hook) {
        stack().addIngressHook(hook);
        return this;
    }

    /** Runs {@code hook} on every packet leaving, after the routing decision (where SNAT belongs). */
    public Router onEgress(IpHook hook) {
        stack().addEgressHook(hook);
        return this;
    }
}
