package portolan.sandbox.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import portolan.sandbox.Host;
import portolan.sandbox.Network;
import portolan.sandbox.apps.DnsServer;
import portolan.sandbox.stack.Switch;

/**
 * Runs tshark with IP/TCP/UDP checksum checks on over a capture of DNS lookups (found and
 * NXDOMAIN, a CNAME) and HTTP GETs (200 and 404, ports 80 and 8080), and checks tshark decodes
 * the same names, addresses, codes and methods, with nothing malformed.
 */
class WebCaptureTsharkTest {
    private static final List<String> PREFS = List.of("-o", "ip.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE",
            "-o", "udp.check_checksum:TRUE");
    private static final List<String> FIELDS = List.of("_ws.malformed", "_ws.expert.message", "dns.qry.name",
            "dns.a", "dns.flags.rcode", "dns.cname", "http.request.method", "http.request.uri", "http.host",
            "http.response.code", "http.server");

    @TempDir
    Path dir;

    @Test
    void dnsAndHttpCapturesDissectCleanly() throws Exception {
        try (Network net = new Network(9)) {
            Switch lan = net.lan("lan");
            Host pc = net.host("pc").attach(lan, "10.0.0.4/24").dns("10.0.0.53");
            Host server = net.host("server").attach(lan, "10.0.0.80/24");
            DnsServer.start(net.host("ns").attach(lan, "10.0.0.53/24")).add("example.org", "10.0.0.80")
                    .add("www.example.org", "example.org");
            server.webServer("apache", 80).page("/", "<h1>hello</h1>");
            server.webServer("nginx", 8080).page("/", "eight-oh-eight-oh");
            assertEquals(200, pc.http().get("http://www.example.org/").status());
            assertEquals(404, pc.http().get("http://example.org:8080/missing").status());
            assertTrue(pc.http().get("http://example.org.8080/").failure().contains("NXDOMAIN"));
            net.runUntilIdle();
            Path file = net.capture("pc").writePcapng(dir.resolve("web.pcapng"));
            List<String> lines = TsharkValidationTest.tshark(file, PREFS, FIELDS);
            List<String> problems = new ArrayList<>();
            List<String> dns = new ArrayList<>();
            List<String> http = new ArrayList<>();
            for (String line : lines) {
                List<String> v = Arrays.asList(line.split("\t", -1));
                String expert = v.get(1).toLowerCase();
                if (!v.get(0).isEmpty() || expert.contains("checksum") || expert.contains("malformed")) {
                    problems.add(line);
                }
                if (!v.get(2).isEmpty()) {
                    dns.add(v.get(2) + " " + v.get(3) + " rcode=" + v.get(4) + " cname=" + v.get(5));
                }
                if (!v.get(6).isEmpty()) {
                    http.add(v.get(6) + " " + v.get(7) + " Host=" + v.get(8));
                }
                if (!v.get(9).isEmpty()) {
                    http.add(v.get(9) + " Server=" + v.get(10));
                }
            }
            assertTrue(problems.isEmpty(), () -> "tshark found problems:\n" + String.join("\n", problems));
            // queries carry no rcode field in tshark; answers do (3 = NXDOMAIN)
            assertEquals(List.of("www.example.org  rcode= cname=", "www.example.org 10.0.0.80 rcode=0 cname=example.org",
                    "example.org  rcode= cname=", "example.org 10.0.0.80 rcode=0 cname=",
                    "example.org.8080  rcode= cname=", "example.org.8080  rcode=3 cname="), dns);
            assertEquals(List.of("GET / Host=www.example.org", "200 Server=apache", "GET /missing Host=example.org:8080",
                    "404 Server=nginx"), http);
        }
    }
}
