package portolan.sandbox.apps;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import portolan.sandbox.sim.Event;
import portolan.sandbox.sim.RandomStream;
import portolan.sandbox.sim.SimTime;
import portolan.sandbox.sim.Simulator;
import portolan.sandbox.stack.IpStack;
import portolan.sandbox.stack.Nic;
import portolan.sandbox.wire.ArpPacket;
import portolan.sandbox.wire.Cidr;
import portolan.sandbox.wire.DhcpMessage;
import portolan.sandbox.wire.DhcpMessageType;
import portolan.sandbox.wire.DhcpOption;
import portolan.sandbox.wire.EthernetFrame;
import portolan.sandbox.wire.Ipv4Address;
import portolan.sandbox.wire.Ipv4Packet;

/**
 * A DhcpClient gets, keeps and gives back the address of one interface by RFC 2131: it
 * broadcasts DISCOVER, takes the first OFFER, REQUESTs it, probes by ARP that nobody else uses
 * it (DECLINE if someone does), then binds the address, the default route and the DNS servers.
 * At T1 (half the lease) it renews with its server, at T2 (7/8) it rebinds with any server, and
 * when the lease ends it lets the address go and starts over. Every state change is kept.
 */
public final class DhcpClient {
    /** RFC 2131 §4.1: retransmit after 4, 8, 16 and 32 s (without the ±1 s jitter, for determinism). */
    static final long[] BACKOFF = {4, 8, 16, 32};
    /** How long the ARP probe waits for an answer before the address counts as unused (RFC 5227 in short). */
    static final long PROBE_WAIT = SimTime.SECOND;

    /** One step of the client's life: when, from which state to which, and why. */
    public record Step(long time, DhcpState from, DhcpState to, String why) {
        @Override
        public String toString() {
            return Times.format(time) + "  " + from + " → " + to + (why.isEmpty() ? "" : "  (" + why + ")");
        }
    }

    private final IpStack ip;
    private final Nic nic;
    private final Simulator sim;
    private final RandomStream random;
    private final DhcpPort port;
    private final String name;
    private final List<Step> history = new ArrayList<>();
    private final List<Consumer<DhcpClient>> listeners = new ArrayList<>();
    private final List<Event> timers = new ArrayList<>();
    private DhcpState state = DhcpState.INIT;
    private long xid;
    private int tries;
    private String failure;
    private Ipv4Address address;
    private Ipv4Address previous;
    private Cidr cidr;
    private Ipv4Address server;
    private Ipv4Address router;
    private List<Ipv4Address> dns = List.of();
    private long leaseSeconds;
    private long boundAt;

    public DhcpClient(IpStack ip, Nic nic) {
        this.ip = ip;
        this.nic = nic;
        this.sim = ip.simulator();
        this.name = ip.hostName();
        this.random = sim.random("node " + name + "/dhcp " + nic.name());
        this.port = new DhcpPort(ip, nic, DhcpMessage.CLIENT_PORT, this::receive);
    }

    /** Calls {@code listener} whenever the client binds an address or loses it. */
    public DhcpClient onChange(Consumer<DhcpClient> listener) {
        listeners.add(listener);
        return this;
    }

    // ---- looking inside ----

    public DhcpState state() {
        return state;
    }

    /** The bound address, or null when the client has none. */
    public Ipv4Address address() {
        return address;
    }

    public Ipv4Address server() {
        return server;
    }

    public Ipv4Address router() {
        return router;
    }

    public List<Ipv4Address> dnsServers() {
        return dns;
    }

    public long leaseSeconds() {
        return leaseSeconds;
    }

    /** Virtual times of T1, T2 and the end of the current lease (nanoseconds); empty when not bound. */
    public long[] leaseTimes() {
        if (address == null) {
            return new long[0];
        }
        long l = leaseSeconds * SimTime.SECOND;
        return new long[] {boundAt + l / 2, boundAt + l * 7 / 8, boundAt + l};
    }

