package portolan.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import portolan.sandbox.apps.DhcpServer;
import portolan.sandbox.apps.Lease;
import portolan.sandbox.apps.LeaseEvent;
import portolan.sandbox.stack.Nic;
import portolan.sandbox.stack.Switch;
import portolan.sandbox.wire.Cidr;
import portolan.sandbox.wire.Ipv4Address;

/**
 * An Isp is an internet service provider: a block of public addresses, an access network its
 * subscribers plug into, a router that connects it to the internet core (so subscribers of
 * different ISPs reach each other), and a DHCP server that leases public addresses. A subscriber
 * offline past its lease loses the address, which may then go to someone else; a static address
 * is a paid subscription option.
 *
 * <pre>{@code
 * var kt = net.isp("KT", "59.6.64.0/20").poolFrom("59.6.66.238").leaseTime(Duration.ofDays(1));
 * }</pre>
 */
public final class Isp {
    /** A typical monthly fee for a static address in Korea (the notes say 20,000–30,000 KRW). */
    public static final int STATIC_FEE_KRW = 25_000;

    /** A static-address subscription: who, which address, what it costs per month. */
    public record StaticAddress(String subscriber, Ipv4Address address, int feeKrwPerMonth) {
        @Override
        public String toString() {
            return "static " + address + " for " + subscriber + ": " + String.format(Locale.ROOT, "%,d", feeKrwPerMonth)
                    + " KRW/month (Korean ISPs charge about 20,000–30,000 KRW)";
        }
    }

    private final String name;
    private final Cidr block;
    private final Router router;
    private final Switch access;
    private final DhcpServer dhcp;
    private final List<StaticAddress> statics = new ArrayList<>();
    private final List<Nic> subscribers = new ArrayList<>();

    Isp(Network net, String name, Cidr block, Router core, int index) {
        this.name = name;
        this.block = block.toNetwork();
        this.access = net.lan(name + " access");
        this.router = net.router(name);
        Ipv4Address gateway = this.block.host(1);
        router.attach(access, gateway + "/" + block.prefixLength());
        this.dhcp = router.dhcpServer("eth0").pool(this.block.host(2).toString(), this.block.broadcast().plus(-1).toString());
        // The uplink to the internet core uses the shared address space for carriers (RFC 6598, 100.64.0.0/10).
        Ipv4Address coreSide = Ipv4Address.parse("100.64.0.0").plus(4L * index + 1);
        var uplink = net.link(name + " uplink");
        core.attach(uplink, coreSide + "/30");
        router.attach(uplink, coreSide.plus(1) + "/30");
        router.defaultRoute(coreSide.toString());
        core.route(this.block.toString(), coreSide.plus(1).toString());
    }

    public String name() {
        return name;
    }

    public Cidr block() {
        return block;
    }

    /** The ISP's router (gateway of every subscriber: the block's first address). */
    public Router router() {
        return router;
    }

    /** The access network subscribers plug into. */
    public Switch access() {
        return access;
    }

    public DhcpServer dhcpServer() {
        return dhcp;
    }

    /** Leases start at {@code first} (in address order), e.g. "59.6.66.238" so a notebook shows the notes' numbers. */
    public Isp poolFrom(String first) {
        Ipv4Address a = Ipv4Address.parse(first);
        if (!block.contains(a)) {
            throw new IllegalArgumentException(name + "'s addresses are " + block + "; " + first + " is not one of them");
        }
        dhcp.pool(first, block.broadcast().plus(-1).toString());
        return this;
    }

    /** How long a lease lasts without renewal (default 1 day). */
    public Isp leaseTime(Duration lease) {
        dhcp.leaseTime(lease.toSeconds());
        return this;
    }

    /** DNS servers handed to subscribers. */
    public Isp dns(String... servers) {
        dhcp.dns(servers);
        return this;
    }

    /** Plugs {@code host} (a phone, a server) straight into the access network and gets its address by DHCP. */
    public Host subscribe(Host host) {
        host.attach(access);
        Nic nic = host.nics().get(host.nics().size() - 1);
        subscribed(nic);
        host.dhcp(nic.name());
        return host;
    }

    void subscribed(Nic nic) {
        subscribers.add(nic);
    }

    /** Sells {@code home} a static address for the usual fee ({@link #STATIC_FEE_KRW}). */
    public StaticAddress staticAddress(HomeRouter home, String address) {
        return staticAddress(home.name(), home.wanNic(), address, STATIC_FEE_KRW);
    }

    /** Sells {@code host} (its first interface) a static address for the usual fee. */
    public StaticAddress staticAddress(Host host, String address) {
        Nic nic = host.nics().stream().filter(subscribers::contains).findFirst().orElse(null);
        return staticAddress(host.name(), nic, address, STATIC_FEE_KRW);
    }

    StaticAddress staticAddress(String who, Nic nic, String address, int fee) {
        if (nic == null || !subscribers.contains(nic)) {
            throw new IllegalArgumentException(who + " is not a subscriber of " + name + ": connect it to " + name
                    + " first");
        }
        Ipv4Address a = Ipv4Address.parse(address);
        dhcp.reserve(nic.mac(), a, who);
        StaticAddress s = new StaticAddress(who, a, fee);
        statics.add(s);
        return s;
    }

    public List<StaticAddress> staticAddresses() {
        return List.copyOf(statics);
    }

    /** The lease table: who holds or held which public address, until when. */
    public List<Lease> leases() {
        return dhcp.leases();
    }

    /** The lease timeline: BOUND, RENEWED, EXPIRED, REASSIGNED... with virtual times. */
    public List<LeaseEvent> log() {
        return dhcp.log();
    }

    /** The lease timeline as a chart: who held which public address when (SVG, or a table as text). */
    public portolan.sandbox.view.LeaseTimeline leaseTimeline() {
        return portolan.sandbox.view.LeaseTimeline.of("public addresses leased by " + name, dhcp.log(),
                router.network().now());
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("ISP " + name + " " + block + ", gateway " + block.host(1) + "\n");
        statics.forEach(st -> s.append("  ").append(st).append('\n'));
        return s.append(dhcp).toString();
    }
}
