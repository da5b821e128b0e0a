package portolan.sandbox.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import portolan.sandbox.stack.Link;
import portolan.sandbox.stack.TraceEntry;
import portolan.sandbox.wire.Ipv4Packet;
import portolan.sandbox.wire.TcpSegment;
import portolan.sandbox.wire.UdpDatagram;

/** The server's receive path and close (note 004, second half): concept IDs R1–R8. */
class ReceivePathScenarioTest {

    /** TCP flags of segments between the two hosts as sent by {@code node}, e.g. "server FIN,ACK". */
    private static List<String> tcpSent(Network net, String... nodes) {
        List<String> out = new ArrayList<>();
        for (TraceEntry e : net.trace().where(e -> e.event() == TraceEntry.Event.SENT && List.of(nodes).contains(e.node())
                && "TCP".equals(e.protocol()))) {
            Ipv4Packet p = e.ipv4();
            out.add(e.node() + " " + TcpSegment.parse(p.payload(), p.source(), p.destination()).flagsString());
        }
        return out;
    }

    @Test
    @DisplayName("R1 R2: the server creates a socket, waits, talks, then closes it and the socket is deleted")
    void r1r2ServerSteps() throws Exception {
        WebScenarios w = new WebScenarios(61);
        Sys sys = w.server.sys();
        int listener = sys.socket();
        sys.bind(listener, "0.0.0.0", 7000);
        sys.listen(listener, 5);
        TcpSocket c = w.pc.connect("1.2.3.4", 7000);
        int conn = sys.accept(listener);
        assertEquals(7000, Integer.parseInt(w.server.netstat().inState("ESTABLISHED").get(0).local().split(":")[1]));
        c.getOutputStream().write("hi".getBytes(StandardCharsets.US_ASCII));
        assertEquals("hi", new String(sys.recv(conn, 10), StandardCharsets.US_ASCII));
        sys.close(conn);
        sys.close(listener);
        c.close();
        w.net.runUntilIdle();
        assertEquals(0, sys.fds().size(), sys.toString());
        assertTrue(w.server.netstat().rows().isEmpty(), w.server.netstat().toString());
    }

    @Test
    @DisplayName("R3: the adapter checks the FCS and drops a corrupted frame")
    void r3BadFcsDropped() throws Exception {
        Network net = new Network(62);
        Link wire = net.link("cable");
        Host a = net.host("a").attach(wire, "10.0.0.1/30");
        Host b = net.host("b").attach(wire, "10.0.0.2/30");
        wire.corruption(1.0);
        assertTrue(!a.ping("10.0.0.2").success());
        assertTrue(b.nic("eth0").badFcsDrops() + a.nic("eth0").badFcsDrops() > 0);
        assertTrue(net.trace().drops().stream().anyMatch(e -> e.reason().contains("bad FCS")), net.trace().toString());
    }

    @Test
    @DisplayName("R4 R5: the driver hands IPv4 to IP; IP drops what is not for this host and reassembles fragments before UDP")
    void r4r5IpChecksAndReassembly() throws Exception {
        WebScenarios w = new WebScenarios(63);
        var socket = w.server.udpSocket(9000);
        byte[] big = new byte[3000];
        java.util.Arrays.fill(big, (byte) 'x');
        w.pc.udpSocket(0).send(big, w.server.ip(), 9000);
        var d = socket.receive();
        assertEquals(3000, d.data().length, "UDP got the datagram whole, reassembled by IP");
        long fragments = w.net.trace().where(e -> e.node().equals("server") && e.event() == TraceEntry.Event.RECEIVED
                && e.ipv4() != null && e.ipv4().protocol() == Ipv4Packet.PROTOCOL_UDP).size();
        assertTrue(fragments >= 3, "3000 bytes over a 1500-byte MTU arrive in fragments: " + fragments);
        // R4: frames were handed on by EtherType: ARP to ARP (the cache learned the router), IPv4 to IP
        assertTrue(w.server.arpTable().toString().contains("1.2.3.1"), w.server.arpTable().toString());
        // R5: a packet whose destination is not an address of this host is dropped by IP (hosts do not forward)
        ((portolan.sandbox.Router) w.net.node("r1")).route("10.9.9.0/24", "1.2.3.4");
        w.pc.stack().send(w.pc.ip(), portolan.sandbox.wire.Ipv4Address.parse("10.9.9.9"), Ipv4Packet.PROTOCOL_UDP,
                new UdpDatagram(1, 9000, new byte[4]).toBytes(w.pc.ip(), portolan.sandbox.wire.Ipv4Address.parse("10.9.9.9")));
        w.net.runUntilIdle();
        assertTrue(w.net.trace().drops().stream().anyMatch(e -> e.node().equals("server")
                && e.reason().contains("not for me")), w.net.trace().drops().toString());
    }

