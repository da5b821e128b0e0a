package portolan.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import portolan.sandbox.sim.SimTime;
import portolan.sandbox.stack.TcpConnection;
import portolan.sandbox.stack.TcpStack;
import portolan.sandbox.stack.TcpState;
import portolan.sandbox.wire.Ipv4Address;

/** The handshake, the close sequences and every one of the eleven states, seen through state histories. */
class TcpStatesTest {
    private final FakeNet net = new FakeNet(7);
    private final FakeNet.Host server = net.host("server", "10.0.0.1");
    private final FakeNet.Host client = net.host("client", "10.0.0.2");

    static List<TcpState> path(TcpConnection c) {
        List<TcpState> states = new ArrayList<>();
        c.history().forEach(h -> states.add(h.to()));
        return states;
    }

    @Test
    void handshakeDataAndActiveCloseByClient() throws Exception {
        TcpServerSocket ss = server.sockets.serverSocket(8080);
        TcpSocket[] accepted = new TcpSocket[1];
        net.sim.spawn("host server", "srv", () -> {
            accepted[0] = ss.accept();
            byte[] request = accepted[0].getInputStream().readNBytes(5);
            accepted[0].getOutputStream().write(("got " + new String(request, StandardCharsets.US_ASCII)).getBytes());
            assertEquals(-1, accepted[0].getInputStream().read());
            accepted[0].close();
        });
        TcpSocket c = client.sockets.connect(server.address, 8080);
        assertEquals(TcpState.ESTABLISHED, c.connection().state());
        c.getOutputStream().write("hello".getBytes());
        assertEquals("got hello", new String(c.getInputStream().readNBytes(9), StandardCharsets.US_ASCII));
        c.close();
        net.sim.runUntilIdle();
        assertEquals(List.of(TcpState.SYN_SENT, TcpState.ESTABLISHED, TcpState.FIN_WAIT_1, TcpState.FIN_WAIT_2,
                TcpState.TIME_WAIT, TcpState.CLOSED), path(c.connection()));
        assertEquals(List.of(TcpState.SYN_RECEIVED, TcpState.ESTABLISHED, TcpState.CLOSE_WAIT, TcpState.LAST_ACK,
                TcpState.CLOSED), path(accepted[0].connection()));
        assertEquals(List.of(TcpState.LISTEN), path(ss.connection()));
        // accept() returned a new socket with the listener's port; the listener stays in LISTEN
        assertEquals(8080, accepted[0].getLocalPort());
        assertEquals(TcpState.LISTEN, ss.connection().state());
        // TIME-WAIT lasts 2 × MSL (1 s by default)
        var h = c.connection().history();
        assertEquals(2 * SimTime.SECOND, h.get(5).time() - h.get(4).time());
    }

    @Test
    void serverClosesFirstAndPeerSeesEndOfStream() throws Exception {
        TcpServerSocket ss = server.sockets.serverSocket(80 + 8000);
        net.sim.spawn("host server", "srv", () -> {
            try (TcpSocket s = ss.accept()) {
                s.getOutputStream().write(new byte[3000]);
            }
        });
        TcpSocket c = client.sockets.connect(server.address, 8080);
        assertEquals(3000, c.getInputStream().readAllBytes().length);
        assertEquals(TcpState.CLOSE_WAIT, c.connection().state());
        c.getOutputStream().write("late reply".getBytes()); // CLOSE-WAIT may still send
        c.close();
        assertEquals(TcpState.LAST_ACK, c.connection().state());
        net.sim.runUntilIdle();
        assertEquals(TcpState.CLOSED, c.connection().state());
        assertTrue(path(c.connection()).contains(TcpState.LAST_ACK));
    }

    @Test
    void simultaneousCloseGoesThroughClosing() throws Exception {
        TcpServerSocket ss = server.sockets.serverSocket(9000);
        TcpSocket[] accepted = new TcpSocket[1];
        net.sim.spawn("host server", "srv", () -> accepted[0] = ss.accept());
        TcpSocket c = client.sockets.connect(server.address, 9000);
        net.sim.runUntilIdle();
        c.close();
        accepted[0].close(); // both FINs leave in the same instant and cross
        net.sim.runUntilIdle();
        for (TcpConnection conn : List.of(c.connection(), accepted[0].connection())) {
            assertEquals(List.of(TcpState.FIN_WAIT_1, TcpState.CLOSING, TcpState.TIME_WAIT, TcpState.CLOSED),
                    path(conn).subList(2, 6), conn.history().toString());
        }
    }

