package portolan.sandbox.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import portolan.sandbox.Host;
import portolan.sandbox.Network;
import portolan.sandbox.Sys;
import portolan.sandbox.TcpServerSocket;
import portolan.sandbox.TcpSocket;
import portolan.sandbox.stack.Switch;
import portolan.sandbox.stack.TraceEntry;
import portolan.sandbox.wire.Ipv4Address;
import portolan.sandbox.wire.Ipv4Packet;
import portolan.sandbox.wire.TcpSegment;

/** How servers are built (note 004): concept IDs S1–S11, with load tests in virtual time for S5/S6. */
class ServerStructureScenarioTest {

    static LoadTest.Result load(long seed, WebServer.Structure structure, int workers) throws Exception {
        WebScenarios w = new WebScenarios(seed);
        w.server.cores(2);
        WebServer.on(w.server, "apache").structure(structure, workers).serviceTime(Duration.ofMillis(5))
                .page("/", "hello").start(80);
        w.net.runFor(Duration.ofSeconds(1)); // the server is up (pool workers started) before clients come
        return LoadTest.of(w.pc, "http://1.2.3.4/").clients(6).requests(20).thinkTime(Duration.ofMillis(30))
                .run(structure.name().toLowerCase() + (structure == WebServer.Structure.POOL ? " " + workers : ""));
    }

    @Test
    @DisplayName("S5 S6: a process per connection costs start-up time on every request; a pre-started pool does not")
    void s5s6PoolBeatsProcessPerConnection() throws Exception {
        LoadTest.Result process = load(40, WebServer.Structure.PROCESS_PER_CONNECTION, 1);
        LoadTest.Result thread = load(40, WebServer.Structure.THREAD_PER_CONNECTION, 1);
        LoadTest.Result pool = load(40, WebServer.Structure.POOL, 8);
        LoadTest.Result single = load(40, WebServer.Structure.SINGLE_THREADED, 1);
        String table = LoadTest.compare(List.of(process.summary(), thread.summary(), pool.summary(), single.summary()));
        System.out.println(table);
        for (LoadTest.Result r : List.of(process, thread, pool, single)) {
            assertEquals(120, r.samples().size(), table);
            assertEquals(0, r.summary().failures(), table);
        }
        // every request pays the 8 ms process start-up (and waits behind other start-ups on 2 cores)
        assertTrue(process.percentile(50) >= pool.percentile(50) + 8, table);
        assertTrue(thread.percentile(50) >= pool.percentile(50) + 1.9, table);
        assertTrue(process.percentile(90) > thread.percentile(90), table);
        // one thread uses one core of two: when requests meet, they queue behind each other
        assertTrue(single.percentile(99) > pool.percentile(99), table);
        assertTrue(single.summary().meanMs() > pool.summary().meanMs(), table);
        assertTrue(pool.summary().requestsPerSecond() > process.summary().requestsPerSecond(), table);
        // the same seed gives the same numbers
        assertEquals(pool.samples(), load(40, WebServer.Structure.POOL, 8).samples());
    }

    @Test
    @DisplayName("S1: every computer has the same stack, so a client PC can serve pages too")
    void s1ClientPcCanServe() throws Exception {
        WebScenarios w = new WebScenarios(41);
        w.pc.webServer("homepage", 8000).page("/", "served from a PC");
        WebResult r = w.server.http().get("http://192.168.0.4:8000/");
        assertEquals("served from a PC", r.body(), r.explain());
        assertEquals("homepage", r.headers().get("Server").orElseThrow());
    }

    @Test
    @DisplayName("S2: ports let one machine be web and mail server at once, at the cost of shared load")
    void s2WebAndMailShareTheMachine() throws Exception {
        WebScenarios w = new WebScenarios(42);
        WebServer.on(w.server, "apache").serviceTime(Duration.ofMillis(5)).page("/", "web").start(80);
        WebServer.on(w.server, "webmail").serviceTime(Duration.ofMillis(5)).page("/", "mail").start(8025);
        assertEquals("mail", w.pc.http().get("http://1.2.3.4:8025/").body());
        LoadTest web = LoadTest.of(w.pc, "http://1.2.3.4/").clients(3).requests(20).thinkTime(Duration.ofMillis(10));
        LoadTest.Result alone = web.run("web alone");
        LoadTest.Result[] mail = new LoadTest.Result[1];
        w.ns.spawn("mail users", () -> mail[0] = LoadTest.of(w.ns, "http://1.2.3.4:8025/").clients(3).requests(20)
                .thinkTime(Duration.ofMillis(10)).run("mail"));
        LoadTest.Result shared = web.run("web while mail is busy");
        w.net.runUntilIdle();
        String table = LoadTest.compare(List.of(alone.summary(), shared.summary(), mail[0].summary()));
        assertEquals(0, shared.summary().failures() + mail[0].summary().failures(), table);
        assertTrue(shared.summary().meanMs() > alone.summary().meanMs() + 1, table);
    }

