package portolan.sandbox.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.BindException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import portolan.sandbox.Host;
import portolan.sandbox.Network;
import portolan.sandbox.TcpSocket;
import portolan.sandbox.wire.HttpResponse;
import portolan.sandbox.wire.Url;

/** Ports and web servers (notes 001/002): concept IDs P2–P7 and W1–W4, plus DNS behind URLs. */
class WebServerScenarioTest {

    @Test
    @DisplayName("P2 W4 S2: one machine runs several servers; the port picks the program")
    void p2w4s2SeveralServersOnePortEach() throws Exception {
        WebScenarios w = new WebScenarios(1);
        w.server.webServer("apache", 80).page("/", "apache here");
        WebServer mail = WebServer.on(w.server, "mailweb").page("/", "mail here").start(8025);
        assertEquals("apache here", w.pc.http().get("http://1.2.3.4/").body());
        WebResult r = w.pc.http().get("http://1.2.3.4:8025/");
        assertEquals("mail here", r.body());
        assertEquals("mailweb", r.headers().get("Server").orElseThrow());
        assertEquals(1, mail.served());
    }

    @Test
    @DisplayName("P3 W2: a port is a 16-bit number 0–65535, tied to an address and protocol")
    void p3w2PortRange() throws Exception {
        WebScenarios w = new WebScenarios(2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Url.parse("http://1.2.3.4:70000/"));
        assertTrue(e.getMessage().contains("65535"), e.getMessage());
        WebServer s = w.server.webServer("nginx", 65535).page("/", "top port");
        assertEquals("top port", w.pc.http().get("http://1.2.3.4:65535/").body());
        assertTrue(w.server.netstat().toString().contains("0.0.0.0:65535"), w.server.netstat().toString());
        assertEquals(65535, s.port());
    }

    @Test
    @DisplayName("P4 P5 W1: well-known port 80 needs privilege; a daemon (apache) listens there")
    void p4p5w1PrivilegedPort80() throws Exception {
        WebScenarios w = new WebScenarios(3);
        BindException denied = assertThrows(BindException.class, () -> w.server.serverSocket(80));
        assertTrue(denied.getMessage().contains("privileged"), denied.getMessage());
        WebServer apache = w.server.webServer("apache", 80).page("/", "<h1>It works!</h1>");
        assertTrue(w.server.netstat().toString().contains("apache"), w.server.netstat().toString());
        assertTrue(w.server.netstat().toString().contains("LISTEN"));
        WebResult r = w.pc.http().get("http://opentutorials.org/");
        assertEquals(200, r.status(), r.explain());
        assertEquals("<h1>It works!</h1>", r.body());
        assertEquals(80, apache.port());
    }

    @Test
    @DisplayName("P6: a second server on port 80 fails with BindException naming the holder; 8080 works")
    void p6SecondServerOnTakenPort() throws Exception {
        WebScenarios w = new WebScenarios(4);
        w.server.webServer("apache", 80).page("/", "apache");
        BindException e = assertThrows(BindException.class, () -> w.server.webServer("nginx", 80));
        assertTrue(e.getMessage().contains("0.0.0.0:80") && e.getMessage().contains("apache"), e.getMessage());
        w.server.webServer("nginx", 8080).page("/", "nginx");
        assertEquals("apache", w.pc.http().get("http://opentutorials.org/").body());
        assertEquals("nginx", w.pc.http().get("http://opentutorials.org:8080/").body());
    }

    @Test
    @DisplayName("P7: http://opentutorials.org.8080 is host 'opentutorials.org.8080' on port 80, not port 8080")
    void p7DotIsNotAPort() throws Exception {
        WebScenarios w = new WebScenarios(5);
        w.server.webServer("nginx", 8080).page("/", "nginx on 8080");
        Url dotted = Url.parse("http://opentutorials.org.8080");
        Url colon = Url.parse("http://opentutorials.org:8080");
        assertEquals("opentutorials.org.8080", dotted.host());
        assertEquals(80, dotted.effectivePort());
        assertEquals("opentutorials.org", colon.host());
        assertEquals(8080, colon.effectivePort());
        WebResult wrong = w.pc.http().get("http://opentutorials.org.8080");
        assertFalse(wrong.ok());
        assertTrue(wrong.failure().contains("opentutorials.org.8080: no such name (NXDOMAIN) from 1.2.3.53"),
                wrong.failure());
        assertTrue(wrong.explain().contains("port 80 (the default for http)"), wrong.explain());
        assertEquals("nginx on 8080", w.pc.http().get("http://opentutorials.org:8080").body());
        // if the dotted name did exist it would be a different host, reached on port 80
        w.dns.add("opentutorials.org.8080", "1.2.3.53");
        WebResult other = w.pc.http().get("http://opentutorials.org.8080");
        assertEquals(w.ns.ip(), other.address());
        assertTrue(other.failure().contains("refused"), other.explain());
    }

