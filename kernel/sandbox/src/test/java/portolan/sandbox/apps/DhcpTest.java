package portolan.sandbox.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import portolan.sandbox.Host;
import portolan.sandbox.Network;
import portolan.sandbox.Router;
import portolan.sandbox.sim.SimTime;
import portolan.sandbox.stack.Switch;
import portolan.sandbox.stack.TraceEntry;
import portolan.sandbox.wire.DhcpMessage;
import portolan.sandbox.wire.DhcpMessageType;
import portolan.sandbox.wire.Ipv4Address;
import portolan.sandbox.wire.Ipv4Packet;
import portolan.sandbox.wire.UdpDatagram;

/** DHCP by RFC 2131 over real UDP 67/68 datagrams: DORA, NAK, DECLINE, RELEASE, T1, T2, expiry. */
class DhcpTest {

    record Lan(Network net, Switch lan, Router router, DhcpServer server) {
    }

    static Lan lan(long seed) {
        Network net = new Network(seed);
        Switch lan = net.lan("home");
        Router r = net.router("gw").attach(lan, "192.168.0.1/24");
        DhcpServer server = r.dhcpServer("eth0").pool("192.168.0.2", "192.168.0.20").dns("8.8.8.8").leaseTime(3600);
        return new Lan(net, lan, r, server);
    }

    /** The DHCP messages seen at {@code place}, in order, as "TYPE src→dst". */
    static List<String> dhcpOnWire(Network net, String place) {
        return net.trace().where(e -> e.place().equals(place) && e.event() == TraceEntry.Event.SENT).stream()
                .map(TraceEntry::ipv4).filter(p -> p != null && p.protocol() == Ipv4Packet.PROTOCOL_UDP)
                .map(p -> {
                    UdpDatagram d = UdpDatagram.parse(p.payload(), p.source(), p.destination());
                    return DhcpMessage.parse(d.payload()).messageType() + " " + p.source() + "→" + p.destination();
                }).toList();
    }

    @Test
    void doraBindsAddressGatewayAndDns() {
        Lan l = lan(1);
        Host laptop = l.net.host("laptop").attach(l.lan);
        DhcpClient c = laptop.dhcp();
        assertEquals(DhcpState.BOUND, c.state());
        assertEquals(Ipv4Address.parse("192.168.0.2"), laptop.ip());
        assertEquals(Ipv4Address.parse("192.168.0.1"), c.router());
        assertEquals(List.of(Ipv4Address.parse("8.8.8.8")), c.dnsServers());
        assertEquals(List.of("DISCOVER 0.0.0.0→255.255.255.255", "REQUEST 0.0.0.0→255.255.255.255"),
                dhcpOnWire(l.net, "laptop:eth0"));
        assertEquals(List.of("OFFER 192.168.0.1→255.255.255.255", "ACK 192.168.0.1→255.255.255.255"),
                dhcpOnWire(l.net, "gw:eth0"));
        assertEquals(List.of(DhcpState.SELECTING, DhcpState.REQUESTING, DhcpState.BOUND),
                c.history().stream().map(DhcpClient.Step::to).filter(s -> s != DhcpState.INIT).toList());
        assertTrue(laptop.ping("192.168.0.1").success());
        Lease lease = l.server.leases().get(0);
        assertEquals("BOUND", lease.state());
        assertEquals("laptop", lease.client());
        assertEquals(laptop.nic("eth0").mac(), lease.mac());
        assertTrue(l.server.toString().contains("192.168.0.2"), l.server.toString());
    }

    @Test
    void clientsGetDistinctAddressesInOrderAndReservationsWin() {
        Lan l = lan(2);
        Host a = l.net.host("a").attach(l.lan);
        Host b = l.net.host("b").attach(l.lan);
        Host c = l.net.host("c").attach(l.lan);
        l.server.reserve(c.nic("eth0").mac(), Ipv4Address.parse("192.168.0.4"), "c");
        a.dhcp();
        b.dhcp();
        c.dhcp();
        assertEquals("192.168.0.2 192.168.0.3 192.168.0.4", a.ip() + " " + b.ip() + " " + c.ip());
    }

    @Test
    void noServerFailsWithExplanation() {
        Network net = new Network(3);
        Switch lan = net.lan("empty");
        Host h = net.host("h").attach(lan);
        IllegalStateException e = assertThrows(IllegalStateException.class, h::dhcp);
        assertTrue(e.getMessage().contains("no DHCP server answered on h:eth0"), e.getMessage());
        assertTrue(net.simulator().pendingEvents() == 0, "a client that gave up leaves no timers behind");
    }

