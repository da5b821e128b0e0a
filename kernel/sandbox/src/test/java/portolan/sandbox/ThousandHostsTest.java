package portolan.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import portolan.sandbox.sim.SimThread;
import portolan.sandbox.stack.Link;
import portolan.sandbox.stack.PingResult;
import portolan.sandbox.stack.Switch;
import portolan.sandbox.stack.TraceEntry;
import portolan.sandbox.wire.Ipv4Address;
import portolan.sandbox.wire.Ipv4Packet;
import portolan.sandbox.wire.UdpDatagram;

/**
 * 1,000 hosts on four switched LANs behind four edge routers and a core router all send a UDP
 * datagram to one server, and a few of them ping it from simulated threads. Asserts that the run
 * completes and every datagram and reply arrives; it measures no time.
 */
class ThousandHostsTest {

    @Test
    void aThousandHostsReachOneServer() {
        TreeSet<Ipv4Address> senders = new TreeSet<>();
        List<PingResult> pings = new ArrayList<>();
        List<SimThread> pingers = new ArrayList<>();
        try (Network net = run(new Network(1000), senders, pings, pingers)) {
            assertTrue(pingers.stream().noneMatch(SimThread::isAlive), "every ping thread finished");
            assertEquals(1000, senders.size(), "every host's datagram arrived");
            assertEquals(10, pings.size());
            pings.forEach(r -> assertTrue(r.success(), r.toString()));
            pings.forEach(r -> assertEquals(62, r.ttl(), "two routers on the way back: " + r));
            assertEquals(249, net.trace().at("h0-0:eth0").stream().filter(e -> e.event() == TraceEntry.Event.RECEIVED
                    && e.summary().startsWith("ARP who-has 10.1.0.1 ")).count(),
                    "the switch floods every other host's ARP request for the gateway to h0-0");
            assertTrue(net.simulator().failures().isEmpty(), net.simulator().failures().toString());
            assertEquals(List.of(), net.trace().drops().stream().map(d -> d.reason()).distinct().toList());
        }
    }

    /**
     * Builds the 1,000-host network on {@code net}, schedules every host's datagram and the ten
     * pings, and runs 10 virtual seconds; arrivals go to {@code senders}, {@code pings}, {@code pingers}.
     */
    static Network run(Network net, TreeSet<Ipv4Address> senders, List<PingResult> pings, List<SimThread> pingers) {
        Switch dc = net.lan("dc");
        Router core = net.router("core").attach(dc, "10.0.0.1/24");
        Host server = net.host("server").attach(dc, "10.0.0.10/24").gateway("10.0.0.1");
        List<Host> hosts = new ArrayList<>();
        for (int e = 0; e < 4; e++) {
            Link uplink = net.link("uplink" + e);
            Switch lan = net.lan("lan" + e);
            net.router("edge" + e).attach(uplink, "10.255." + e + ".2/30").attach(lan, "10.1." + e + ".1/24")
                    .defaultRoute("10.255." + e + ".1");
            core.attach(uplink, "10.255." + e + ".1/30").route("10.1." + e + ".0/24", "10.255." + e + ".2");
            for (int i = 0; i < 250; i++) {
                hosts.add(net.host("h" + e + "-" + i).attach(lan, "10.1." + e + "." + (i + 2) + "/24")
                        .gateway("10.1." + e + ".1"));
            }
        }
        server.register(Topologies.udpSink(packet -> {
            UdpDatagram d = UdpDatagram.parse(packet.payload(), packet.source(), packet.destination());
            assertEquals(9, d.destinationPort());
            senders.add(packet.source());
        }));
        // Warm the routers' ARP caches first: a burst towards an unresolved next hop would overflow the
        // ARP queue (16 packets), which the trace would explain, but here every datagram should arrive.
        for (int e = 0; e < 4; e++) {
            assertTrue(net.node("edge" + e).ping("10.0.0.10").success());
        }
        for (int i = 0; i < hosts.size(); i++) {
            Host h = hosts.get(i);
            byte[] payload = new UdpDatagram(40000 + i % 1000, 9, ("hello from " + h.name()).getBytes())
                    .toBytes(h.ip(), server.ip());
            net.simulator().schedule(i * 100_000L, h.name() + ": send", () -> h.stack().send(h.ip(), server.ip(),
                    Ipv4Packet.PROTOCOL_UDP, payload));
        }
        for (int i = 0; i < hosts.size(); i += 100) {
            Host h = hosts.get(i);
            pingers.add(h.spawn("ping", () -> {
                PingResult r = h.ping("10.0.0.10");
                pings.add(r);
            }));
        }
        net.runFor(Duration.ofSeconds(10));
        return net;
    }
}
