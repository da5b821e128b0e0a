package portolan.sandbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import portolan.sandbox.sim.SimTime;
import portolan.sandbox.stack.TcpState;

/** Segmentation, flow control, and exact delivery over a network that loses, duplicates, reorders and corrupts. */
class TcpReliabilityTest {

    private static byte[] pattern(long seed, int n) {
        byte[] b = new byte[n];
        new java.util.Random(seed).nextBytes(b); // test data only; not sandbox behaviour
        return b;
    }

    /** Sends {@code data} both ways through an echo server and returns what came back. */
    private static byte[] echo(FakeNet net, byte[] data) throws Exception {
        var server = net.host("server", "10.0.0.1");
        var client = net.host("client", "10.0.0.2");
        TcpServerSocket ss = server.sockets.serverSocket(8080);
        net.sim.spawn("host server", "echo", () -> {
            try (TcpSocket s = ss.accept()) {
                InputStream in = s.getInputStream();
                byte[] buf = new byte[1000];
                int n;
                while ((n = in.read(buf, 0, buf.length)) > 0) {
                    s.getOutputStream().write(buf, 0, n);
                }
            }
        });
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        TcpSocket c = client.sockets.connect(server.address, 8080);
        net.sim.spawn("host client", "reader", () -> got.write(c.getInputStream().readAllBytes()));
        c.getOutputStream().write(data);
        c.shutdownOutput();
        net.sim.runUntilIdle();
        c.close();
        net.sim.runUntilIdle();
        return got.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void exactBytesArriveDespiteLossDuplicationReorderingAndCorruption(long seed) throws Exception {
        FakeNet net = new FakeNet(seed).faults(0.08, 0.05, 0.15, 0.05);
        byte[] data = pattern(seed, 150_000);
        assertArrayEquals(data, echo(net, data));
        assertTrue(net.drops.stream().anyMatch(d -> d.startsWith("lost")), "the seed lost some packets");
        assertTrue(net.drops.stream().anyMatch(d -> d.contains("bad TCP checksum")), "corrupted segments were dropped");
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void heavyLossStillDeliversExactly(long seed) throws Exception {
        FakeNet net = new FakeNet(seed).faults(0.25, 0.1, 0.3, 0.1);
        byte[] data = pattern(seed, 40_000);
        assertArrayEquals(data, echo(net, data));
    }

    @Test
    void largeWriteIsCutIntoMssSizedSegments() throws Exception {
        FakeNet net = new FakeNet(3);
        byte[] data = pattern(3, 10_000);
        assertArrayEquals(data, echo(net, data));
        List<String> dataSegments = net.log.stream().filter(l -> l.contains("client 10.0.0.2 > 10.0.0.1")
                && !l.endsWith("length 0")).toList();
        // 10,000 bytes at MSS 1460: six full segments and one of 1,240
        assertEquals(7, dataSegments.size(), String.join("\n", dataSegments));
        assertTrue(dataSegments.get(0).endsWith("length 1460"));
        assertTrue(dataSegments.get(6).endsWith("length 1240"));
        assertTrue(net.log.get(0).contains("options [mss 1460]"), net.log.get(0));
    }

    @Test
    void slowReaderClosesTheWindowAndTheWriterWaits() throws Exception {
        FakeNet net = new FakeNet(5);
        var server = net.host("server", "10.0.0.1");
        var client = net.host("client", "10.0.0.2");
        TcpServerSocket ss = server.sockets.serverSocket(8080);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        net.sim.spawn("host server", "slow", () -> {
            TcpSocket s = ss.accept();
            s.setReceiveBufferSize(4000);
            byte[] buf = new byte[500];
            int n;
            while ((n = s.getInputStream().read(buf, 0, buf.length)) > 0) {
                got.write(buf, 0, n);
                net.sim.sleep(10 * SimTime.MILLISECOND); // reads 500 bytes every 10 ms
            }
            s.close();
        });
        TcpSocket c = client.sockets.connect(server.address, 8080);
        c.setSendBufferSize(8000);
        byte[] data = pattern(5, 60_000);
        c.getOutputStream().write(data);
        long writeReturned = net.sim.now();
        c.close();
        net.sim.runUntilIdle();
        assertArrayEquals(data, got.toByteArray());
        assertTrue(writeReturned > 900 * SimTime.MILLISECOND, "write() waited for the slow reader: "
                + SimTime.format(writeReturned));
        assertTrue(net.log.stream().anyMatch(l -> l.contains("server 10.0.0.1") && l.contains("win 0 ")),
                "the receiver advertised a zero window");
        long biggest = net.log.stream().filter(l -> l.contains("client 10.0.0.2"))
                .mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1))).max().orElseThrow();
        assertTrue(biggest <= 1460);
    }

    @Test
    void lostWindowUpdatesAreRecoveredByZeroWindowProbes() throws Exception {
        FakeNet net = new FakeNet(9).faults(0.2, 0, 0, 0);
        var server = net.host("server", "10.0.0.1");
        var client = net.host("client", "10.0.0.2");
        TcpServerSocket ss = server.sockets.serverSocket(8080);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        net.sim.spawn("host server", "slow", () -> {
            TcpSocket s = ss.accept();
            s.setReceiveBufferSize(2000);
            byte[] buf = new byte[700];
            int n;
            while ((n = s.getInputStream().read(buf, 0, buf.length)) > 0) {
                got.write(buf, 0, n);
                net.sim.sleep(50 * SimTime.MILLISECOND);
            }
        });
        TcpSocket c = client.sockets.connect(server.address, 8080);
        byte[] data = pattern(9, 30_000);
        c.getOutputStream().write(data);
        c.close();
        net.sim.runUntilIdle();
        if (got.size() != data.length) {
            net.log.subList(Math.max(0, net.log.size() - 40), net.log.size()).forEach(System.out::println);
            System.out.println(c.connection().history());
            System.out.println(net.drops.subList(Math.max(0, net.drops.size() - 10), net.drops.size()));
        }
        assertArrayEquals(data, got.toByteArray());
    }

    /**
     * A window that stays closed for seconds is probed one byte at a time; the probe byte is rejected
     * while the window is closed, so when the reader finally reads, sending resumes with that very
     * byte at once (it once resumed one byte later, which the receiver could only queue as out of
     * order, and the data stalled until a backed-off retransmission).
     */
    @Test
    void sendingResumesAtOnceWhenALongClosedWindowOpens() throws Exception {
        FakeNet net = new FakeNet(1);
        var server = net.host("server", "10.0.0.1");
        var client = net.host("client", "10.0.0.2");
        TcpServerSocket ss = server.sockets.serverSocket(8080);
        long[] finished = {-1};
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        net.sim.spawn("host server", "late reader", () -> {
            TcpSocket s = ss.accept();
            net.sim.sleep(5 * SimTime.SECOND); // the 64 KiB buffer fills and the window closes
            got.write(s.getInputStream().readAllBytes());
            finished[0] = net.sim.now();
        });
        byte[] data = pattern(1, 200_000);
        net.sim.spawn("host client", "writer", () -> {
            try (TcpSocket c = client.sockets.connect(server.address, 8080)) {
                c.getOutputStream().write(data);
            }
        });
        net.sim.runUntilIdle();
        assertArrayEquals(data, got.toByteArray());
        assertTrue(net.log.stream().anyMatch(l -> l.contains("server 10.0.0.1") && l.contains("win 0 ")),
                "the window closed: " + net.log);
        assertTrue(finished[0] < 5 * SimTime.SECOND + 50 * SimTime.MILLISECOND,
                "the rest arrived right after the reader started at 5 s, not at " + SimTime.format(finished[0]));
        assertEquals(0, server.sockets.tcp().outOfOrderSegments(), "no segment skipped the probed byte");
    }

    @Test
    void synRetransmissionsBackOffExponentiallyThenConnectTimesOut() throws Exception {
        FakeNet net = new FakeNet(1).faults(1.0, 0, 0, 0);
        var server = net.host("server", "10.0.0.1");
        var client = net.host("client", "10.0.0.2");
        server.sockets.serverSocket(8080);
        ConnectException e = assertThrows(ConnectException.class, () -> client.sockets.connect(server.address, 8080));
        assertTrue(e.getMessage().startsWith("connection timed out: host client sent SYN to 10.0.0.1:8080 7 times"),
                e.getMessage());
        List<String> synTimes = new ArrayList<>();
        net.log.stream().filter(l -> l.contains("[SYN]")).forEach(l -> synTimes.add(l.substring(0, l.indexOf(" client"))));
        assertEquals(List.of("0 s", "1 s", "3 s", "7 s", "15 s", "31 s", "63 s"), synTimes);
        assertEquals(123 * SimTime.SECOND, net.sim.now(), "RTO capped at 60 s after the last SYN");
    }

    @Test
    void dataRetransmissionsGiveUpWithConnectionTimedOut() throws Exception {
        FakeNet net = new FakeNet(2);
        var server = net.host("server", "10.0.0.1");
        var client = net.host("client", "10.0.0.2");
        client.sockets.tcp().setMaxRetries(3, 6);
        TcpServerSocket ss = server.sockets.serverSocket(8080);
        net.sim.spawn("host server", "srv", ss::accept);
        TcpSocket c = client.sockets.connect(server.address, 8080);
        net.sim.runUntilIdle();
        net.loss = 1.0; // the server vanishes
        c.getOutputStream().write("anyone there?".getBytes());
        SocketException e = assertThrows(SocketException.class, () -> c.getInputStream().read());
        assertTrue(e.getMessage().contains("connection timed out: 10.0.0.1:8080 stopped acknowledging data from host "
                + "client after 3 retransmissions"), e.getMessage());
        assertEquals(TcpState.CLOSED, c.connection().state());
        assertEquals(3, client.sockets.tcp().retransmissions());
    }

    @Test
    void resetByPeerIsReportedToTheReader() throws Exception {
        FakeNet net = new FakeNet(2);
        var server = net.host("server", "10.0.0.1");
        var client = net.host("client", "10.0.0.2");
        TcpServerSocket ss = server.sockets.serverSocket(8080);
        net.sim.spawn("host server", "srv", () -> ss.accept().connection().abort());
        TcpSocket c = client.sockets.connect(server.address, 8080);
        SocketException e = assertThrows(SocketException.class, () -> c.getInputStream().read());
        assertTrue(e.getMessage().startsWith("connection reset: 10.0.0.1:8080 sent RST to host client"), e.getMessage());
        assertTrue(net.log.stream().anyMatch(l -> l.contains("[RST,ACK]")));
    }
}