    @Test
    @DisplayName("S3: the response may come back by another router; nothing ties it to the request's path")
    void s3AsymmetricPath() throws Exception {
        Network net = new Network(43);
        Switch a = net.lan("lan-a");
        Switch b = net.lan("lan-b");
        net.router("r1").attach(a, "10.0.1.1/24").attach(b, "10.0.2.1/24");
        net.router("r2").attach(a, "10.0.1.2/24").attach(b, "10.0.2.2/24");
        Host pc = net.host("pc").attach(a, "10.0.1.10/24").gateway("10.0.1.1");
        Host server = net.host("server").attach(b, "10.0.2.10/24").gateway("10.0.2.2");
        server.webServer("apache", 80).page("/", "hi");
        WebResult r = pc.http().get("http://10.0.2.10/");
        assertEquals("hi", r.body(), r.explain());
        List<String> synPath = new ArrayList<>();
        List<String> synAckPath = new ArrayList<>();
        for (TraceEntry e : net.trace().where(e -> e.event() == TraceEntry.Event.FORWARDED)) {
            Ipv4Packet p = e.ipv4();
            if (p != null && p.protocol() == Ipv4Packet.PROTOCOL_TCP) {
                TcpSegment t = TcpSegment.parse(p.payload(), p.source(), p.destination());
                if (t.has(TcpSegment.SYN)) {
                    (t.has(TcpSegment.ACK) ? synAckPath : synPath).add(e.node());
                }
            }
        }
        assertEquals(List.of("r1"), synPath);
        assertEquals(List.of("r2"), synAckPath);
    }

    @Test
    @DisplayName("S4 S8 S11: the client connects, the server binds, listens and accepts; sockets are descriptors")
    void s4s8s11SocketCallsWithDescriptors() throws Exception {
        WebScenarios w = new WebScenarios(44);
        Sys server = w.server.sys();
        int listener = server.socket();
        assertTrue(listener >= 3, "descriptors 0-2 are stdin/out/err, got " + listener);
        server.bind(listener, "0.0.0.0", 7000);
        assertTrue(w.server.netstat().toString().contains("0.0.0.0:7000"), "bind wrote the port into the socket");
        server.listen(listener, 5);
        assertEquals(1, w.server.netstat().inState("LISTEN").size());
        Sys client = w.pc.sys();
        int fd = client.socket(); // a descriptor exists before any connection does
        client.connect(fd, "1.2.3.4", 7000);
        w.net.runFor(Duration.ofMillis(5)); // the client's ACK, third step of the handshake, arrives
        // the stack answered the SYN although the server program has not called accept() yet
        assertEquals(1, w.server.netstat().inState("ESTABLISHED").size(), w.server.netstat().toString());
        client.send(fd, "ping".getBytes(StandardCharsets.US_ASCII));
        int conn = server.accept(listener);
        assertTrue(conn != listener);
        assertEquals("ping", new String(server.recv(conn, 100), StandardCharsets.US_ASCII));
        server.send(conn, "pong".getBytes(StandardCharsets.US_ASCII));
        assertEquals("pong", new String(client.recv(fd, 100), StandardCharsets.US_ASCII));
        client.close(fd);
        server.close(conn);
        // the first SYN was sent by the connecting side
        TraceEntry firstSyn = w.net.trace().where(e -> e.event() == TraceEntry.Event.SENT && "TCP".equals(e.protocol())
                && e.ipv4().destination().equals(Ipv4Address.parse("1.2.3.4"))).get(0);
        assertEquals("pc", firstSyn.node());
    }

    @Test
    @DisplayName("S7: once connected, data flows both ways; here the server speaks first")
    void s7SymmetricDataFlow() throws Exception {
        WebScenarios w = new WebScenarios(45);
        String[] heard = new String[1];
        TcpServerSocket ss = w.server.serverSocket(2525);
        w.server.spawn("smtpd", () -> {
            try (TcpSocket s = ss.accept()) {
                s.getOutputStream().write("220 hello\n".getBytes(StandardCharsets.US_ASCII));
                heard[0] = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            }
        });
        try (TcpSocket c = w.pc.connect("1.2.3.4", 2525)) {
            InputStream in = c.getInputStream();
            assertEquals("220 hello\n", new String(in.readNBytes(10), StandardCharsets.US_ASCII));
            c.getOutputStream().write("HELO pc\n".getBytes(StandardCharsets.US_ASCII));
        }
        w.net.runUntilIdle();
        assertEquals("HELO pc\n", heard[0]);
    }

    @Test
    @DisplayName("S5 S9 S10: each accepted connection gets its own socket (and thread) on the same port 80")
    void s5s9s10AcceptCopiesTheListener() throws Exception {
        WebScenarios w = new WebScenarios(46);
        TcpServerSocket ss = w.server.asRoot(() -> w.server.serverSocket(80));
        TcpSocket a = w.pc.connect("1.2.3.4", 80);
        TcpSocket b = w.pc.connect("1.2.3.4", 80);
        TcpSocket first = ss.accept();
        TcpSocket second = ss.accept();
        assertEquals(80, first.getLocalPort());
        assertEquals(80, second.getLocalPort());
        assertEquals("LISTEN", w.server.netstat().inState("LISTEN").get(0).state());
        assertEquals(a.getLocalPort(), first.getPort());
        assertEquals(b.getLocalPort(), second.getPort());
        assertTrue(first.getPort() != second.getPort(), "same addresses and server port: the client port tells them apart");
        // thread per connection: one new thread per accepted client
        WebServer apache = WebServer.on(w.server, "apache").structure(WebServer.Structure.THREAD_PER_CONNECTION)
                .page("/", "x").start(8080);
        for (int i = 0; i < 3; i++) {
            assertEquals(200, w.pc.http().get("http://1.2.3.4:8080/").status());
        }
        assertEquals(3, apache.spawned(), apache.toString());
        assertEquals(3, apache.served());
    }
}