    @Test
    @DisplayName("R6 R7: a SYN is matched by port to a listener and copied into a new socket; data is found by the four values and ACKed")
    void r6r7DemultiplexBySynAndFourTuple() throws Exception {
        WebScenarios w = new WebScenarios(64);
        TcpServerSocket ss = w.server.serverSocket(7000);
        TcpSocket a = w.pc.connect("1.2.3.4", 7000);
        TcpSocket b = w.pc.connect("1.2.3.4", 7000);
        TcpSocket sa = ss.accept();
        TcpSocket sb = ss.accept();
        assertEquals(a.getLocalPort(), sa.getPort(), "the new socket recorded the sender's port");
        assertEquals(w.pc.ip(), sa.getInetAddress(), "and the sender's address");
        b.getOutputStream().write("to b".getBytes(StandardCharsets.US_ASCII));
        a.getOutputStream().write("to a".getBytes(StandardCharsets.US_ASCII));
        assertEquals("to a", new String(sa.getInputStream().readNBytes(4), StandardCharsets.US_ASCII));
        assertEquals("to b", new String(sb.getInputStream().readNBytes(4), StandardCharsets.US_ASCII));
        w.net.runFor(Duration.ofMillis(500));
        assertTrue(tcpSent(w.net, "server").stream().filter(f -> f.equals("server ACK")).count() >= 2,
                tcpSent(w.net, "server").toString());
        // a SYN for a port nobody listens on is answered with RST
        WebResult refused = w.pc.http().get("http://1.2.3.4:7001/");
        assertTrue(refused.explain().contains("no listener on TCP port 7001"), refused.explain());
    }

    @Test
    @DisplayName("R8: the server closes: FIN from the server, ACK, FIN from the client, ACK; the connection is gone")
    void r8CloseSequence() throws Exception {
        WebScenarios w = new WebScenarios(65);
        TcpServerSocket ss = w.server.serverSocket(7000);
        TcpSocket c = w.pc.connect("1.2.3.4", 7000);
        TcpSocket s = ss.accept();
        w.net.runFor(Duration.ofMillis(10));
        int start = w.net.trace().size();
        s.close();
        assertEquals(-1, c.getInputStream().read(), "the client reads end-of-stream after the server's FIN");
        w.net.runFor(Duration.ofMillis(10)); // the client program takes a moment before it closes too
        c.close();
        w.net.runFor(Duration.ofMillis(10));
        List<String> flags = new ArrayList<>();
        for (TraceEntry e : w.net.trace().entries().subList(start, w.net.trace().size())) {
            if (e.event() == TraceEntry.Event.SENT && "TCP".equals(e.protocol())) {
                Ipv4Packet p = e.ipv4();
                flags.add(e.node() + " " + TcpSegment.parse(p.payload(), p.source(), p.destination()).flagsString());
            }
        }
        assertEquals(List.of("server FIN,ACK", "pc ACK", "pc FIN,ACK", "server ACK"), flags);
        w.net.runUntilIdle();
        assertEquals(1, w.server.netstat().rows().size(), "only the listener is left: " + w.server.netstat());
    }
}
