package portolan.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import portolan.sandbox.stack.PingResult;
import portolan.sandbox.stack.Switch;
import portolan.sandbox.stack.TraceEntry;
import portolan.sandbox.wire.Ipv4Address;

class NetworkTest {

    @Test
    void pingOnOneLanResolvesArpAndGetsAReply() {
        try (Network net = new Network(1)) {
            Switch lan = net.lan("lan");
            Host a = net.host("a").attach(lan, "192.168.0.4/24");
            Host b = net.host("b").attach(lan, "192.168.0.5/24");
            PingResult r = a.ping("192.168.0.5");
            assertTrue(r.success(), r.toString());
            assertEquals(Ipv4Address.parse("192.168.0.5"), r.from());
            assertEquals(64, r.ttl());
            assertTrue(r.rttNanos() > 0);
            assertEquals(b.nics().get(0).mac(), a.arpTable().lookup(b.ip()));
            // b learned a from a's request (RFC 826: the target adds the sender)
            assertEquals(a.nics().get(0).mac(), b.arpTable().lookup(a.ip()));
            assertEquals(List.of("ARP", "ARP", "ARP", "ARP", "ICMP", "ICMP", "ICMP", "ICMP"),
                    net.trace().entries().stream().map(TraceEntry::protocol).toList());
            assertTrue(net.trace().toString().contains("ARP who-has 192.168.0.5 tell 192.168.0.4"), net.trace().toString());
        }
    }

    @Test
    void aNetworkRunsUntilATimeOrUntilAConditionHolds() throws Exception {
        try (Network net = new Network(2)) {
            Switch lan = net.lan("lan");
            Host a = net.host("a").attach(lan, "10.0.0.1/24");
            Host b = net.host("b").attach(lan, "10.0.0.2/24");
            net.runFor(Duration.ofSeconds(12));
            assertEquals(30_000_000_000L, net.runUntilTime(Duration.ofSeconds(30)).now(), "until 30 s, not for 30 s");
            var inbox = b.udpSocket(9000);
            String[] got = new String[1];
            b.spawn("receiver", () -> got[0] = new String(inbox.receive().data()));
            a.spawn("sender", () -> {
                net.simulator().sleep(Duration.ofMillis(5));
                a.udpSocket(0).send("hi".getBytes(), b.ip(), 9000);
            });
            net.runUntil(() -> got[0] != null);
            assertEquals("hi", got[0]);
            assertTrue(net.now() > 30_005_000_000L && net.now() < 30_006_000_000L, "the datagram came 5 ms and an"
                    + " ARP exchange later: " + net.now());
            IllegalArgumentException past = assertThrows(IllegalArgumentException.class,
                    () -> net.runUntilTime(Duration.ofSeconds(1)));
            assertTrue(past.getMessage().startsWith("cannot run until 1 s: virtual time is already 30.00"), past.getMessage());
            var never = assertThrows(portolan.sandbox.sim.SimulationDeadlockException.class,
                    () -> net.runUntil(() -> got[0].equals("never")));
            assertNotNull(never.getMessage());
        }
    }

    @Test
    void pingAcrossThreeRoutersArrivesWithTtlDecremented() {
        try (Network net = Topologies.threeRouters(7)) {
            Node pc = net.node("pc");
            PingResult r = pc.ping("10.0.3.10");
            assertTrue(r.success(), r + "\n" + net.trace());
            assertEquals(61, r.ttl(), "three routers each decrement the reply's TTL");
            assertEquals(3, net.trace().entries().stream().filter(e -> e.event() == TraceEntry.Event.FORWARDED
                    && e.protocol().equals("ICMP") && e.summary().contains("echo request")).count());
        }
    }

    @Test
    void pingReturnsWhenTheReplyArrivesAndTracerouteListsEveryRouter() {
        try (Network net = Topologies.threeRouters(7)) {
            Node pc = net.node("pc");
            long before = net.now();
            PingResult r = pc.ping("10.0.3.10");
            assertEquals(before + r.rttNanos(), net.now(), "the call returns at the reply's virtual time");
            var path = pc.traceroute("10.0.3.10");
            assertTrue(path.reached(), path.toString());
            assertEquals(List.of("192.168.0.1", "10.0.12.2", "10.0.23.2", "10.0.3.10"),
                    path.hops().stream().map(h -> h.from().toString()).toList());
            assertTrue(path.toString().startsWith("traceroute to 10.0.3.10\n 1  192.168.0.1"), path.toString());
            assertEquals(net.trace().at("pc:eth0"), pc.nic("eth0").capture().entries());
        }
    }

    @Test
    void macAddressesAreDeterministicInCreationOrder() {
        try (Network net = new Network(3)) {
            Switch lan = net.lan("lan");
            Host a = net.host("a").attach(lan, "10.0.0.1/24");
            Host b = net.host("b").attach(lan, "10.0.0.2/24");
            assertEquals("02:00:00:00:00:01", a.nics().get(0).mac().toString());
            assertEquals("02:00:00:00:00:02", b.nics().get(0).mac().toString());
        }
    }

    @Test
    void badInputIsExplained() {
        try (Network net = new Network(3)) {
            Switch lan = net.lan("lan");
            Host a = net.host("a").attach(lan, "10.0.0.1/24");
            IllegalArgumentException taken = assertThrows(IllegalArgumentException.class, () -> net.host("lan"));
            assertTrue(taken.getMessage().contains("already taken by a switch"), taken.getMessage());
            IllegalArgumentException gw = assertThrows(IllegalArgumentException.class, () -> a.gateway("10.9.9.1"));
            assertTrue(gw.getMessage().contains("none of its interfaces"), gw.getMessage());
            IllegalArgumentException net0 = assertThrows(IllegalArgumentException.class,
                    () -> net.host("b").attach(lan, "10.0.0.0/24"));
            assertTrue(net0.getMessage().contains("network address"), net0.getMessage());
        }
    }

    @Test
    void pingWithoutRouteExplainsItAndTimeoutExplainsTheDrop() {
        try (Network net = Topologies.threeRouters(7)) {
            Node pc = net.node("pc");
            PingResult unreachable = pc.ping("172.16.0.1");
            assertFalse(unreachable.success());
            assertNotNull(unreachable.from(), unreachable.toString());
            // r1 has no default route: it answers "network unreachable"
            assertEquals(Ipv4Address.parse("192.168.0.1"), unreachable.from());
            assertTrue(unreachable.explanation().contains("network unreachable"), unreachable.explanation());
            assertTrue(net.trace().drops().stream().anyMatch(e -> e.reason().startsWith("no route to 172.16.0.1")));

            PingResult lost = pc.ping("10.0.3.99", 64, Duration.ofSeconds(5));
            assertFalse(lost.success());
            // r3 gives up ARP for the missing host and reports "host unreachable" from its port towards pc
            assertEquals(Ipv4Address.parse("10.0.23.2"), lost.from());
            assertTrue(lost.explanation().contains("host unreachable"), lost.explanation());
            assertTrue(lost.explanation().contains("dropped at r3:eth1"), lost.explanation());
            assertTrue(lost.explanation().contains("no ARP reply from 10.0.3.99"), lost.explanation());
        }
    }
}
