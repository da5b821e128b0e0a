package portolan.sandbox.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import portolan.sandbox.Host;
import portolan.sandbox.Network;
import portolan.sandbox.stack.Link;

/** A frame a link damages is still the frame its sender sent: its arrow runs to the receiver and ends in the bad-FCS drop. */
class DamagedFrameArrowTest {

    @Test
    void aFrameCorruptedOnTheLinkIsDrawnFromItsSenderToTheDrop() {
        Network net = new Network(62);
        Link wire = net.link("cable");
        Host a = net.host("a").attach(wire, "10.0.0.1/30");
        net.host("b").attach(wire, "10.0.0.2/30");
        wire.corruption(1.0);
        assertFalse(a.ping("10.0.0.2").success());
        net.runFor(Duration.ofMillis(10)); // the last ARP request, sent as the ping gave up, arrives too
        List<SequenceDiagram.Arrow> drops = net.sequence().drops().arrows();
        assertFalse(drops.isEmpty(), net.trace().toString());
        for (SequenceDiagram.Arrow arrow : drops) {
            assertTrue(arrow.at().reason().startsWith("bad FCS"), arrow.at().toString());
            assertEquals("a", arrow.from(), "the damaged frame's arrow starts at its sender: " + arrow.sent());
            assertEquals("b", arrow.to());
        }
        // every frame a sent is accounted for: none is left "not received yet"
        assertTrue(net.sequence().arrows().stream().noneMatch(x -> x.from().equals(x.to())), net.sequence().toString());
    }
}