    /** Why the last attempt failed ("no DHCP server answered on ..."), or null. */
    public String failure() {
        return failure;
    }

    public List<Step> history() {
        return List.copyOf(history);
    }

    public Nic nic() {
        return nic;
    }

    /** Timers (T1, T2, lease end, retransmits) still to fire: background work that never makes a network busy. */
    public int pendingTimers() {
        timers.removeIf(e -> !e.isPending());
        return timers.size();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("DHCP client on " + nic.place() + ": " + state);
        if (address != null) {
            long[] t = leaseTimes();
            s.append(", ").append(cidr).append(" from ").append(server).append(", router ").append(router)
                    .append(dns.isEmpty() ? "" : ", DNS " + dns).append(", T1 ").append(Times.format(t[0]))
                    .append(", T2 ").append(Times.format(t[1])).append(", lease ends ").append(Times.format(t[2]));
        }
        if (failure != null) {
            s.append("\n  ").append(failure);
        }
        for (Step step : history) {
            s.append("\n  ").append(step);
        }
        return s.toString();
    }

    // ---- actions ----

    /** Starts (or restarts) from INIT: broadcast DISCOVER. With a remembered address, INIT-REBOOT asks for it first. */
    public DhcpClient start() {
        cancelTimers();
        port.reopen();
        failure = null;
        if (previous != null && address == null) {
            to(DhcpState.INIT_REBOOT, "remembers " + previous);
            reboot();
        } else if (address == null) {
            to(DhcpState.INIT, "");
            discover();
        }
        return this;
    }

    /** Sends RELEASE for the bound address and gives it up (RFC 2131 §4.4.6). */
    public void release() {
        previous = null;
        if (address != null && server != null) {
            send(DhcpMessageType.RELEASE, List.of(DhcpOption.serverId(server)), address, server, false);
            stop("RELEASE sent to " + server);
            // The address stays until the RELEASE has left (it may wait for ARP), then goes.
            sim.schedule(SimTime.SECOND, name + ": DHCP release done", () -> unbind("released"));
        } else {
            stop("released");
        }
    }

    /** Switched off: no more messages or timers; the lease is remembered for INIT-REBOOT. */
    public void powerOff() {
        if (address != null) {
            previous = address;
        }
        unbind("powered off");
        stop("powered off");
    }

    private void stop(String why) {
        cancelTimers();
        port.close();
        to(DhcpState.STOPPED, why);
    }

    private void discover() {
        xid = random.nextLong(0x1_0000_0000L);
        tries = 0;
        to(DhcpState.SELECTING, "DISCOVER broadcast on " + nic.place());
        sendDiscover();
    }

    private void sendDiscover() {
        List<DhcpOption> options = new ArrayList<>(baseOptions());
        if (previous != null) {
            options.add(DhcpOption.requestedIp(previous)); // RFC 2131 §4.4.1: may suggest its last address
        }
        send(DhcpMessageType.DISCOVER, options, Ipv4Address.ANY, Ipv4Address.BROADCAST, true);
        retransmitLater(this::sendDiscover, "DISCOVER");
    }

    private void reboot() {
        xid = random.nextLong(0x1_0000_0000L);
        tries = 0;
        to(DhcpState.REBOOTING, "REQUEST " + previous + " broadcast");
        sendReboot();
    }

    private void sendReboot() {
        List<DhcpOption> options = new ArrayList<>(baseOptions());
        options.add(DhcpOption.requestedIp(previous));
        send(DhcpMessageType.REQUEST, options, Ipv4Address.ANY, Ipv4Address.BROADCAST, true);
        retransmitLater(this::sendReboot, "REQUEST");
    }

    private void retransmitLater(Runnable again, String what) {
        boolean last = tries >= BACKOFF.length - 1;
        long wait = BACKOFF[tries++];
        timer(wait * SimTime.SECOND, "DHCP retransmit", last ? () -> giveUp(what) : again);
    }

