package portolan.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import portolan.sandbox.sim.SimTime;
import portolan.sandbox.sim.SimulationDeadlockException;
import portolan.sandbox.stack.TcpState;
import portolan.sandbox.wire.Ipv4Address;

/** The two socket faces (BSD calls and java.net style) and their errors, over one stack per host. */
class SocketApiTest {
    private final FakeNet net = new FakeNet(11);
    private final FakeNet.Host server = net.host("server", "10.0.0.1");
    private final FakeNet.Host laptop = net.host("laptop", "10.0.0.2");

    @Test
    void connectToAClosedPortIsRefusedWithRst() {
        ConnectException e = assertThrows(ConnectException.class, () -> laptop.sockets.connect(server.address, 9999));
        assertTrue(e.getMessage().startsWith("connection refused: no process on host 10.0.0.1 is listening on TCP port 9999"),
                e.getMessage());
        assertTrue(net.log.stream().anyMatch(l -> l.contains("9999 > ") && l.contains("[RST,ACK]")));
        assertTrue(net.drops.contains("server: no listener on TCP port 9999: no process on host server listens there (answered with RST)"),
                net.drops.toString());
        assertEquals(0, laptop.sockets.descriptors().size(), "the failed socket was closed");
    }

    @Test
    void aSynForAnAddressTheListenerIsNotBoundToNamesWhereItListens() throws Exception {
        server.sockets.serverSocket(Ipv4Address.parse("127.0.0.1"), 8080, 5);
        assertThrows(ConnectException.class, () -> laptop.sockets.connect(server.address, 8080));
        assertTrue(net.drops.contains("server: no listener on TCP port 8080: host server listens on 127.0.0.1:8080 only, "
                + "not on 10.0.0.1 (bind 0.0.0.0 to take connections on every address) (answered with RST)"), net.drops.toString());
    }

    @Test
    void bindConflictNamesTheHolderAndPrivilegedPortsNeedRoot() throws Exception {
        Exception[] failure = new Exception[1];
        server.sockets.privileges().spawnAsRoot("apache", () -> server.sockets.serverSocket(80).accept());
        server.sockets.privileges().spawnAsRoot("nginx", () -> {
            try {
                server.sockets.serverSocket(80);
            } catch (BindException e) {
                failure[0] = e;
            }
        });
        net.sim.runUntilIdle();
        assertEquals("address already in use: host server: TCP 0.0.0.0:80 is held by process 'apache' (descriptor 3) "
                + "(listening on 0.0.0.0:80)", failure[0].getMessage());
        BindException denied = assertThrows(BindException.class, () -> laptop.sockets.serverSocket(80));
        assertEquals("permission denied: host laptop: port 80 is a privileged port (0–1023): only a privileged process "
                + "may bind it; use spawnAsRoot(...) or a port ≥ 1024 such as 8080", denied.getMessage());
        TcpServerSocket asRoot = laptop.sockets.privileges().asRoot(() -> laptop.sockets.serverSocket(80));
        assertEquals(80, asRoot.getLocalPort());
        assertThrows(BindException.class, () -> laptop.sockets.udpSocket(53), "UDP follows the same rule");
        laptop.sockets.serverSocket(8080).close(); // unprivileged ports are fine
        net.sim.spawn("host laptop", "user", () -> assertThrows(BindException.class, () -> laptop.sockets.serverSocket(443)));
        net.sim.runUntilIdle();
        assertTrue(net.sim.failures().isEmpty());
    }

