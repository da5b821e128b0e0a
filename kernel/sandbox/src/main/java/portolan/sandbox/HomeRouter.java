package portolan.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import portolan.sandbox.apps.Ddns;
import portolan.sandbox.apps.DhcpClient;
import portolan.sandbox.apps.DhcpServer;
import portolan.sandbox.apps.DhcpState;
import portolan.sandbox.apps.Lease;
import portolan.sandbox.stack.Endpoint;
import portolan.sandbox.stack.IpProtocol;
import portolan.sandbox.stack.Nat;
import portolan.sandbox.stack.NatEntry;
import portolan.sandbox.stack.Nic;
import portolan.sandbox.stack.PortForward;
import portolan.sandbox.stack.Switch;
import portolan.sandbox.text.Rows;
import portolan.sandbox.wire.Ipv4Address;

/**
 * A HomeRouter (공유기) is the box between a home and its ISP: its WAN port gets a public address
 * from the ISP by DHCP, its LAN side (192.168.0.1/24) serves DHCP to the home's devices, and NAPT
 * lets them all share the one public address. Inbound traffic gets in only by a port forwarding
 * rule; without one it is dropped with "no port-forward rule for TCP 8081". Hairpin NAT (reaching
 * the public address from inside) is off by default, as on many real routers. LAN addresses come
 * from the pool 192.168.0.2–254 in the order devices join (the first gets .2); {@code join(device,
 * "192.168.0.4")} reserves an exact one, as in the notes.
 *
 * <pre>{@code
 * var home = net.homeRouter("공유기").connect(kt);
 * home.join(laptop, "192.168.0.4");
 * home.forward(TCP, 8081, laptop, 80);
 * }</pre>
 */
public final class HomeRouter {
    /** The LAN address and network of the router, as on most Korean home routers. */
    public static final String LAN_ADDRESS = "192.168.0.1/24";

    private final Network net;
    private final Router router;
    private final Switch lan;
    private final DhcpServer lanDhcp;
    private final Map<Host, String> members = new LinkedHashMap<>(); // device → its NIC on the LAN
    private final List<PortForward> pending = new ArrayList<>();
    private boolean pendingHairpin;
    private DhcpClient wan;
    private Nat nat;
    private Isp isp;
    private boolean on = true;
    private String ddnsName;
    private Ddns ddns;

    HomeRouter(Network net, String name) {
        this.net = net;
        this.router = net.router(name);
        // Installed first, so a switched-off router drops everything before DHCP or NAT see it.
        router.onIngress((p, nic) -> {
            if (on) {
                return p;
            }
            router.stack().drop(p, name + " is switched off");
            return null;
        });
        this.lan = net.lan(name + " LAN");
        router.attach(lan, LAN_ADDRESS);
        this.lanDhcp = router.dhcpServer("eth0").pool("192.168.0.2", "192.168.0.254").leaseTime(86_400);
    }

    public String name() {
        return router.name();
    }

    /** The router as a node (ping, capture, routes). */
    public Router router() {
        return router;
    }

    /** The home network devices join. */
    public Switch lan() {
        return lan;
    }

    /** Plugs the WAN port into {@code isp}'s access network and gets a public address by DHCP. */
    public HomeRouter connect(Isp provider) {
        if (isp != null) {
            throw new IllegalStateException(name() + " is already connected to " + isp.name());
        }
        isp = provider;
        Nic wanNic = router.plug(provider.access(), "0.0.0.0/32");
        provider.subscribed(wanNic);
        wan = new DhcpClient(router.stack(), wanNic).onChange(c -> wanChanged());
        net.background(wan::pendingTimers);
        nat = new Nat(router.stack(), wanNic, router.nic("eth0"));
        nat.hairpin(pendingHairpin);
        pending.forEach(r -> nat.forward(r.protocol(), r.outsidePort(), r.inside()));
        pending.clear();
        wan.start();
        DhcpWait.untilBound(net.simulator(), wan);
        return this;
    }

