package portolan.sandbox.stack;

import portolan.sandbox.wire.Ipv4Address;

/**
 * An Endpoint is one end of a transport conversation: an IPv4 address and a port. The address
 * 0.0.0.0 ({@link Ipv4Address#ANY}) means "every address of this host" for a bound socket.
 */
public record Endpoint(Ipv4Address address, int port) implements Comparable<Endpoint> {
    public Endpoint {
        if (address == null) {
            throw new IllegalArgumentException("an endpoint needs an address (use 0.0.0.0 for any address)");
        }
        Ports.check(port);
    }

    /** True when this bound endpoint accepts traffic for {@code destination}: same port, same or wildcard address. */
    public boolean matches(Endpoint destination) {
        return port == destination.port && (address.isAny() || address.equals(destination.address));
    }

    @Override
    public int compareTo(Endpoint o) {
        int c = address.compareTo(o.address);
        return c != 0 ? c : Integer.compare(port, o.port);
    }

    /** "10.0.0.1:80", or "0.0.0.0:80" for a wildcard. */
    @Override
    public String toString() {
        return address + ":" + port;
    }
}
