package portolan.sandbox.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import portolan.sandbox.sim.Simulator;
import portolan.sandbox.wire.Cidr;
import portolan.sandbox.wire.Ipv4Address;
import portolan.sandbox.wire.MacAddress;

class RoutingTableTest {
    private final Simulator sim = new Simulator(1);
    private final PacketTrace trace = new PacketTrace(sim);
    private final Nic eth0 = new Nic("r", "eth0", MacAddress.of(1), trace);
    private final Nic eth1 = new Nic("r", "eth1", MacAddress.of(2), trace);

    private static Ipv4Address ip(String s) {
        return Ipv4Address.parse(s);
    }

    @Test
    void longestPrefixWinsRegardlessOfInsertionOrder() {
        RoutingTable t = new RoutingTable("r");
        t.add(new Route(Cidr.parse("0.0.0.0/0"), ip("192.168.0.1"), eth0, "default"));
        t.add(new Route(Cidr.parse("10.0.0.0/8"), ip("192.168.0.2"), eth0, "static"));
        t.add(new Route(Cidr.parse("10.1.0.0/16"), ip("172.16.0.2"), eth1, "static"));
        t.add(new Route(Cidr.parse("10.1.2.0/24"), null, eth1, "connected"));
        assertEquals("10.1.2.0/24", t.lookup(ip("10.1.2.3")).destination().toString());
        assertEquals("10.1.0.0/16", t.lookup(ip("10.1.9.9")).destination().toString());
        assertEquals("10.0.0.0/8", t.lookup(ip("10.200.0.1")).destination().toString());
        assertEquals("0.0.0.0/0", t.lookup(ip("8.8.8.8")).destination().toString());
        assertEquals(ip("8.8.8.8"), t.lookup(ip("10.1.2.3")).nextHop(ip("8.8.8.8")), "connected: straight to it");
        assertEquals(ip("172.16.0.2"), t.lookup(ip("10.1.9.9")).nextHop(ip("10.1.9.9")));
        String text = t.toString();
        assertTrue(text.indexOf("10.1.2.0/24") < text.indexOf("10.1.0.0/16")
                && text.indexOf("10.1.0.0/16") < text.indexOf("10.0.0.0/8")
                && text.indexOf("10.0.0.0/8") < text.indexOf("0.0.0.0/0"), text);
    }

    @Test
    void withoutDefaultRouteUnknownDestinationsHaveNoRoute() {
        RoutingTable t = new RoutingTable("r");
        t.add(new Route(Cidr.parse("10.0.0.0/8"), null, eth0, "connected"));
        assertNull(t.lookup(ip("11.0.0.1")));
        assertEquals(1, t.remove(Cidr.parse("10.0.0.0/8")));
        assertNull(t.lookup(ip("10.0.0.1")));
    }

    @Test
    void duplicateRouteIsRefusedWithAnExplanation() {
        RoutingTable t = new RoutingTable("r");
        t.add(new Route(Cidr.parse("10.0.0.0/8"), ip("192.168.0.2"), eth0, "static"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> t.add(new Route(Cidr.parse("10.0.0.0/8"), ip("192.168.0.2"), eth0, "static")));
        assertTrue(e.getMessage().contains("already has the route 10.0.0.0/8"), e.getMessage());
    }
}