    Nic wanNic() {
        return isp == null ? null : router.nic("eth1");
    }

    private void wanChanged() {
        nat.clear(); // mappings name the old public address
        if (ddns != null && wan.address() != null) {
            ddns.update(ddnsName, wan.address(), name());
        }
    }

    /** The public address the ISP leased to the WAN port (null when it has none). */
    public Ipv4Address publicAddress() {
        return wan == null ? null : wan.address();
    }

    /** The WAN port's DHCP client (its state history shows renewals and lost leases). */
    public DhcpClient wan() {
        return wan;
    }

    /** Plugs {@code device} into the LAN and gets its address by DHCP. */
    public Host join(Host device) {
        plugIn(device);
        device.dhcp(members.get(device));
        return device;
    }

    /** Plugs {@code device} in with a reserved address, e.g. {@code join(laptop, "192.168.0.4")}. */
    public Host join(Host device, String address) {
        plugIn(device);
        reserve(device, address);
        device.dhcp(members.get(device));
        return device;
    }

    private void plugIn(Host device) {
        if (members.containsKey(device)) {
            throw new IllegalArgumentException(device.name() + " is already on " + name() + "'s LAN");
        }
        device.attach(lan);
        members.put(device, device.nics().get(device.nics().size() - 1).name());
    }

    private Nic lanNic(Host device) {
        String nic = members.get(device);
        if (nic == null) {
            throw new IllegalArgumentException(device.name() + " is not on " + name() + "'s LAN; join it first: "
                    + "home.join(" + device.name() + ")");
        }
        return device.nic(nic);
    }

    /** Always gives {@code device} (already on the LAN) the address {@code address} from now on. */
    public HomeRouter reserve(Host device, String address) {
        lanDhcp.reserve(lanNic(device).mac(), Ipv4Address.parse(address), device.name());
        return this;
    }

    /** The LAN's DHCP lease table. */
    public List<Lease> leases() {
        return lanDhcp.leases();
    }

    public DhcpServer dhcpServer() {
        return lanDhcp;
    }

    /** The LAN's lease timeline as a chart: which device held which address when. */
    public portolan.sandbox.view.LeaseTimeline leaseTimeline() {
        return portolan.sandbox.view.LeaseTimeline.of("LAN addresses leased by " + name(), lanDhcp.log(), net.now());
    }

    // ---- port forwarding and NAT ----

    /** Adds the rule "{@code protocol} {@code wanPort} → {@code device}:{@code lanPort}". */
    public PortForward forward(IpProtocol protocol, int wanPort, Host device, int lanPort) {
        Nic nic = lanNic(device);
        Ipv4Address a = device.stack().interfaces().stream().filter(i -> i.nic() == nic).findFirst().orElseThrow().address();
        if (a.isAny()) {
            throw new IllegalArgumentException(device.name() + " has no address yet; join it first (home.join(" + device.name()
                    + "))");
        }
        return forward(protocol, wanPort, a.toString(), lanPort);
    }

    /** Adds the rule "{@code protocol} {@code wanPort} → {@code lanAddress}:{@code lanPort}". */
    public PortForward forward(IpProtocol protocol, int wanPort, String lanAddress, int lanPort) {
        Endpoint inside = new Endpoint(Ipv4Address.parse(lanAddress), lanPort);
        if (nat == null) {
            PortForward rule = new PortForward(protocol, wanPort, inside);
            pending.removeIf(r -> r.protocol() == protocol && r.outsidePort() == wanPort);
            pending.add(rule);
            return rule;
        }
        return nat.forward(protocol, wanPort, inside);
    }

    /** Like {@link #forward(IpProtocol, int, String, int)} with "TCP" or "UDP". */
    public PortForward forward(String protocol, int wanPort, String lanAddress, int lanPort) {
        return forward(IpProtocol.parse(protocol), wanPort, lanAddress, lanPort);
    }

