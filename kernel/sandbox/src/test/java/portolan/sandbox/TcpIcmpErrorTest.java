package portolan.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import org.junit.jupiter.api.Test;
import portolan.sandbox.sim.SimTime;
import portolan.sandbox.stack.Switch;

/**
 * ICMP errors reach the TCP connection they are about (RFC 1122 §4.2.3.9): while connecting, a
 * destination unreachable ends the attempt at once, as Linux does; a time exceeded is a soft
 * error, named when the connection finally times out.
 */
class TcpIcmpErrorTest {

    @Test
    void connectingToAnAddressNobodyHasOnTheLinkFailsWhenArpGivesUp() {
        try (Network net = new Network(9)) {
            Switch lan = net.lan("lan");
            Host a = net.host("A").attach(lan, "10.0.0.1/24");
            NoRouteToHostException e = assertThrows(NoRouteToHostException.class, () -> a.connect("10.0.0.99", 80));
            assertEquals("no route to host: host A could not connect to 10.0.0.99:80: no ARP reply from 10.0.0.99 after"
                    + " 3 requests on A:eth0: nothing on that link has this address (host unreachable)", e.getMessage());
            assertEquals(3 * SimTime.SECOND, net.now(), "three ARP requests a second apart, not 123 s of SYNs");
            assertTrue(a.netstat().rows().isEmpty(), "the attempt is gone: " + a.netstat());
        }
    }

    @Test
    void aRoutersHostUnreachableEndsTheConnectAttempt() {
        try (Network net = new Network(9)) {
            Switch near = net.lan("near");
            Switch far = net.lan("far");
            Host a = net.host("A").attach(near, "10.0.0.1/24");
            net.router("r1").attach(near, "10.0.0.254/24").attach(far, "10.0.1.254/24");
            a.route("0.0.0.0/0", "10.0.0.254");
            NoRouteToHostException e = assertThrows(NoRouteToHostException.class, () -> a.connect("10.0.1.99", 80));
            assertEquals("no route to host: host A could not connect to 10.0.1.99:80: 10.0.0.254 answered with ICMP host"
                    + " unreachable", e.getMessage());
            assertTrue(net.now() < 4 * SimTime.SECOND, SimTime.format(net.now()));
            NoRouteToHostException n = assertThrows(NoRouteToHostException.class, () -> a.connect("10.9.9.9", 80));
            assertTrue(n.getMessage().endsWith("10.0.0.254 answered with ICMP network unreachable"), n.getMessage());
        }
    }

    @Test
    void aRoutingLoopsTimeExceededIsNamedWhenTheConnectTimesOut() {
        try (Network net = new Network(9)) {
            Switch near = net.lan("near");
            Switch between = net.lan("between");
            Host a = net.host("A").attach(near, "10.0.0.1/24");
            var r1 = net.router("r1").attach(near, "10.0.0.254/24").attach(between, "10.0.9.1/24");
            var r2 = net.router("r2").attach(between, "10.0.9.2/24");
            a.route("0.0.0.0/0", "10.0.0.254");
            r1.route("0.0.0.0/0", "10.0.9.2");
            r2.route("0.0.0.0/0", "10.0.9.1"); // each router sends 10.7.7.7 to the other
            ConnectException e = assertThrows(ConnectException.class, () -> a.connect("10.7.7.7", 80));
            assertTrue(e.getMessage().startsWith("connection timed out: host A sent SYN to 10.7.7.7:80 7 times"),
                    e.getMessage());
            assertTrue(e.getMessage().endsWith("; the last error reported on the way: 10.0.0.254 answered with ICMP"
                    + " time exceeded") || e.getMessage().endsWith("; the last error reported on the way: 10.0.9.2"
                    + " answered with ICMP time exceeded"), e.getMessage());
        }
    }
}