    @Test
    @DisplayName("W3 S10: many clients talk to one port at once; connections differ by the client's address and port")
    void w3ManyClientsOnePort() throws Exception {
        WebScenarios w = new WebScenarios(6);
        w.server.webServer("apache", 80).route("/", req -> HttpResponse.text(200, "hi"));
        List<WebResult> results = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            w.pc.spawn("browser-" + i, () -> results.add(w.pc.http().get("http://opentutorials.org/")));
        }
        w.net.runUntilIdle();
        assertEquals(5, results.size());
        results.forEach(r -> assertEquals(200, r.status()));
        // open five connections and look at the server's sockets: same local port, different peers
        List<TcpSocket> open = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            open.add(w.pc.connect("1.2.3.4", 80));
        }
        w.net.runFor(java.time.Duration.ofMillis(10));
        long established = w.server.netstat().rows().stream().filter(r -> r.state().equals("ESTABLISHED")).count();
        assertTrue(established >= 3, w.server.netstat().toString());
        assertEquals(3, open.stream().map(TcpSocket::getLocalPort).distinct().count());
    }

    @Test
    @DisplayName("DNS: A and CNAME records, cache with TTL in virtual time, clear errors")
    void dnsResolverAndCache() throws Exception {
        WebScenarios w = new WebScenarios(7);
        assertEquals("1.2.3.4", w.pc.resolve("www.opentutorials.org").toString());
        assertTrue(w.pc.resolver().lookup("www.opentutorials.org").fromCache());
        long sent = w.pc.resolver().queriesSent();
        w.net.runFor(java.time.Duration.ofSeconds(301));
        w.pc.resolve("www.opentutorials.org");
        assertEquals(sent + 1, w.pc.resolver().queriesSent(), "the TTL expired, so the resolver asked again");
        assertTrue(w.dns.toString().contains("www.opentutorials.org  CNAME  opentutorials.org"), w.dns.toString());
        assertEquals(2, w.dns.records().size());
        Host lonely = w.net.host("lonely");
        UnknownHostException none = assertThrows(UnknownHostException.class, () -> lonely.resolve("opentutorials.org"));
        assertTrue(none.getMessage().contains("no DNS server configured on host lonely"), none.getMessage());
        UnknownHostException nx = assertThrows(UnknownHostException.class, () -> w.pc.resolve("nowhere.example"));
        assertEquals("nowhere.example: no such name (NXDOMAIN) from 1.2.3.53", nx.getMessage());
    }

    @Test
    @DisplayName("DNS: a host without a configured server uses the one its DHCP lease named (option 6)")
    void dnsServerFromDhcpOption6() throws Exception {
        Network net = new Network(8);
        var lan = net.lan("home");
        net.router("gw").attach(lan, "192.168.0.1/24").dhcpServer("eth0").pool("192.168.0.100", "192.168.0.150")
                .dns("192.168.0.53");
        DnsServer.start(net.host("ns").attach(lan, "192.168.0.53/24")).add("printer.home", "192.168.0.9");
        Host laptop = net.host("laptop").attach(lan);
        laptop.dhcp();
        assertEquals(List.of(net.node("ns").ip()), laptop.resolver().servers());
        assertEquals("192.168.0.9", laptop.resolve("printer.home").toString());
    }

    @Test
    @DisplayName("explain(): hop by hop through the router; 404 names the pages; the result is deterministic")
    void explainHopsAndDeterminism() throws Exception {
        String first = run(11);
        assertEquals(first, run(11));
        assertTrue(first.contains("r1:eth0 received SYN") && first.contains("r1:eth1 forwarded SYN")
                && first.contains("server:eth0 received SYN"), first);
        WebScenarios w = new WebScenarios(12);
        w.server.webServer("apache", 80).page("/", "x");
        WebResult missing = w.pc.http().get("http://opentutorials.org/nope");
        assertEquals(404, missing.status());
        assertTrue(missing.body().contains("[/]"), missing.body());
    }

    private static String run(long seed) throws Exception {
        WebScenarios w = new WebScenarios(seed);
        w.server.webServer("apache", 80).page("/", "x");
        String explain = w.pc.http().get("http://opentutorials.org/").explain();
        return explain + "\n" + w.net.fingerprint();
    }
}
