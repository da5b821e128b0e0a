package portolan.sandbox;

import java.io.IOException;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import portolan.sandbox.apps.DhcpClient;
import portolan.sandbox.apps.Resolver;
import portolan.sandbox.apps.WebClient;
import portolan.sandbox.apps.WebServer;
import portolan.sandbox.sim.Cpu;
import portolan.sandbox.sim.SimRunnable;
import portolan.sandbox.sim.SimThread;
import portolan.sandbox.stack.Segment;
import portolan.sandbox.stack.TcpStack;
import portolan.sandbox.stack.TransportProtocol;
import portolan.sandbox.stack.UdpStack;
import portolan.sandbox.wire.Ipv4Address;

/**
 * A Host is an end system — a PC, a phone, a server: it has addresses, a default gateway, and
 * programs (simulated threads) that talk through its protocol stack. Unlike a {@link Router} it
 * never forwards packets that are not addressed to it.
 */
public final class Host extends Node {

    private final SocketLayer sockets;
    private final Resolver resolver;
    private final Cpu cpu;
    private final Map<String, DhcpClient> dhcpClients = new TreeMap<>();

    Host(Network network, String name) {
        super(network, name, false);
        sockets = new SocketLayer(stack());
        stack().register(sockets.tcp());
        stack().register(sockets.udp());
        resolver = new Resolver(this, () -> dhcpClients.values().stream().flatMap(c -> c.dnsServers().stream())
                .toList());
        cpu = new Cpu(network.simulator(), "host " + name, 1);
    }

    /** Plugs a new NIC into a switch or link with a static address, e.g. {@code attach(lan, "192.168.0.4/24")}. */
    public Host attach(Segment segment, String cidr) {
        plug(segment, cidr);
        return this;
    }

    /**
     * Plugs a new NIC into a switch or link without an address (0.0.0.0), for {@link #dhcp()} to
     * configure — like plugging a laptop into a home router.
     */
    public Host attach(Segment segment) {
        plug(segment, "0.0.0.0/32");
        return this;
    }

    /**
     * Gets an address for the first interface by DHCP and waits (in virtual time) until it is
     * BOUND: address, netmask, default gateway and DNS servers come from the server. Fails with an
     * explanation when no server answers.
     */
    public DhcpClient dhcp() {
        if (nics().isEmpty()) {
            throw new IllegalStateException(name() + " has no network interface; attach it first, e.g. "
                    + name() + ".attach(lan)");
        }
        return dhcp(nics().get(0).name());
    }

    /** Like {@link #dhcp()} for the interface {@code nicName} ("eth1"). */
    public DhcpClient dhcp(String nicName) {
        DhcpClient client = dhcpClient(nicName).start();
        DhcpWait.untilBound(network().simulator(), client);
        return client;
    }

    /** The DHCP client of interface {@code nicName}, created (not started) on first use. */
    public DhcpClient dhcpClient(String nicName) {
        return dhcpClients.computeIfAbsent(nicName, n -> {
            DhcpClient c = new DhcpClient(stack(), nic(n));
            network().background(c::pendingTimers);
            return c;
        });
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

    /** Puts {@code transport} in place of the host's own TCP or UDP (for experiments and tests). */
    public Host register(TransportProtocol transport) {
        stack().replace(transport);
        return this;
    }

    /**
     * Starts a program on this host: a simulated thread running {@code body} in virtual time, as
     * an ordinary (unprivileged) process named {@code threadName}.
     */
    public SimThread spawn(String threadName, SimRunnable body) {
        return sockets.privileges().spawn(threadName, body);
    }

    /** Starts a privileged program (root): it may bind ports 1–1023, like a web server daemon. */
    public SimThread spawnAsRoot(String threadName, SimRunnable body) {
        return sockets.privileges().spawnAsRoot(threadName, body);
    }

    /** Runs {@code body} with privileges, like {@code sudo}, and returns its result. */
    public <T> T asRoot(Callable<T> body) throws Exception {
        return sockets.privileges().asRoot(body);
    }

    // ---- sockets ------------------------------------------------------------------------------

    /** A TCP server socket listening on 0.0.0.0:{@code port} (every address of this host). */
    public TcpServerSocket serverSocket(int port) throws IOException {
        return sockets.serverSocket(port);
    }

    /** A TCP server socket on {@code address:port}; "127.0.0.1" accepts only connections from this host. */
    public TcpServerSocket serverSocket(String address, int port, int backlog) throws IOException {
        return sockets.serverSocket(Ipv4Address.parse(address), port, backlog);
    }

    /** An unbound TCP server socket, to set options such as reuse-address before bind. */
    public TcpServerSocket serverSocket() {
        return sockets.serverSocket();
    }

    /** Opens a TCP connection to {@code address:port} (three-way handshake in virtual time). */
    public TcpSocket connect(String address, int port) throws IOException {
        return sockets.connect(Ipv4Address.parse(address), port);
    }

    /** Opens a TCP connection to {@code host}'s first address. */
    public TcpSocket connect(Node host, int port) throws IOException {
        return sockets.connect(host.ip(), port);
    }

    /** An unconnected TCP socket, to set options before connect. */
    public TcpSocket tcpSocket() {
        return sockets.tcpSocket();
    }

    /** A UDP socket bound to 0.0.0.0:{@code port} (0: any free port). */
    public UdpSocket udpSocket(int port) throws IOException {
        return sockets.udpSocket(port);
    }

    /** The BSD-style socket calls on integer descriptors, sharing this host's descriptor table. */
    public Sys sys() {
        return sockets.sys();
    }

    /** Every socket of this host: protocol, addresses, TCP state, descriptor, process. */
    public Netstat netstat() {
        return sockets.netstat();
    }

    /** This host's TCP (settings such as MSL, RTO, buffers; statistics). */
    public TcpStack tcp() {
        return sockets.tcp();
    }

    /** This host's UDP. */
    public UdpStack udp() {
        return sockets.udp();
    }

    // ---- names, web, CPU -------------------------------------------------------------------

    /**
     * Sets the DNS servers this host asks (like /etc/resolv.conf), e.g. {@code dns("8.8.8.8")}; without
     * it the host uses the servers its DHCP lease named (option 6).
     */
    public Host dns(String... servers) {
        resolver.servers(servers);
        return this;
    }

    /** This host's stub resolver: its servers and cache. */
    public Resolver resolver() {
        return resolver;
    }

    /** The IPv4 address of {@code name}, asked of this host's DNS server over UDP 53 (or from the cache). */
    public Ipv4Address resolve(String name) throws UnknownHostException {
        return resolver.resolve(name);
    }

    /** An HTTP client on this host: {@code pc.http().get("http://example.com/")}. */
    public WebClient http() {
        return new WebClient(this);
    }

    /** Starts a web server program called {@code name} ("apache", "nginx") on 0.0.0.0:{@code port}. */
    public WebServer webServer(String name, int port) throws IOException {
        return WebServer.on(this, name).start(port);
    }

    /** Sets how many CPU cores this host has (1 unless set). */
    public Host cores(int n) {
        cpu.setCores(n);
        return this;
    }

    /** This host's CPU: work charged with {@code cpu().run(Duration)} waits for a free core. */
    public Cpu cpu() {
        return cpu;
    }

    /** The socket layer: stacks, descriptors and privileges together. */
    public SocketLayer sockets() {
        return sockets;
    }
}