    @Test
    void renewsAtT1WithUnicastAndRebindsAtT2WhenTheServerIsSilent() {
        Lan l = lan(4);
        Host h = l.net.host("h").attach(l.lan);
        DhcpClient c = h.dhcp();
        long bound = l.net.now();
        l.net.runFor(Duration.ofMinutes(31)); // T1 = 30 min for a one-hour lease
        assertEquals(DhcpState.BOUND, c.state());
        assertTrue(c.history().stream().anyMatch(s -> s.to() == DhcpState.RENEWING
                && s.time() == bound + 1800 * SimTime.SECOND), c.toString());
        assertTrue(dhcpOnWire(l.net, "h:eth0").contains("REQUEST 192.168.0.2→192.168.0.1"));
        assertTrue(l.server.log().stream().anyMatch(e -> e.event().equals("RENEWED")));
        // now the server goes quiet: T1 renewal gets no answer, T2 rebinds by broadcast, the lease ends
        l.server.stop();
        long renewedAt = c.history().get(c.history().size() - 1).time();
        l.net.runFor(Duration.ofMinutes(60));
        List<DhcpState> states = c.history().stream().filter(s -> s.time() > renewedAt).map(DhcpClient.Step::to).toList();
        assertEquals(List.of(DhcpState.RENEWING, DhcpState.REBINDING, DhcpState.INIT, DhcpState.SELECTING), states.subList(0, 4));
        assertTrue(c.history().stream().anyMatch(s -> s.to() == DhcpState.REBINDING
                && s.time() == renewedAt + 3150 * SimTime.SECOND), c.toString());
        assertTrue(dhcpOnWire(l.net, "h:eth0").contains("REQUEST 192.168.0.2→255.255.255.255"));
        assertNull(c.address());
        assertNull(h.ip().isAny() ? null : h.ip());
    }

    @Test
    void serverExpiresUnrenewedLeaseAndReassignsIt() {
        Lan l = lan(5);
        Host h = l.net.host("h").attach(l.lan);
        DhcpClient c = h.dhcp();
        c.powerOff();
        l.net.runFor(Duration.ofHours(2));
        assertEquals("EXPIRED", l.server.leases().get(0).state());
        Host stranger = l.net.host("stranger").attach(l.lan);
        stranger.dhcp();
        assertEquals(Ipv4Address.parse("192.168.0.2"), stranger.ip());
        c.start(); // INIT-REBOOT asks for .2 again: NAK, then DISCOVER gives .3
        l.net.runFor(Duration.ofMinutes(1));
        assertEquals(Ipv4Address.parse("192.168.0.3"), c.address());
        assertTrue(c.history().stream().anyMatch(s -> s.why().contains("NAK")), c.toString());
        assertTrue(l.server.log().stream().anyMatch(e -> e.event().equals("REASSIGNED")), l.server.log().toString());
    }

    @Test
    void nakForAnAddressOfAnotherNetwork() {
        Lan l = lan(6);
        Host h = l.net.host("h").attach(l.lan);
        DhcpClient c = h.dhcpClient("eth0");
        // pretend the laptop comes from another network, remembering 10.0.0.7 (INIT-REBOOT)
        h.dhcp();
        c.powerOff();
        l.server.leases(); // the lease stays; the client asks for it on restart and gets ACK
        c.start();
        l.net.runFor(Duration.ofSeconds(5));
        assertEquals(DhcpState.BOUND, c.state());
        assertTrue(l.server.log().stream().noneMatch(e -> e.event().equals("NAK")));
        Lan other = lan(7);
        Host moved = other.net.host("moved").attach(other.lan);
        DhcpClient m = moved.dhcpClient("eth0");
        moved.dhcp();
        m.powerOff();
        other.server.pool("192.168.0.10", "192.168.0.20");
        m.start();
        other.net.runFor(Duration.ofSeconds(10));
        assertTrue(other.server.log().stream().anyMatch(e -> e.event().equals("NAK")), other.server.log().toString());
        assertEquals(Ipv4Address.parse("192.168.0.10"), m.address());
        assertTrue(dhcpOnWire(other.net, "gw:eth0").contains("NAK 192.168.0.1→255.255.255.255"));
    }

    @Test
    void declineWhenAnotherMachineAlreadyUsesTheOfferedAddress() {
        Lan l = lan(8);
        l.net.host("squatter").attach(l.lan, "192.168.0.2/24"); // static, unknown to the server
        Host h = l.net.host("h").attach(l.lan);
        DhcpClient c = h.dhcp();
        assertEquals(Ipv4Address.parse("192.168.0.3"), c.address());
        assertTrue(dhcpOnWire(l.net, "h:eth0").contains("DECLINE 0.0.0.0→255.255.255.255"));
        assertEquals("DECLINED", l.server.leases().get(0).state());
        assertTrue(c.history().stream().anyMatch(s -> s.why().startsWith("DECLINE 192.168.0.2")), c.toString());
    }

    @Test
    void releaseFreesTheAddress() {
        Lan l = lan(9);
        Host h = l.net.host("h").attach(l.lan);
        DhcpClient c = h.dhcp();
        c.release();
        l.net.runFor(Duration.ofSeconds(1));
        assertEquals(DhcpState.STOPPED, c.state());
        assertEquals("RELEASED", l.server.leases().get(0).state());
        assertTrue(dhcpOnWire(l.net, "h:eth0").contains("RELEASE 192.168.0.2→192.168.0.1"));
        assertEquals(DhcpMessageType.RELEASE.name(), "RELEASE");
    }

    @Test
    void runUntilIdleDoesNotWaitForLeaseTimers() {
        Lan l = lan(10);
        Host h = l.net.host("h").attach(l.lan);
        DhcpClient c = h.dhcp();
        long before = l.net.now();
        assertTrue(h.ping("192.168.0.1").success());
        l.net.runUntilIdle();
        assertTrue(l.net.now() - before < 1800 * SimTime.SECOND, "stopped before T1, at " + l.net.now());
        assertTrue(c.pendingTimers() >= 3, "T1, T2 and the lease end are still armed: " + c.pendingTimers());
        assertEquals(DhcpState.BOUND, c.state());
    }
}
