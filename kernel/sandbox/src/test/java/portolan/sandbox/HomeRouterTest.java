package portolan.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static portolan.sandbox.stack.IpProtocol.TCP;
import static portolan.sandbox.stack.IpProtocol.UDP;

import java.util.List;
import org.junit.jupiter.api.Test;
import portolan.sandbox.stack.NatEntry;
import portolan.sandbox.stack.TraceEntry;
import portolan.sandbox.wire.Ipv4Address;
import portolan.sandbox.wire.Ipv4Packet;

/** The home router: public address by DHCP, LAN DHCP, NAPT, port forwarding (F1, F2, P1), hairpin. */
class HomeRouterTest {

    @Test
    void addressesAreTheNotesOnes() {
        HomeStory s = new HomeStory(1, true);
        assertEquals(Ipv4Address.parse("59.6.66.238"), s.home.publicAddress());
        assertEquals(Ipv4Address.parse("192.168.0.3"), s.desktop.ip());
        assertEquals(Ipv4Address.parse("192.168.0.4"), s.laptop.ip());
        assertEquals(Ipv4Address.parse("223.38.0.2"), s.phone.ip());
        assertEquals("[TCP 8080 → 192.168.0.3:80, TCP 8081 → 192.168.0.4:80]", List.copyOf(s.home.forwards()).toString());
        assertTrue(s.home.toString().contains("WAN 59.6.66.238 from KT"), s.home.toString());
    }

    /** F1 + P1: the rule decides which device behind the router answers; replies come back through the NAT. */
    @Test
    void portForwardingReachesTheDeviceTheRuleNames() {
        HomeStory s = new HomeStory(2, true);
        assertEquals("laptop's page", HomeStory.fetch(s.net, s.phone, "59.6.66.238", 8081));
        assertEquals("desktop's page", HomeStory.fetch(s.net, s.phone, "59.6.66.238", 8080));
        // the rule, not the device, decides: point 8081 at the desktop and the same address answers differently
        s.home.forward(TCP, 8081, s.desktop, 80);
        assertEquals("desktop's page", HomeStory.fetch(s.net, s.phone, "59.6.66.238", 8081));
        // the laptop saw the phone's own address (DNAT only), the phone saw only the public one
        assertTrue(s.net.trace().where(e -> e.place().equals("laptop:eth0") && e.event() == TraceEntry.Event.RECEIVED
                && e.ipv4() != null && e.ipv4().source().equals(s.phone.ip())).size() > 0);
        assertTrue(s.net.trace().where(e -> e.place().equals("phone:eth0") && e.event() == TraceEntry.Event.RECEIVED
                && e.ipv4() != null && e.ipv4().protocol() == Ipv4Packet.PROTOCOL_TCP).stream()
                .allMatch(e -> e.ipv4().source().equals(Ipv4Address.parse("59.6.66.238"))));
        NatEntry row = s.home.natTable().stream().filter(r -> r.kind().equals("port-forward")).findFirst().orElseThrow();
        assertEquals("192.168.0.4:80", row.inside().toString());
        assertEquals("59.6.66.238:8081", row.outside().toString());
        assertEquals(s.phone.ip(), row.remote().address());
    }

