package portolan.sandbox.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import portolan.sandbox.HomeStory;
import portolan.sandbox.Host;
import portolan.sandbox.wire.Ipv4Address;

/** The lease timeline tells the notes' month-away story: the home's address expires, a stranger gets it, the home returns on another. */
class LeaseTimelineTest {
    static final Ipv4Address OLD = Ipv4Address.parse("59.6.66.238");
    static final Ipv4Address NEXT = Ipv4Address.parse("59.6.66.239");
    static final long DAY = 86_400_000_000_000L;

    static HomeStory monthAway() {
        HomeStory s = new HomeStory(12, true);
        s.home.powerOff();
        s.net.runFor(Duration.ofDays(30));
        Host stranger = s.kt.subscribe(s.net.host("stranger"));
        assertEquals(OLD, stranger.ip());
        s.home.powerOn();
        s.net.runFor(Duration.ofDays(2));
        return s;
    }

    @Test
    void monthAwayStoryShowsWhoHeldWhichAddressWhen() throws Exception {
        HomeStory s = monthAway();
        LeaseTimeline t = s.kt.leaseTimeline();
        assertEquals("공유기", t.holderAt(OLD, DAY / 2), "before leaving, the home holds the old address");
        assertNull(t.holderAt(OLD, 20 * DAY), "while away, the old address expired and nobody holds it");
        assertEquals("stranger", t.holderAt(OLD, s.net.now()), "then a stranger got it");
        assertEquals("공유기", t.holderAt(NEXT, s.net.now()), "the home came back on a new address");
        LeaseTimeline.Holding homeOld = t.holdings().get(0);
        assertEquals(OLD, homeOld.address());
        assertFalse(homeOld.open());
        assertTrue(homeOld.end() > DAY && homeOld.end() < 3 * DAY, "expired about a lease time after the last renewal: "
                + homeOld.end());
        assertTrue(t.refusals().stream().anyMatch(r -> r.client().equals("공유기") && r.address().equals(OLD)),
                "the ISP refused the home its old address (NAK)");
        String text = t.toString();
        assertTrue(text.contains("stranger") && text.contains("(still held)") && text.contains("NAK"), text);

        String svg = t.toSvg();
        Document doc = PicturesTest.parse(svg);
        assertEquals(t.holdings().size(), count(svg, "<g class=\"lease "));
        assertTrue(svg.contains("59.6.66.238") && svg.contains("59.6.66.239") && svg.contains("공유기"), svg);
        assertTrue(doc.getDocumentElement().getTextContent().contains("NAK 공유기"));
        assertEquals(svg, monthAway().kt.leaseTimeline().toSvg(), "same story, same bytes");
    }

    @Test
    void lanTimelineAndEmptyTimelineRender() throws Exception {
        HomeStory s = new HomeStory(3, false);
        LeaseTimeline lan = s.home.leaseTimeline();
        assertEquals(List.of("desktop", "laptop"), lan.holdings().stream().map(LeaseTimeline.Holding::client).toList());
        assertTrue(lan.holdings().stream().allMatch(LeaseTimeline.Holding::open));
        PicturesTest.parse(lan.toSvg());
        LeaseTimeline empty = LeaseTimeline.of("nothing yet", List.of(), 0);
        PicturesTest.parse(empty.toSvg());
        assertTrue(empty.toString().contains("(empty)"));
        assertEquals("1d 12h", LeaseTimeline.duration(36 * 3600));
        assertEquals("0", LeaseTimeline.duration(0));
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
