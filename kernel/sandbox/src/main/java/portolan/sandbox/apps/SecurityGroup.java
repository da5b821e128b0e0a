package portolan.sandbox.apps;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import portolan.sandbox.stack.IpProtocol;
import portolan.sandbox.text.Table;
import portolan.sandbox.wire.Cidr;
import portolan.sandbox.wire.Ipv4Address;

/**
 * A SecurityGroup is a cloud firewall in front of instances: inbound rules say which protocol,
 * port and source addresses may come in; everything else is denied. It is stateful: replies to
 * connections an instance opened, and replies an instance sends, always pass.
 */
public final class SecurityGroup {
    /** One inbound rule: protocol, port (-1: any; ICMP has none), source range. */
    public record Rule(IpProtocol protocol, int port, Cidr source, String description) {
        boolean matches(IpProtocol p, int destinationPort, Ipv4Address from) {
            return protocol == p && (port < 0 || port == destinationPort) && source.contains(from);
        }

        @Override
        public String toString() {
            return protocol + " " + (port < 0 ? "all" : String.valueOf(port)) + " from " + source
                    + (description.isEmpty() ? "" : " (" + description + ")");
        }
    }

    private final String id;
    private final List<Rule> rules = new ArrayList<>();
    private final Set<String> flows = new LinkedHashSet<>(); // connections opened from inside, looked up only
    private final Cloud cloud;

    SecurityGroup(Cloud cloud, String id) {
        this.cloud = cloud;
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** Allows inbound {@code protocol} ("TCP", "UDP", "ICMP") to {@code port} from {@code cidr}, e.g. {@code allow("TCP", 22, "0.0.0.0/0")}. */
    public SecurityGroup allow(String protocol, int port, String cidr) {
        return allow(protocol, port, cidr, "");
    }

    /** Like {@link #allow(String, int, String)} with a description shown in the table. */
    public SecurityGroup allow(String protocol, int port, String cidr, String description) {
        cloud.check(Cloud.Action.EDIT_SECURITY_GROUP, "add an inbound rule to " + id);
        IpProtocol p = IpProtocol.parse(protocol);
        if (p != IpProtocol.ICMP && (port < 0 || port > 65535)) {
            throw new IllegalArgumentException(id + ": a port is 0–65535, not " + port);
        }
        rules.add(new Rule(p, p == IpProtocol.ICMP ? -1 : port, Cidr.parse(cidr).toNetwork(), description));
        return this;
    }

    /** Removes the rules for {@code protocol} and {@code port}; true if there were some. */
    public boolean revoke(String protocol, int port) {
        cloud.check(Cloud.Action.EDIT_SECURITY_GROUP, "remove an inbound rule from " + id);
        IpProtocol p = IpProtocol.parse(protocol);
        return rules.removeIf(r -> r.protocol == p && r.port == port);
    }

    public List<Rule> rules() {
        return List.copyOf(rules);
    }

    static String flow(IpProtocol p, Ipv4Address inside, int insidePort, Ipv4Address outside, int outsidePort) {
        return p + " " + inside + ":" + insidePort + " " + outside + ":" + outsidePort;
    }

    /** Remembers a connection an instance opened (or answered), so its packets may come back in. */
    void outbound(String flow) {
        flows.add(flow);
    }

    /** Null if an inbound packet may pass, else why not. */
    String inbound(IpProtocol p, Ipv4Address from, int fromPort, Ipv4Address to, int toPort) {
        if (flows.contains(flow(p, to, toPort, from, fromPort))) {
            return null; // a reply to something the instance sent: stateful
        }
        for (Rule r : rules) {
            if (r.matches(p, toPort, from)) {
                return null;
            }
        }
        return "security group " + id + " denies " + p + (p == IpProtocol.ICMP ? "" : " " + toPort) + " from " + from
                + " (inbound rules: " + (rules.isEmpty() ? "none, so everything is denied" : rules.stream()
                .map(Rule::toString).toList()) + "); add one with " + id + ".allow(\"" + p + "\", " + toPort + ", \""
                + from + "/32\")";
    }

    /** The inbound rules as a table. */
    public Table table() {
        List<List<String>> rows = new ArrayList<>();
        rules.forEach(r -> rows.add(List.of(r.protocol.toString(), r.port < 0 ? "all" : String.valueOf(r.port),
                r.source.toString(), r.description)));
        return new Table("security group " + id + ": inbound rules (everything else denied; replies allowed)",
                List.of("PROTOCOL", "PORT", "SOURCE", "DESCRIPTION"), rows);
    }

    /** The inbound rules as HTML, for notebooks. */
    public String toHtml() {
        return table().toHtml();
    }

    /** The inbound rules as a text table. */
    @Override
    public String toString() {
        return table().toString();
    }
}