    @Test
    void simultaneousOpenGoesThroughSynReceivedFromSynSent() throws Exception {
        TcpStack a = client.sockets.tcp();
        TcpStack b = server.sockets.tcp();
        TcpConnection ca = a.open("test");
        TcpConnection cb = b.open("test");
        a.bind(ca, Ipv4Address.ANY, 5000);
        b.bind(cb, Ipv4Address.ANY, 6000);
        a.connect(ca, server.address, 6000);
        b.connect(cb, client.address, 5000);
        net.sim.runUntilIdle();
        for (TcpConnection conn : List.of(ca, cb)) {
            assertEquals(List.of(TcpState.SYN_SENT, TcpState.SYN_RECEIVED, TcpState.ESTABLISHED), path(conn));
        }
    }

    @Test
    void allElevenStatesAreReachedAndRecorded() throws Exception {
        Set<TcpState> seen = EnumSet.noneOf(TcpState.class);
        TcpServerSocket ss = server.sockets.serverSocket(7000);
        List<TcpSocket> accepted = new ArrayList<>();
        net.sim.spawn("host server", "srv", () -> {
            while (true) {
                accepted.add(ss.accept());
            }
        });
        // active close by the client, passive close by the server
        TcpSocket c1 = client.sockets.connect(server.address, 7000);
        net.sim.runUntilIdle();
        c1.close();
        net.sim.runUntilIdle();
        accepted.get(0).close();
        // simultaneous close
        TcpSocket c2 = client.sockets.connect(server.address, 7000);
        net.sim.runUntilIdle();
        c2.close();
        accepted.get(1).close();
        net.sim.runUntilIdle();
        for (TcpConnection conn : List.of(c1.connection(), c2.connection(), accepted.get(0).connection(),
                accepted.get(1).connection(), ss.connection())) {
            conn.history().forEach(h -> {
                seen.add(h.from());
                seen.add(h.to());
            });
        }
        assertEquals(EnumSet.allOf(TcpState.class), seen);
        assertEquals(11, TcpState.values().length);
        assertEquals("SYN-RECEIVED", TcpState.SYN_RECEIVED.toString());
    }

    @Test
    void sameSeedGivesIdenticalHistoriesAndTrace() throws Exception {
        assertEquals(run(42), run(42));
        String[] a = run(42).split("\n", 2);
        String[] b = run(43).split("\n", 2);
        assertTrue(!a[0].equals(b[0]), "a different seed changes ISNs and ports, so the trace differs");
    }

    /** A lossy transfer; returns the trace fingerprint and every history. */
    private static String run(long seed) throws Exception {
        FakeNet n = new FakeNet(seed).faults(0.1, 0.05, 0.1, 0.05);
        var s = n.host("server", "10.0.0.1");
        var c = n.host("client", "10.0.0.2");
        TcpServerSocket ss = s.sockets.serverSocket(8080);
        List<TcpConnection> conns = new ArrayList<>();
        n.sim.spawn("host server", "srv", () -> {
            try (TcpSocket t = ss.accept()) {
                conns.add(t.connection());
                t.getOutputStream().write(t.getInputStream().readAllBytes());
            }
        });
        TcpSocket t = c.sockets.connect(s.address, 8080);
        conns.add(t.connection());
        t.getOutputStream().write(new byte[20_000]);
        t.shutdownOutput();
        assertEquals(20_000, t.getInputStream().readAllBytes().length);
        t.close();
        n.sim.runUntilIdle();
        StringBuilder out = new StringBuilder(n.sim.trace().fingerprint()).append('\n');
        conns.forEach(conn -> out.append(conn.history()).append('\n'));
        out.append(c.sockets.tcp().statistics());
        return out.toString();
    }
}