    private void giveUp(String what) {
        long total = 0;
        for (long b : BACKOFF) {
            total += b;
        }
        failure = "no DHCP server answered on " + nic.place() + " (" + BACKOFF.length + " " + what + "s over " + total
                + " s): is it plugged into a network with a DHCP server, and is that server on?";
        to(DhcpState.INIT, failure);
        port.close();
    }

    private List<DhcpOption> baseOptions() {
        return List.of(DhcpOption.clientId(nic.mac()), new DhcpOption(DhcpOption.HOST_NAME,
                name.getBytes(StandardCharsets.UTF_8)), DhcpOption.parameterRequestList(DhcpOption.SUBNET_MASK,
                DhcpOption.ROUTER, DhcpOption.DNS_SERVERS, DhcpOption.LEASE_TIME));
    }

    private void send(DhcpMessageType type, List<DhcpOption> options, Ipv4Address from, Ipv4Address to,
            boolean broadcast) {
        DhcpMessage m = DhcpMessage.request(type, xid, nic.mac(), broadcast, options);
        if (type == DhcpMessageType.RELEASE || (type == DhcpMessageType.REQUEST && !from.isAny())) {
            m = m.withCiaddr(from);
        }
        port.send(m, from, to, DhcpMessage.SERVER_PORT);
    }

    // ---- receiving ----

    private void receive(DhcpMessage m, Ipv4Packet packet) {
        if (m.op() != DhcpMessage.BOOTREPLY || m.xid() != xid || !m.chaddr().equals(nic.mac())) {
            return; // RFC 2131 §4.4.1: not an answer to our transaction
        }
        DhcpMessageType type = m.messageType();
        if (type == DhcpMessageType.OFFER && state == DhcpState.SELECTING) {
            cancelTimers();
            tries = 0;
            server = m.serverId().orElse(packet.source());
            to(DhcpState.REQUESTING, "OFFER of " + m.yiaddr() + " from " + server);
            Ipv4Address offered = m.yiaddr();
            Runnable request = new Runnable() {
                @Override
                public void run() {
                    List<DhcpOption> options = new ArrayList<>(baseOptions());
                    options.add(DhcpOption.requestedIp(offered));
                    options.add(DhcpOption.serverId(server));
                    send(DhcpMessageType.REQUEST, options, Ipv4Address.ANY, Ipv4Address.BROADCAST, true);
                    retransmitLater(this, "REQUEST");
                }
            };
            request.run();
        } else if (type == DhcpMessageType.ACK && (state == DhcpState.REQUESTING || state == DhcpState.REBOOTING)) {
            cancelTimers();
            probe(m);
        } else if (type == DhcpMessageType.ACK && (state == DhcpState.RENEWING || state == DhcpState.REBINDING)) {
            cancelTimers();
            bound(m, state == DhcpState.RENEWING ? "renewed" : "rebound");
        } else if (type == DhcpMessageType.NAK && state != DhcpState.BOUND && state != DhcpState.SELECTING) {
            cancelTimers();
            String why = m.option(56).map(o -> new String(o.data(), StandardCharsets.US_ASCII)).orElse("");
            unbind("NAK");
            previous = null;
            to(DhcpState.INIT, "NAK from " + m.serverId().orElse(packet.source()) + (why.isEmpty() ? "" : ": " + why));
            discover();
        }
    }