    /** F2: without the rule the connection fails, dropped at the router with a reason. */
    @Test
    void withoutARuleInboundIsDroppedWithTheReason() {
        HomeStory s = new HomeStory(3, false);
        String r = HomeStory.fetch(s.net, s.phone, "59.6.66.238", 8081);
        assertTrue(r.startsWith("failed: "), r);
        List<TraceEntry> drops = s.net.trace().where(e -> e.isDrop() && e.node().equals("공유기"));
        assertFalse(drops.isEmpty());
        assertTrue(drops.get(0).reason().startsWith("no port-forward rule for TCP 8081"), drops.get(0).reason());
        assertTrue(s.home.drops().get(0).startsWith("공유기:eth1: no port-forward rule for TCP 8081: 공유기 (59.6.66.238)"),
                s.home.drops().toString());
        // add the rule in one line and it works; remove it and it stops again
        s.home.forward(TCP, 8081, s.laptop, 80);
        assertEquals("laptop's page", HomeStory.fetch(s.net, s.phone, "59.6.66.238", 8081));
        s.home.unforward(TCP, 8081);
        assertTrue(HomeStory.fetch(s.net, s.phone, "59.6.66.238", 8081).startsWith("failed: "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.home.unforward(UDP, 9));
        assertTrue(e.getMessage().contains("no port-forward rule for UDP 9"), e.getMessage());
    }

    @Test
    void outboundNaptSharesThePublicAddress() {
        HomeStory s = new HomeStory(4, false);
        HomeStory.serve(s.phone, 80, "phone's page"); // a server on the other ISP
        assertEquals("phone's page", HomeStory.fetch(s.net, s.laptop, s.phone.ip().toString(), 80));
        assertEquals("phone's page", HomeStory.fetch(s.net, s.desktop, s.phone.ip().toString(), 80));
        s.net.runFor(java.time.Duration.ofSeconds(1)); // the last FIN/ACKs
        List<NatEntry> table = s.home.natTable();
        assertEquals(2, table.size(), s.home.nat().toString());
        assertTrue(table.stream().allMatch(r -> r.outside().address().equals(Ipv4Address.parse("59.6.66.238"))));
        assertEquals(List.of("192.168.0.4", "192.168.0.3"), table.stream().map(r -> r.inside().address().toString()).toList());
        assertTrue(table.stream().allMatch(r -> r.protocol() == TCP && r.kind().equals("outbound")));
        assertTrue(table.stream().allMatch(r -> r.state().equals("CLOSING") || r.state().equals("CLOSED")), table.toString());
        // only the public address arrives at the phone
        assertTrue(s.net.trace().where(e -> e.place().equals("phone:eth0") && e.ipv4() != null
                && e.ipv4().source().isPrivate()).isEmpty());
        assertTrue(s.laptop.ping(s.phone.ip().toString()).success(), "ping through the NAT (ICMP echo id as port)");
        // closed connections leave the table after the transitory timeout (4 min, lazily)
        s.net.runFor(java.time.Duration.ofMinutes(5));
        assertTrue(s.home.natTable().isEmpty(), s.home.nat().toString());
    }

    @Test
    void hairpinSwitch() {
        HomeStory s = new HomeStory(5, true);
        String off = HomeStory.fetch(s.net, s.desktop, "59.6.66.238", 8081);
        assertTrue(off.startsWith("failed: "), off);
        assertTrue(s.net.trace().where(e -> e.isDrop() && e.node().equals("공유기")).stream()
                .anyMatch(e -> e.reason().startsWith("hairpin NAT is off")));
        s.home.hairpin(true);
        assertEquals("laptop's page", HomeStory.fetch(s.net, s.desktop, "59.6.66.238", 8081));
        assertTrue(s.home.natTable().stream().anyMatch(r -> r.kind().equals("hairpin")), s.home.nat().toString());
        // the inside address always works
        assertEquals("laptop's page", HomeStory.fetch(s.net, s.desktop, "192.168.0.4", 80));
    }

    @Test
    void badInputIsExplained() {
        HomeStory s = new HomeStory(6, false);
        Host stranger = s.net.host("stranger");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.home.forward(TCP, 8081, stranger, 80));
        assertTrue(e.getMessage().contains("stranger is not on 공유기's LAN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> s.home.forward(TCP, 8081, "10.1.2.3", 80));
        assertTrue(e.getMessage().contains("only to its LAN 192.168.0.0/24"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> s.home.forward("SCTP", 1, "192.168.0.4", 80));
        assertTrue(e.getMessage().contains("use TCP or UDP"), e.getMessage());
    }
}
