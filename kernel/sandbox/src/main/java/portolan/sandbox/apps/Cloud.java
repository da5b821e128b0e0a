package portolan.sandbox.apps;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import portolan.sandbox.Network;
import portolan.sandbox.Router;
import portolan.sandbox.stack.IpProtocol;
import portolan.sandbox.stack.Link;
import portolan.sandbox.stack.Nic;
import portolan.sandbox.stack.StaticNat;
import portolan.sandbox.stack.Switch;
import portolan.sandbox.text.Table;
import portolan.sandbox.wire.Cidr;
import portolan.sandbox.wire.Ipv4Address;
import portolan.sandbox.wire.Ipv4Packet;

/**
 * A Cloud is a provider region (like "aws-seoul") plugged into the internet core: a VPC subnet
 * (172.31.0.0/20) where {@link Instance}s get private addresses, an edge router that maps each
 * instance's public address one-to-one onto its private one (the guest never sees its public
 * address) and applies its {@link SecurityGroup}, key pairs for SSH, and IAM-like users.
 *
 * <pre>{@code
 * var aws = Cloud.create(net, "aws-seoul", "3.34.0.0/16");
 * var sg = aws.securityGroup("sg-web").allow("TCP", 22, "0.0.0.0/0").allow("TCP", 80, "0.0.0.0/0");
 * var key = aws.createKeyPair("my-key");
 * Instance web = aws.launch("web-1", sg, key);
 * }</pre>
 */
public final class Cloud {
    /** What a user may do (IAM-like permissions). */
    public enum Action { LAUNCH, START_STOP, EDIT_SECURITY_GROUP, CREATE_KEY_PAIR, ALLOCATE_ADDRESS }

    /** A user and the actions granted to them. */
    public record User(String name, Set<Action> allowed) {
        @Override
        public String toString() {
            return name + " " + allowed;
        }
    }

    static final String VPC = "172.31.0.0/20";

    private final Network net;
    private final String name;
    private final Cidr publicBlock;
    private final Router edge;
    private final Switch vpc;
    private final Nic uplink;
    private final StaticNat nat = new StaticNat();
    private final Map<String, Instance> instances = new LinkedHashMap<>();
    private final Map<String, SecurityGroup> groups = new LinkedHashMap<>();
    private final Map<String, KeyPair> keys = new LinkedHashMap<>();
    private final Map<String, User> users = new LinkedHashMap<>();
    private final List<Ipv4Address> elastic = new ArrayList<>();
    private long nextPublic = 10;
    private int nextPrivate = 10;
    private User current;

    private Cloud(Network net, String name, Cidr publicBlock) {
        this.net = net;
        this.name = name;
        this.publicBlock = publicBlock.toNetwork();
        this.vpc = net.lan(name + " vpc");
        this.edge = net.router(name);
        edge.attach(vpc, Cidr.parse(VPC).host(1) + "/20");
        Router core = net.internet();
        // like an ISP uplink, in the carrier-shared space (RFC 6598), from the top of it to stay clear of ISPs
        Ipv4Address coreSide = Ipv4Address.parse("100.127.0.1").plus(4L * core.nics().size());
        Link link = net.link(name + " uplink");
        core.attach(link, coreSide + "/30");
        edge.attach(link, coreSide.plus(1) + "/30");
        edge.defaultRoute(coreSide.toString());
        core.route(this.publicBlock.toString(), coreSide.plus(1).toString());
        uplink = edge.nic("eth1");
        edge.onIngress(this::ingress);
        edge.onEgress(this::egress);
        groups.put("default", new SecurityGroup(this, "default"));
    }

    /** A cloud region called {@code name} whose public addresses come from {@code publicCidr}. */
    public static Cloud create(Network net, String name, String publicCidr) {
        return new Cloud(net, name, Cidr.parse(publicCidr));
    }

    // ---- IAM ------------------------------------------------------------------------------

    /** Creates a user allowed to do {@code actions}. */
    public User user(String userName, Action... actions) {
        if (users.containsKey(userName)) {
            throw new IllegalArgumentException(name + " already has a user " + userName);
        }
        User u = new User(userName, actions.length == 0 ? EnumSet.noneOf(Action.class) : EnumSet.of(actions[0], actions));
        users.put(userName, u);
        return u;
    }

    /** Acts as {@code userName} from now on (its permissions apply); {@code null} is the account owner (root). */
    public Cloud signIn(String userName) {
        if (userName != null && !users.containsKey(userName)) {
            throw new IllegalArgumentException(name + " has no user " + userName + "; users: " + users.keySet());
        }
        current = userName == null ? null : users.get(userName);
        return this;
    }

    void check(Action action, String what) {
        if (current != null && !current.allowed().contains(action)) {
            throw new SecurityException("user " + current.name() + " is not allowed to " + what + " (needs permission "
                    + action + "; has " + current.allowed() + "); ask the account owner to grant it");
        }
    }

    public List<User> users() {
        return List.copyOf(users.values());
    }

    // ---- resources ------------------------------------------------------------------------

    /** The security group {@code id}, created empty (deny all inbound) on first use. */
    public SecurityGroup securityGroup(String id) {
        SecurityGroup g = groups.get(id);
        if (g == null) {
            check(Action.EDIT_SECURITY_GROUP, "create security group " + id);
            g = new SecurityGroup(this, id);
            groups.put(id, g);
        }
        return g;
    }

    /** A new key pair; its private key file is {@code key.download(owner)}. */
    public KeyPair createKeyPair(String keyName) {
        check(Action.CREATE_KEY_PAIR, "create key pair " + keyName);
        if (keys.containsKey(keyName)) {
            throw new IllegalArgumentException(name + " already has a key pair " + keyName);
        }
        KeyPair k = new KeyPair(keyName, net.simulator().random("cloud " + name + " key " + keyName).nextBytes(32));
        keys.put(keyName, k);
        return k;
    }