    @Test
    void portsOutsideSixteenBitsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> laptop.sockets.serverSocket(70000));
        assertEquals("port 70000 is out of range: TCP and UDP ports are 16-bit numbers, 0–65535", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> laptop.sockets.connect(server.address, -1));
        assertThrows(IllegalArgumentException.class, () -> laptop.sockets.udpSocket(65536));
        assertEquals(0, laptop.sockets.descriptors().size());
    }

    @Test
    void timeWaitHoldsThePortUntilReuseAddress() throws Exception {
        TcpServerSocket ss = server.sockets.serverSocket(8080);
        net.sim.spawn("host server", "srv", () -> ss.accept().close()); // server closes first: TIME-WAIT on its side
        TcpSocket c = laptop.sockets.connect(server.address, 8080);
        c.getInputStream().read();
        c.close();
        ss.close();
        net.sim.runFor(100 * SimTime.MILLISECOND);
        assertEquals(1, server.sockets.netstat().inState("TIME-WAIT").size(), server.sockets.netstat().toString());
        BindException e = assertThrows(BindException.class, () -> server.sockets.serverSocket(8080));
        assertTrue(e.getMessage().startsWith("address already in use: host server: TCP 0.0.0.0:8080 is held by the connection "
                + "10.0.0.1:8080 ⇄ 10.0.0.2:"), e.getMessage());
        assertTrue(e.getMessage().contains("in TIME-WAIT until 2.005 s; wait, or call setReuseAddress(true)"), e.getMessage());
        TcpServerSocket reused = server.sockets.serverSocket();
        reused.setReuseAddress(true);
        reused.bind(8080);
        assertEquals(TcpState.LISTEN, reused.connection().state());
        reused.close();
        net.sim.runFor(3 * SimTime.SECOND);
        server.sockets.serverSocket(8080).close(); // TIME-WAIT is over: the port is free
    }

    @Test
    void backlogOverflowDropsSynsUntilAcceptMakesRoom() throws Exception {
        TcpServerSocket ss = server.sockets.serverSocket(Ipv4Address.ANY, 8080, 2);
        List<TcpSocket> clients = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            net.sim.spawn("host laptop", "client-" + i, () -> clients.add(laptop.sockets.connect(server.address, 8080)));
        }
        net.sim.runFor(500 * SimTime.MILLISECOND);
        assertEquals(2, clients.size(), "two fit the backlog");
        assertEquals(2, ss.connection().acceptQueueLength());
        assertTrue(net.drops.stream().anyMatch(d -> d.contains("listen backlog of 0.0.0.0:8080 on host server is full")),
                net.drops.toString());
        ss.accept();
        net.sim.runFor(2 * SimTime.SECOND); // the third client's SYN is retransmitted after 1 s and now fits
        assertEquals(3, clients.size());
    }

    @Test
    void acceptGivesEachClientANewSocketOnTheSamePort() throws Exception {
        TcpServerSocket ss = server.sockets.serverSocket(8080);
        List<TcpSocket> accepted = new ArrayList<>();
        net.sim.spawn("host server", "acceptor", () -> {
            while (true) {
                accepted.add(ss.accept());
            }
        });
        List<FakeNet.Host> hosts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            hosts.add(net.host("pc" + i, "10.0.1." + (i + 1)));
        }
        for (FakeNet.Host h : hosts) {
            for (int j = 0; j < 4; j++) {
                net.sim.spawn("host " + h.name, "c" + j, () -> h.sockets.connect(server.address, 8080));
            }
        }
        net.sim.runFor(SimTime.SECOND);
        assertEquals(20, accepted.size());
        Set<String> tuples = new HashSet<>();
        for (TcpSocket s : accepted) {
            assertEquals(8080, s.getLocalPort());
            tuples.add(s.connection().name());
        }
        assertEquals(20, tuples.size(), "distinct four-tuples");
        Set<Integer> fds = new HashSet<>();
        accepted.forEach(s -> fds.add(s.descriptor()));
        assertEquals(20, fds.size());
        assertEquals(List.of(3, 4, 5), List.of(ss.descriptor(), accepted.get(0).descriptor(), accepted.get(1).descriptor()));
        String netstat = server.sockets.netstat().toString();
        List<String> rows = netstat.lines().map(l -> String.join(" ", l.trim().split(" +"))).toList();
        assertEquals("TCP 0.0.0.0:8080 - LISTEN 3 notebook", rows.get(2), netstat);
        assertTrue(rows.get(3).matches("TCP 10\\.0\\.0\\.1:8080 10\\.0\\.1\\.1:\\d+ ESTABLISHED 4 acceptor"), netstat);
    }

    @Test
    void bsdCallsShareTheDescriptorTableWithTheObjectFace() throws Exception {
        Sys sys = server.sys();
        int lfd = sys.socket(Sys.AF_INET, Sys.SOCK_STREAM);
        assertEquals(3, lfd);
        sys.bind(lfd, "0.0.0.0", 9000);
        sys.listen(lfd, 16);
        TcpSocket c = laptop.sockets.tcpSocket();
        int[] cfd = new int[1];
        String[] negative = new String[1];
        net.sim.spawn("host server", "sshd", () -> {
            cfd[0] = sys.accept(lfd);
            negative[0] = assertThrows(IllegalArgumentException.class, () -> sys.recv(cfd[0], -1)).getMessage();
            byte[] got = sys.recv(cfd[0], 100);
            sys.send(cfd[0], ("echo:" + new String(got)).getBytes());
            sys.close(cfd[0]);
        });
        c.connect(server.address, 9000);
        c.getOutputStream().write("hi".getBytes());
        assertEquals("echo:hi", new String(c.getInputStream().readAllBytes()));
        assertEquals(4, cfd[0]);
        assertEquals("recv() on descriptor 4 of host server asked for -1 bytes; ask for at least 1 (e.g. recv(4, 4096))",
                negative[0]);
        String table = sys.fds().toString();
        assertTrue(table.startsWith("descriptors of host server\nfd  proto  local         remote  state   process\n"
                + "3   TCP    0.0.0.0:9000  -       LISTEN  notebook\n"), table);
        assertEquals(1, sys.fds().size());
        int next = sys.socket();
        assertEquals(4, next, "the lowest free descriptor is reused");
        SocketException bad = assertThrows(SocketException.class, () -> sys.recv(42, 10));
        assertEquals("bad file descriptor: 42 is not an open socket on host server (open: [3, 4])", bad.getMessage());
        TcpServerSocket object = server.sockets.serverSocket(9001);
        assertEquals(5, object.descriptor());
    }

    @Test
    void timeoutsAreVirtualAndUseJdkExceptions() throws Exception {
        TcpServerSocket ss = server.sockets.serverSocket(8080);
        ss.setSoTimeout(250);
        long start = net.sim.now();
        SocketTimeoutException e = assertThrows(SocketTimeoutException.class, ss::accept);
        assertEquals(250 * SimTime.MILLISECOND, net.sim.now() - start);
        assertTrue(e.getMessage().startsWith("accept timed out: no connection to 0.0.0.0:8080 on host server"));
        ss.setSoTimeout(0);
        net.sim.spawn("host server", "silent", ss::accept);
        TcpSocket c = laptop.sockets.connect(server.address, 8080);
        c.setSoTimeout(1000);
        assertThrows(SocketTimeoutException.class, () -> c.getInputStream().read());
        c.setSoTimeout(0);
        SimulationDeadlockException dead = assertThrows(SimulationDeadlockException.class, () -> c.getInputStream().read());
        assertTrue(dead.getMessage().contains("host laptop: read() on 10.0.0.2:"), dead.getMessage());
        c.close();
        assertThrows(SocketException.class, () -> c.getOutputStream().write(1));
    }

    @Test
    void closingASocketWakesItsBlockedReaderAndAcceptor() throws Exception {
        TcpServerSocket ss = server.sockets.serverSocket(8080);
        Exception[] seen = new Exception[2];
        net.sim.spawn("host server", "acceptor", () -> {
            TcpSocket s = ss.accept();
            net.sim.spawn("host server", "reader", () -> {
                try {
                    s.getInputStream().read();
                } catch (SocketException e) {
                    seen[0] = e;
                }
            });
            net.sim.sleep(SimTime.SECOND);
            s.close();
            try {
                ss.accept();
            } catch (SocketException e) {
                seen[1] = e;
            }
        });
        TcpSocket c = laptop.sockets.connect(server.address, 8080);
        net.sim.runFor(2 * SimTime.SECOND);
        ss.close();
        net.sim.runUntilIdle();
        assertTrue(seen[0].getMessage().startsWith("socket closed: 10.0.0.1:8080 ⇄ 10.0.0.2:"), seen[0].getMessage());
        assertTrue(seen[0].getMessage().endsWith("was closed while read() waited"));
        assertEquals("socket closed: the listening socket 0.0.0.0:8080 of host server was closed while accept() waited",
                seen[1].getMessage());
        assertEquals(-1, c.getInputStream().read(), "the peer saw FIN");
    }

    @Test
    void loopbackStaysInsideAndBindAddressDecidesWhoMayConnect() throws Exception {
        TcpServerSocket local = server.sockets.serverSocket(Ipv4Address.LOOPBACK, 5432, 10);
        net.sim.spawn("host server", "db", () -> local.accept().getOutputStream().write(1));
        TcpSocket self = server.sockets.connect(Ipv4Address.LOOPBACK, 5432);
        assertEquals(1, self.getInputStream().read());
        assertEquals(Ipv4Address.LOOPBACK, self.getLocalAddress());
        assertThrows(ConnectException.class, () -> laptop.sockets.connect(server.address, 5432),
                "a server bound to 127.0.0.1 is unreachable from other hosts");
        BindException e = assertThrows(BindException.class,
                () -> server.sockets.serverSocket(Ipv4Address.parse("10.9.9.9"), 7000, 5));
        assertTrue(e.getMessage().startsWith("cannot assign requested address: host server has no address 10.9.9.9"));
        laptop.noRoute = true;
        NoRouteToHostException n = assertThrows(NoRouteToHostException.class,
                () -> laptop.sockets.connect(server.address, 80));
        assertTrue(n.getMessage().startsWith("no route to host: host laptop has no route to 10.0.0.1"));
    }

    @Test
    void udpDatagramsAndPortUnreachable() throws Exception {
        UdpSocket dns = server.sockets.privileges().asRoot(() -> server.sockets.udpSocket(53));
        net.sim.spawn("host server", "named", () -> {
            var q = dns.receive();
            dns.send(("answer to " + new String(q.data())).getBytes(), q.source().address(), q.source().port());
        });
        UdpSocket client = laptop.sockets.udpSocket(0);
        assertTrue(client.getLocalPort() >= 49152);
        client.send("example.com".getBytes(), server.address, 53);
        client.setSoTimeout(500);
        var reply = client.receive();
        assertEquals("answer to example.com", new String(reply.data()));
        assertEquals(53, reply.source().port());
        client.send("anyone?".getBytes(), server.address, 5353);
        net.sim.runUntilIdle();
        assertEquals(List.of("no listener on UDP port 5353: no process on host server has bound it"), server.unreachable);
        assertThrows(SocketTimeoutException.class, client::receive);
        BindException taken = assertThrows(BindException.class, () -> laptop.sockets.udpSocket(client.getLocalPort()));
        assertTrue(taken.getMessage().contains("is held by process 'notebook' (descriptor 3)"), taken.getMessage());
        Sys sys = laptop.sys();
        int fd = sys.socket(Sys.AF_INET, Sys.SOCK_DGRAM);
        sys.sendTo(fd, "raw".getBytes(), "10.0.0.1", 53);
        assertEquals(4, fd);
        net.sim.runUntilIdle();
        assertEquals("raw", new String(dns.receive().data()));
        String netstat = laptop.sockets.netstat().toString();
        assertTrue(netstat.contains("UDP"), netstat);
    }
}
