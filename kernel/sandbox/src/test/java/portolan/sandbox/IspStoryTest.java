package portolan.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import portolan.sandbox.apps.LeaseEvent;
import portolan.sandbox.wire.Ipv4Address;

/** The notes' story of dynamic addresses (D1–D4): a month away, a new address, a stranger's server, the fixes. */
class IspStoryTest {
    static final Ipv4Address OLD = Ipv4Address.parse("59.6.66.238");
    static final Ipv4Address NEXT = Ipv4Address.parse("59.6.66.239");

    /** D1: on connecting, the ISP gives the home a public address anyone can reach. */
    @Test
    void theIspLeasesAPublicAddress() {
        HomeStory s = new HomeStory(11, true);
        assertEquals(OLD, s.home.publicAddress());
        assertEquals("BOUND", s.kt.leases().get(0).state());
        assertEquals("공유기", s.kt.leases().get(0).client());
        assertEquals("laptop's page", HomeStory.fetch(s.net, s.phone, OLD.toString(), 8081));
        assertTrue(s.kt.toString().contains("59.6.66.238") && s.kt.toString().contains("공유기"), s.kt.toString());
    }

    /** D2 + D3: a month offline, the address goes to a stranger, whose server now answers the old address. */
    @Test
    void aMonthAwayLosesTheAddressToAStranger() {
        HomeStory s = new HomeStory(12, true);
        s.home.ddns(s.net.ddns(), "myhome.example");
        s.home.powerOff();
        long steps = s.net.simulator().steps();
        s.net.runFor(Duration.ofDays(30));
        long idleSteps = s.net.simulator().steps() - steps;
        assertTrue(idleSteps < 2_000, "a month of virtual time should cost few events, took " + idleSteps);
        assertEquals("EXPIRED", s.kt.leases().get(0).state(), s.kt.toString());

        Host stranger = s.kt.subscribe(s.net.host("stranger"));
        assertEquals(OLD, stranger.ip());
        HomeStory.serve(stranger, 8081, "a stranger's server");

        s.home.powerOn();
        assertEquals(NEXT, s.home.publicAddress());
        assertTrue(s.home.wan().history().stream().anyMatch(h -> h.why().contains("NAK")), s.home.wan().toString());
        assertEquals(Ipv4Address.parse("192.168.0.4"), s.laptop.ip(), "the reservation brings the laptop back to .4");

        assertEquals("a stranger's server", HomeStory.fetch(s.net, s.phone, OLD.toString(), 8081));
        assertEquals("laptop's page", HomeStory.fetch(s.net, s.phone, NEXT.toString(), 8081));

        List<String> timeline = s.kt.log().stream().filter(e -> OLD.equals(e.address()))
                .map(e -> e.client() + " " + e.event()).toList();
        assertEquals(List.of("공유기 OFFERED", "공유기 BOUND", "공유기 EXPIRED", "stranger REASSIGNED", "stranger OFFERED",
                "stranger BOUND"), timeline.stream().filter(t -> !t.endsWith("RENEWED")).toList().subList(0, 6));
        assertTrue(s.kt.log().stream().anyMatch(e -> e.event().equals("NAK") && e.client().equals("공유기")));

        // the DDNS fix: the name follows the new address
        assertEquals(NEXT, s.net.ddns().resolve("myhome.example"));
        assertEquals(List.of(OLD, NEXT), s.net.ddns().updates().stream().map(u -> u.address()).toList());
    }

    /** D4: a static address stays the home's through a month away, for a monthly fee. */
    @Test
    void aStaticAddressIsKeptForAFee() {
        HomeStory s = new HomeStory(13, true);
        Isp.StaticAddress sub = s.kt.staticAddress(s.home, "59.6.66.238");
        assertEquals(25_000, sub.feeKrwPerMonth());
        assertEquals("static 59.6.66.238 for 공유기: 25,000 KRW/month (Korean ISPs charge about 20,000–30,000 KRW)",
                sub.toString());
        s.home.powerOff();
        s.net.runFor(Duration.ofDays(30));
        Host stranger = s.kt.subscribe(s.net.host("stranger"));
        assertEquals(NEXT, stranger.ip(), "the reserved address is not given to others");
        s.home.powerOn();
        assertEquals(OLD, s.home.publicAddress());
        assertEquals("laptop's page", HomeStory.fetch(s.net, s.phone, OLD.toString(), 8081));
    }

    @Test
    void leaseEventsAreChartData() {
        HomeStory s = new HomeStory(14, false);
        s.net.runFor(Duration.ofDays(2));
        List<LeaseEvent> log = s.kt.log();
        assertTrue(log.stream().filter(e -> e.client().equals("공유기") && e.event().equals("RENEWED")).count() >= 3,
                log.toString());
        assertTrue(log.get(0).toString().contains("공유기"), log.get(0).toString());
    }

    private static String[] storyRun(long seed) throws Exception {
        HomeStory s = new HomeStory(seed, true);
        s.home.ddns(s.net.ddns(), "myhome.example");
        HomeStory.fetch(s.net, s.phone, OLD.toString(), 8081);
        s.home.powerOff();
        s.net.runFor(Duration.ofDays(30));
        s.kt.subscribe(s.net.host("stranger"));
        s.home.powerOn();
        HomeStory.fetch(s.net, s.phone, NEXT.toString(), 8080);
        return new String[] {s.net.fingerprint(), java.util.HexFormat.of().formatHex(java.security.MessageDigest
                .getInstance("SHA-256").digest(s.net.capture().pcapngBytes())), s.kt.log().toString(),
                s.home.nat().toString()};
    }

    @Test
    void sameSeedSameStory() throws Exception {
        String[] a = storyRun(21);
        String[] b = storyRun(21);
        assertEquals(List.of(a), List.of(b));
        assertTrue(!List.of(a).equals(List.of(storyRun(22))), "another seed gives other ports and ids");
    }

    /** DDNS as the fix for D3, end to end: the router updates the DDNS service, which updates a DNS server. */
    @Test
    void ddnsNameFollowsTheHomeThroughADnsServer() throws Exception {
        HomeStory s = new HomeStory(15, true);
        Host ns = s.skt.subscribe(s.net.host("ns"));
        portolan.sandbox.apps.DnsServer dns = portolan.sandbox.apps.DnsServer.start(ns);
        s.net.ddns().onUpdate((name, address) -> dns.update(name, address.toString()));
        s.home.ddns(s.net.ddns(), "myhome.example");
        s.phone.dns(ns.ip().toString());
        assertEquals(OLD, resolve(s, "myhome.example"));
        s.home.powerOff();
        s.net.runFor(Duration.ofDays(30));
        s.kt.subscribe(s.net.host("stranger"));
        s.home.powerOn();
        Ipv4Address now = resolve(s, "myhome.example");
        assertEquals(NEXT, now);
        assertEquals("laptop's page", HomeStory.fetch(s.net, s.phone, now.toString(), 8081));
    }

    private static Ipv4Address resolve(HomeStory s, String name) {
        java.util.concurrent.atomic.AtomicReference<Object> r = new java.util.concurrent.atomic.AtomicReference<>();
        s.phone.spawn("resolve", () -> r.set(s.phone.resolve(name)));
        s.net.runUntil(() -> r.get() != null, Duration.ofSeconds(30));
        return (Ipv4Address) r.get();
    }
}
