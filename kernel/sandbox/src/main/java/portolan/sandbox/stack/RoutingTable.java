package portolan.sandbox.stack;

import java.util.ArrayList;
import java.util.List;
import portolan.sandbox.text.Table;
import portolan.sandbox.wire.Cidr;
import portolan.sandbox.wire.Ipv4Address;

/**
 * A RoutingTable maps destination networks to an interface and a next hop, and picks for each
 * packet the matching route with the longest prefix (RFC 1812 §5.2.4.3): a /24 beats a /16,
 * which beats the default route 0.0.0.0/0. Among routes of the same length the earlier one wins.
 */
public final class RoutingTable {
    private final String node;
    private final List<Route> routes = new ArrayList<>(); // sorted by prefix length, longest first

    public RoutingTable(String node) {
        this.node = node;
    }

    /** Adds a route, keeping the longest-prefix-first order (stable among equal lengths). */
    public void add(Route route) {
        for (Route r : routes) {
            if (r.destination().equals(route.destination()) && r.kind().equals(route.kind())
                    && java.util.Objects.equals(r.gateway(), route.gateway())) {
                throw new IllegalArgumentException(node + " already has the route " + r.destination() + " via "
                        + (r.gateway() == null ? r.nic().name() : r.gateway()) + "; remove it first");
            }
        }
        int i = 0;
        while (i < routes.size() && routes.get(i).destination().prefixLength() >= route.destination().prefixLength()) {
            i++;
        }
        routes.add(i, route);
    }

    /** Removes every route to exactly {@code destination}; returns how many went. */
    public int remove(Cidr destination) {
        int before = routes.size();
        routes.removeIf(r -> r.destination().equals(destination));
        return before - routes.size();
    }

    /** Removes every route through {@code nic} (when an interface goes away or is readdressed). */
    public void removeAll(Nic nic) {
        routes.removeIf(r -> r.nic() == nic);
    }

    /** The best route to {@code destination}, or null when none matches (not even a default route). */
    public Route lookup(Ipv4Address destination) {
        for (Route r : routes) {
            if (r.destination().contains(destination)) {
                return r;
            }
        }
        return null;
    }

    /** The connected route whose network contains {@code address}, or null. */
    public Route connectedTo(Ipv4Address address) {
        for (Route r : routes) {
            if (r.isConnected() && r.destination().contains(address)) {
                return r;
            }
        }
        return null;
    }

    /** The routes, longest prefix first. */
    public List<Route> routes() {
        return List.copyOf(routes);
    }

    /** The routes as a table, longest prefix first: destination, gateway, interface, kind. */
    public Table table() {
        List<List<String>> rows = new ArrayList<>();
        for (Route r : routes) {
            rows.add(List.of(r.destination().toString(), r.gateway() == null ? "-" : r.gateway().toString(),
                    r.nic() == null ? "-" : r.nic().name(), String.valueOf(r.kind())));
        }
        return new Table("routing table of " + node, List.of("destination", "gateway", "interface", "kind"), rows);
    }

    /** The table as HTML, for notebooks. */
    public String toHtml() {
        return table().toHtml();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Routing table of " + node + "\n");
        s.append(String.format("%-18s %-15s %-6s %s%n", "Destination", "Gateway", "Iface", "Kind"));
        for (Route r : routes) {
            s.append(r).append('\n');
        }
        return s.toString();
    }
}