    /** Removes the rule for {@code protocol} {@code wanPort}. */
    public HomeRouter unforward(IpProtocol protocol, int wanPort) {
        boolean gone = nat == null ? pending.removeIf(r -> r.protocol() == protocol && r.outsidePort() == wanPort)
                : nat.unforward(protocol, wanPort) != null;
        if (!gone) {
            throw new IllegalArgumentException(name() + " has no port-forward rule for " + protocol + " " + wanPort
                    + "; its rules: " + rules());
        }
        return this;
    }

    /** The port forwarding rules (a list that shows itself as a table). */
    public List<PortForward> forwards() {
        return Rows.of(rules(), "port forwarding rules of " + name(), List.of("protocol", "public port", "to (LAN)"),
                r -> List.of(r.protocol().toString(), String.valueOf(r.outsidePort()), r.inside().toString()));
    }

    private List<PortForward> rules() {
        return nat == null ? List.copyOf(pending) : nat.forwards();
    }

    /** Hairpin NAT: on, the public address works from inside the LAN; off (default), it does not. */
    public HomeRouter hairpin(boolean enabled) {
        pendingHairpin = enabled;
        if (nat != null) {
            nat.hairpin(enabled);
        }
        return this;
    }

    /** The NAT translation table now (a list that shows itself as a table). */
    public List<NatEntry> natTable() {
        return Rows.of(nat == null ? List.of() : nat.entries(), "NAT table of " + name() + " (public "
                + (publicAddress() == null ? "no address" : publicAddress()) + ")",
                List.of("protocol", "inside", "outside", "remote", "kind", "state", "idle"),
                e -> List.of(e.protocol().toString(), e.inside().toString(), e.outside().toString(),
                        String.valueOf(e.remote()), e.kind(), e.state(), e.idle()));
    }

    public Nat nat() {
        return nat;
    }

    /** Why packets died at this router, oldest first: "no port-forward rule for TCP 8081: ...", "hairpin NAT is off: ...". */
    public List<String> drops() {
        return net.trace().where(e -> e.isDrop() && e.node().equals(name())).stream()
                .map(e -> e.place() + ": " + e.reason()).toList();
    }

    // ---- power and DDNS ----

    /** Pulls the plug: nothing gets through, the WAN lease is no longer renewed, the NAT table is lost. */
    public HomeRouter powerOff() {
        on = false;
        if (wan != null) {
            wan.powerOff();
            nat.clear();
        }
        lanDhcp.stop();
        return this;
    }

    /**
     * Plugs it back in: the WAN port asks the ISP for its old address (INIT-REBOOT) and takes a new
     * one if that is gone; the LAN devices whose lease ran out meanwhile ask again.
     */
    public HomeRouter powerOn() {
        on = true;
        lanDhcp.start();
        if (wan != null) {
            wan.start();
            DhcpWait.untilBound(net.simulator(), wan);
        }
        // Link up again: devices whose lease ran out meanwhile ask again (carrier sense restarts DHCP).
        members.forEach((h, nic) -> {
            if (h.dhcpClient(nic).state() != DhcpState.BOUND) {
                h.dhcp(nic);
            }
        });
        return this;
    }

    public boolean isOn() {
        return on;
    }

    /** Keeps {@code name} at {@code service} pointing at the public address (updated at every change). */
    public HomeRouter ddns(Ddns service, String name) {
        ddns = service;
        ddnsName = name;
        if (publicAddress() != null) {
            service.update(name, publicAddress(), name());
        }
        return this;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("home router " + name() + (on ? "" : " (switched off)") + ": WAN "
                + (publicAddress() == null ? "no address" : publicAddress()) + (isp == null ? "" : " from " + isp.name())
                + ", LAN " + LAN_ADDRESS + ", hairpin " + (pendingHairpin ? "on" : "off") + "\n");
        s.append("  port forwarding: ").append(rules().isEmpty() ? "none" : rules().toString()).append('\n');
        natTable().forEach(e -> s.append("  ").append(e).append('\n'));
        return s.toString();
    }
}
