package portolan.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static portolan.sandbox.stack.IpProtocol.TCP;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import portolan.sandbox.apps.LoadTest;
import portolan.sandbox.apps.WebServer;
import portolan.sandbox.bench.TcpBench;
import portolan.sandbox.stack.Switch;

/**
 * Pins what representative scenarios produce — the trace fingerprint, the pcap and pcapng bytes
 * and the trace table — to the values main produced before the stack and scheduler were made
 * faster: an optimisation must not change a single observable byte, because notebooks commit
 * their outputs. Each scenario runs on virtual threads (where the JDK has them) and on platform
 * threads (the JDK 17 carrier) and must give the same pinned values on both.
 *
 * <p>If a change is meant to alter behaviour, the new values are in the failure message; update
 * them only together with the notebooks whose outputs change.
 */
class GoldenFingerprintTest {

    /** A scenario run on a fresh network, and its pinned digest. */
    enum Scenario {
        /** Fragmentation at a 700-byte MTU, loss, duplication, reordering, ICMP errors (three routers). */
        FRAGMENTS_AND_FAULTS(net -> DeterminismScenario.run(net),
                "7bffc8ce0767c32fdee6d4753cc39776faa5ca6b0a57b9cdb3f5e0bc7b03b3b2"),
        /** A 120 KB TCP download over three routers and a link that loses, duplicates and reorders. */
        TCP_WITH_LOSS(GoldenFingerprintTest::tcpWithLoss,
                "f0f97498ab66528a8b6653da43dd181ccdb425681ef82fcd278c686fb4697546"),
        /** The notes' home: DHCP from the ISP, port forwarding and NAT, fetches from a phone. */
        HOME_PORT_FORWARDING(GoldenFingerprintTest::homePortForwarding,
                "0e926be64ca505d356f6baee851521b0a5a8ff1f969026af39d342e13191b990"),
        /** DHCP on a LAN: three clients DORA, one releases, the others renew at T1. */
        DHCP(GoldenFingerprintTest::dhcp,
                "964910602f77da88cecb0105d3282d78c24ced8fc10eacb3c6e0d3c91b1552b3"),
        /** 1,000 hosts on four LANs send to one server; ten of them ping it. */
        THOUSAND_HOSTS(net -> ThousandHostsTest.run(net, new TreeSet<>(), new ArrayList<>(), new ArrayList<>()),
                "a4ca63250801afac6679a1e192c262d333195330dac72549e1cafe99c1c654e3"),
        /** The TCP benchmark's workload, small: 100 clients, a thread-per-connection server. */
        THREAD_PER_CONNECTION(GoldenFingerprintTest::threadPerConnection,
                "bf684993023055ab9711cb1b29ad29eafddfbf698b1ee74b375cba8adf48dc7e");

        final Function<Network, Object> run;
        final String expected;

        Scenario(Function<Network, Object> run, String expected) {
            this.run = run;
            this.expected = expected;
        }
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void virtualThreadsReproduceThePinnedDigest(Scenario s) {
        assertEquals(s.expected, digest(s, true), s + " changed: same seed must give the same trace and bytes");
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void platformThreadsReproduceThePinnedDigest(Scenario s) {
        assertEquals(s.expected, digest(s, false), s + " on platform threads (the JDK 17 carrier) differs");
    }

    /** SHA-256 over the fingerprint, pcap, pcapng, trace table and the scenario's own outcome. */
    private static String digest(Scenario s, boolean virtual) {
        Network net = new Network(s.ordinal() + 7);
        net.simulator().setVirtualThreads(virtual);
        try (net) {
            Object outcome = s.run.apply(net);
            assertTrue(net.simulator().failures().isEmpty(), net.simulator().failures().toString());
            MessageDigest sha = sha256();
            sha.update(net.fingerprint().getBytes(StandardCharsets.UTF_8));
            sha.update(net.capture().pcapBytes());
            sha.update(net.capture().pcapngBytes());
            sha.update(net.trace().toString().getBytes(StandardCharsets.UTF_8));
            sha.update(String.valueOf(outcome).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object tcpWithLoss(Network fresh) {
        Network net = Topologies.threeRouters(fresh);
        ((portolan.sandbox.stack.Link) net.node("r2").nic("eth0").link()).loss(0.05).duplication(0.03)
                .reordering(0.1);
        Host pc = (Host) net.node("pc");
        Host server = (Host) net.node("server");
        byte[] data = new byte[120_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + i / 1000);
        }
        server.spawnAsRoot("sender", () -> {
            try (TcpServerSocket ss = server.serverSocket(5000); TcpSocket s = ss.accept()) {
                s.getOutputStream().write(data);
            }
        });
        byte[][] got = new byte[1][];
        pc.spawn("download", () -> {
            try (TcpSocket s = pc.connect("10.0.3.10", 5000)) {
                got[0] = s.getInputStream().readAllBytes();
            }
        });
        net.runUntil(() -> got[0] != null, Duration.ofMinutes(10));
        net.runFor(Duration.ofSeconds(30));
        assertTrue(java.util.Arrays.equals(data, got[0]), "the download arrived intact");
        return got[0].length;
    }

    private static Object homePortForwarding(Network net) {
        HomeStory story = new HomeStory(net, true);
        String address = story.home.publicAddress().toString();
        List<String> pages = new ArrayList<>();
        pages.add(HomeStory.fetch(net, story.phone, address, 8080));
        pages.add(HomeStory.fetch(net, story.phone, address, 8081));
        pages.add(HomeStory.fetch(net, story.phone, address, 9999));
        try {
            WebServer.on(story.laptop, "apache").structure(WebServer.Structure.POOL, 4).page("/", "x".repeat(3000))
                    .start(8000);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        story.home.forward(TCP, 9000, story.laptop, 8000);
        List<LoadTest.Result> results = new ArrayList<>();
        story.phone.spawn("load", () -> results.add(LoadTest.of(story.phone, "http://" + address + ":9000/")
                .clients(8).requests(3).run("phone")));
        net.runUntil(() -> !results.isEmpty(), Duration.ofMinutes(10));
        net.runFor(Duration.ofSeconds(5));
        return pages + " " + results.get(0).samples();
    }

    private static Object dhcp(Network net) {
        Switch lan = net.lan("home");
        Router gw = net.router("gw").attach(lan, "192.168.0.1/24");
        gw.dhcpServer("eth0").pool("192.168.0.2", "192.168.0.20").dns("8.8.8.8").leaseTime(600);
        List<String> got = new ArrayList<>();
        List<Host> hosts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Host h = net.host("laptop" + i).attach(lan);
            h.dhcp();
            hosts.add(h);
            got.add(h.name() + "=" + h.ip());
        }
        hosts.get(1).dhcpClient("eth0").release();
        net.runFor(Duration.ofSeconds(400));
        got.add(hosts.get(0).dhcpClient("eth0").history().toString());
        got.add(String.valueOf(hosts.get(0).ping("192.168.0.1").success()));
        return got;
    }

    private static Object threadPerConnection(Network net) {
        Switch lan = net.lan("lan");
        Host server = net.host("server").attach(lan, "10.0.0.1/16");
        List<SocketLayer> clients = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            clients.add(net.host("client" + i).attach(lan, "10.0.1." + (i + 1) + "/16").sockets());
        }
        TcpBench.Setup setup = new TcpBench.Setup(net.simulator(), server.sockets(), clients, server.ip(), net);
        long[] counts = TcpBench.start(setup, 100, 300);
        net.runUntilIdle();
        assertEquals(300, counts[0], "every transaction completed");
        return counts[0] + " " + counts[1];
    }
}
