package portolan.sandbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.BindException;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import portolan.sandbox.sim.SimThreadPool;
import portolan.sandbox.stack.TcpState;
import portolan.sandbox.stack.TraceEntry;
import portolan.sandbox.wire.IcmpMessage;
import portolan.sandbox.wire.Ipv4Packet;

/** TCP and UDP end to end over real links, switches and three routers (the Host wiring). */
class NetworkTcpTest {

    /** Request of 1 KB, response of 10 KB, as in the transaction benchmark. */
    static final int REQUEST = 1024;
    static final int RESPONSE = 10 * 1024;

    static byte[] response() {
        byte[] r = new byte[RESPONSE];
        for (int i = 0; i < r.length; i++) {
            r[i] = (byte) (i * 7);
        }
        return r;
    }

    /** What a student writes: read the whole request, write the response, close. */
    static void serve(TcpSocket s) throws Exception {
        try (s) {
            InputStream in = s.getInputStream();
            byte[] request = in.readNBytes(REQUEST);
            if (request.length != REQUEST) {
                throw new IllegalStateException("short request: " + request.length);
            }
            s.getOutputStream().write(response());
        }
    }

    static byte[] transaction(Host client, Host server, int port) throws Exception {
        try (TcpSocket s = client.connect(server, port)) {
            s.getOutputStream().write(new byte[REQUEST]);
            return s.getInputStream().readAllBytes();
        }
    }

    @Test
    void threadPerConnectionServerAcrossThreeRouters() throws Exception {
        try (Network net = Topologies.threeRouters(21)) {
            Host pc = (Host) net.node("pc");
            Host server = (Host) net.node("server");
            server.spawnAsRoot("httpd", () -> {
                try (TcpServerSocket ss = server.serverSocket(80)) {
                    for (int i = 0; ; i++) {
                        TcpSocket s = ss.accept();
                        server.spawn("worker-" + i, () -> serve(s));
                    }
                }
            });
            List<byte[]> replies = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                pc.spawn("client-" + i, () -> replies.add(transaction(pc, server, 80)));
            }
            net.runUntilIdle();
            assertEquals(20, replies.size());
            replies.forEach(r -> assertArrayEquals(response(), r));
            assertTrue(net.simulator().failures().isEmpty(), net.simulator().failures().toString());
            // the server closed first: its side waits in TIME-WAIT... which ended during runUntilIdle
            assertEquals(1, server.netstat().rows().size(), server.netstat().toString());
            assertEquals("LISTEN", server.netstat().rows().get(0).state());
        }
    }

    @Test
    void preStartedPoolServer() throws Exception {
        try (Network net = Topologies.threeRouters(22)) {
            Host pc = (Host) net.node("pc");
            Host server = (Host) net.node("server");
            SimThreadPool pool = new SimThreadPool(net.simulator(), "host server", "pool", 4);
            TcpServerSocket ss = server.serverSocket(8080);
            server.spawn("acceptor", () -> {
                while (true) {
                    TcpSocket s = ss.accept();
                    pool.submit(() -> serve(s));
                }
            });
            int[] ok = {0};
            for (int i = 0; i < 12; i++) {
                pc.spawn("client-" + i, () -> {
                    if (Arrays.equals(response(), transaction(pc, server, 8080))) {
                        ok[0]++;
                    }
                });
            }
            net.runUntilIdle();
            assertEquals(12, ok[0]);
        }
    }

    @Test
    void refusedPrivilegedAndLoopbackOnRealHosts() throws Exception {
        try (Network net = Topologies.threeRouters(23)) {
            Host pc = (Host) net.node("pc");
            Host server = (Host) net.node("server");
            ConnectException refused = assertThrows(ConnectException.class, () -> pc.connect("10.0.3.10", 8080));
            assertTrue(refused.getMessage().startsWith("connection refused: no process on host 10.0.3.10 is listening "
                    + "on TCP port 8080"), refused.getMessage());
            assertTrue(net.trace().drops().stream().anyMatch(d -> d.reason().startsWith("no listener on TCP port 8080")));
            assertThrows(BindException.class, () -> server.serverSocket(80));
            TcpServerSocket local = server.serverSocket("127.0.0.1", 6379, 5);
            server.spawn("redis", () -> local.accept().getOutputStream().write("+PONG".getBytes()));
            try (TcpSocket self = server.connect("127.0.0.1", 6379)) {
                assertEquals("+PONG", new String(self.getInputStream().readNBytes(5)));
            }
            assertThrows(ConnectException.class, () -> pc.connect("10.0.3.10", 6379));
            assertEquals(TcpState.LISTEN, local.connection().state());
        }
    }

    @Test
    void udpToAClosedPortBringsBackIcmpPortUnreachable() throws Exception {
        try (Network net = Topologies.threeRouters(24)) {
            Host pc = (Host) net.node("pc");
            Host server = (Host) net.node("server");
            UdpSocket echo = server.udpSocket(7007);
            server.spawn("udp-echo", () -> {
                var d = echo.receive();
                echo.send(d.data(), d.source().address(), d.source().port());
            });
            UdpSocket u = pc.udpSocket(0);
            u.send("ping".getBytes(), server.ip(), 7007);
            assertEquals("ping", new String(u.receive().data()));
            u.send("hello?".getBytes(), server.ip(), 9);
            net.runUntilIdle();
            boolean icmp = false;
            for (TraceEntry e : net.trace().entries()) {
                Ipv4Packet p = e.ipv4();
                if (p != null && p.protocol() == Ipv4Packet.PROTOCOL_ICMP && e.place().equals("pc:eth0")) {
                    icmp |= IcmpMessage.parse(p.payload()).code() == IcmpMessage.CODE_PORT_UNREACHABLE;
                }
            }
            assertTrue(icmp, "pc received ICMP port unreachable");
        }
    }
}