    /** Launches an instance in the default security group (all inbound denied) without a key. */
    public Instance launch(String instanceName) throws java.io.IOException {
        return launch(instanceName, groups.get("default"), null);
    }

    /** Launches an instance: a host with a private VPC address, a public address, sshd with {@code key} for "ubuntu". */
    public Instance launch(String instanceName, SecurityGroup group, KeyPair key) throws java.io.IOException {
        check(Action.LAUNCH, "launch instance " + instanceName);
        Ipv4Address privateIp = Cidr.parse(VPC).host(nextPrivate++);
        var host = net.host(instanceName).attach(vpc, privateIp + "/20").gateway(Cidr.parse(VPC).host(1).toString());
        Instance i = new Instance(this, host, group, Ssh.daemon(host));
        if (key != null) {
            i.sshd().authorize("ubuntu", key);
        }
        instances.put(instanceName, i);
        i.map(newPublicAddress());
        return i;
    }

    Ipv4Address newPublicAddress() {
        Ipv4Address a = publicBlock.host(nextPublic++);
        if (!publicBlock.contains(a) || a.equals(publicBlock.broadcast())) {
            throw new IllegalStateException(name + " has used up its public addresses " + publicBlock);
        }
        return a;
    }

    Ipv4Address allocateElastic() {
        check(Action.ALLOCATE_ADDRESS, "allocate an elastic IP");
        Ipv4Address a = newPublicAddress();
        elastic.add(a);
        return a;
    }

    StaticNat nat() {
        return nat;
    }

    public Instance instance(String instanceName) {
        Instance i = instances.get(instanceName);
        if (i == null) {
            throw new IllegalArgumentException(name + " has no instance " + instanceName + "; it has " + instances.keySet());
        }
        return i;
    }

    public List<Instance> instances() {
        return List.copyOf(instances.values());
    }

    public Router edge() {
        return edge;
    }

    public String name() {
        return name;
    }

    // ---- the edge: 1:1 NAT and security groups ----------------------------------------------

    private Instance byPrivate(Ipv4Address a) {
        for (Instance i : instances.values()) {
            if (i.privateIp().equals(a)) {
                return i;
            }
        }
        return null;
    }

    private static int port(Ipv4Packet p, int offset) {
        if (p.isFragment() || (p.protocol() != Ipv4Packet.PROTOCOL_TCP && p.protocol() != Ipv4Packet.PROTOCOL_UDP)
                || p.payload().length < 4) {
            return -1;
        }
        byte[] b = p.payload();
        return (b[offset] & 0xff) << 8 | (b[offset + 1] & 0xff);
    }

    private Ipv4Packet ingress(Ipv4Packet p, Nic nic) {
        if (nic != uplink || !publicBlock.contains(p.destination())) {
            return p;
        }
        Ipv4Address inside = nat.inside(p.destination());
        Instance i = inside == null ? null : byPrivate(inside);
        if (i == null) {
            edge.stack().drop(p, name + ": no running instance has the public address " + p.destination());
            return null;
        }
        IpProtocol proto;
        try {
            proto = IpProtocol.of(p.protocol());
        } catch (IllegalArgumentException e) {
            edge.stack().drop(p, name + ": protocol " + p.protocol() + " is not allowed into the cloud");
            return null;
        }
        String denied = i.group().inbound(proto, p.source(), port(p, 0), inside, port(p, 2));
        if (denied != null) {
            edge.stack().drop(p, denied + " [instance " + i.name() + "]");
            return null;
        }
        return nat.in(p);
    }

    private Ipv4Packet egress(Ipv4Packet p, Nic nic) {
        if (nic != uplink) {
            return p;
        }
        Instance i = byPrivate(p.source());
        if (i == null) {
            return p;
        }
        if (nat.outside(p.source()) == null) {
            edge.stack().drop(p, name + ": instance " + i.name() + " has no public address, so it cannot reach the internet");
            return null;
        }
        try {
            i.group().outbound(SecurityGroup.flow(IpProtocol.of(p.protocol()), p.source(), port(p, 0), p.destination(),
                    port(p, 2)));
        } catch (IllegalArgumentException otherProtocol) {
            // only TCP, UDP and ICMP are tracked
        }
        return nat.out(p);
    }

    /** The instances with their addresses and security groups, as a table. */
    public Table instanceTable() {
        List<List<String>> rows = new ArrayList<>();
        instances.values().forEach(i -> rows.add(List.of(i.name(), i.state().toString(), i.privateIp().toString(),
                i.publicIp() == null ? "-" : i.publicIp().toString(), i.isElastic() ? "yes" : "no", i.group().id())));
        return new Table("cloud " + name + " (public " + publicBlock + ", VPC " + VPC + ")",
                List.of("INSTANCE", "STATE", "PRIVATE IP", "PUBLIC IP", "ELASTIC", "SECURITY GROUP"), rows);
    }

    /** The instance table, then each security group's, as HTML for notebooks. */
    public String toHtml() {
        StringBuilder s = new StringBuilder(instanceTable().toHtml());
        groups.values().forEach(g -> s.append(g.toHtml()));
        return s.toString();
    }

    /** Instances, addresses and groups as a table, then each security group, key pairs and users. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(instanceTable().toString());
        groups.values().forEach(g -> s.append(g));
        keys.values().forEach(k -> s.append(k).append('\n'));
        users.values().forEach(u -> s.append("user ").append(u).append('\n'));
        return s.toString();
    }
}