    /** RFC 2131 §4.4.1: the client SHOULD check the address is unused; ARP probe with sender 0.0.0.0 (RFC 5227). */
    private void probe(DhcpMessage ack) {
        Ipv4Address offered = ack.yiaddr();
        ip.arp().clear();
        nic.send(new EthernetFrame(portolan.sandbox.wire.MacAddress.BROADCAST, nic.mac(), EthernetFrame.ETHERTYPE_ARP,
                ArpPacket.request(nic.mac(), Ipv4Address.ANY, offered).toBytes()));
        timer(PROBE_WAIT, "DHCP ARP probe", () -> {
            if (ip.arp().lookup(offered) != null) {
                String who = ip.arp().lookup(offered).toString();
                send(DhcpMessageType.DECLINE, List.of(DhcpOption.requestedIp(offered),
                        DhcpOption.serverId(ack.serverId().orElse(server))), Ipv4Address.ANY, Ipv4Address.BROADCAST, true);
                previous = null;
                to(DhcpState.INIT, "DECLINE " + offered + ": " + who + " already answers ARP for it");
                timer(10 * SimTime.SECOND, "DHCP restart after DECLINE", this::discover); // RFC 2131 §3.1 step 5
            } else {
                bound(ack, "ACK");
            }
        });
    }

    private void bound(DhcpMessage ack, String why) {
        server = ack.serverId().orElse(server);
        leaseSeconds = ack.leaseTime().orElse(86_400);
        int prefix = Integer.bitCount(ack.subnetMask().orElse(Ipv4Address.parse("255.255.255.0")).toInt());
        Ipv4Address a = ack.yiaddr();
        boolean changed = !a.equals(address);
        address = a;
        previous = a;
        cidr = Cidr.of(a, prefix);
        router = ack.routers().isEmpty() ? null : ack.routers().get(0);
        dns = ack.dnsServers();
        boundAt = sim.now();
        if (changed) {
            ip.reconfigure(nic, cidr);
            if (router != null) {
                ip.setDefaultGateway(router);
            }
        }
        to(DhcpState.BOUND, why + ": " + cidr + " for " + Times.span(leaseSeconds));
        long lease = leaseSeconds * SimTime.SECOND;
        long t1 = ack.renewalTime().orElse(leaseSeconds / 2) * SimTime.SECOND;
        long t2 = ack.rebindingTime().orElse(leaseSeconds * 7 / 8) * SimTime.SECOND;
        timer(t1, "DHCP T1", () -> renew(DhcpState.RENEWING, server, t1, t2));
        timer(t2, "DHCP T2", () -> renew(DhcpState.REBINDING, Ipv4Address.BROADCAST, t2, lease));
        timer(lease, "DHCP lease end", () -> {
            cancelTimers();
            unbind("lease ended");
            previous = null;
            to(DhcpState.INIT, "lease of " + a + " ended without renewal");
            discover();
        });
        if (changed) {
            listeners.forEach(l -> l.accept(this));
        }
    }

    private void renew(DhcpState next, Ipv4Address to, long from, long until) {
        xid = random.nextLong(0x1_0000_0000L);
        to(next, (next == DhcpState.RENEWING ? "T1: REQUEST to " + server : "T2: REQUEST broadcast to any server"));
        send(DhcpMessageType.REQUEST, baseOptions(), address, to, to.isBroadcast());
        // RFC 2131 §4.4.5: retransmit after half the remaining time (once here, while it is at least 60 s).
        long half = (until - from) / 2;
        if (half >= 60 * SimTime.SECOND) {
            timer(half, "DHCP retransmit", () -> {
                if (state == next) {
                    send(DhcpMessageType.REQUEST, baseOptions(), address, to, to.isBroadcast());
                }
            });
        }
    }

    private void unbind(String why) {
        if (address != null) {
            address = null;
            cidr = null;
            ip.reconfigure(nic, Cidr.parse("0.0.0.0/32"));
            listeners.forEach(l -> l.accept(this));
        }
    }

    // ---- plumbing ----

    private void to(DhcpState next, String why) {
        history.add(new Step(sim.now(), state, next, why));
        state = next;
    }

    private void timer(long delay, String what, Runnable action) {
        long at = sim.now() + delay;
        timers.add(sim.scheduleAt(at, name + ": " + what, action));
    }

    private void cancelTimers() {
        for (Event e : timers) {
            e.cancel();
        }
        timers.clear();
    }
}
