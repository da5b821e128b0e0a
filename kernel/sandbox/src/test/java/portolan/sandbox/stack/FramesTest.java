package portolan.sandbox.stack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import portolan.sandbox.Network;
import portolan.sandbox.Topologies;
import portolan.sandbox.wire.EthernetFrame;
import portolan.sandbox.wire.Ipv4Packet;
import portolan.sandbox.wire.MacAddress;

/** The raw-byte fast path agrees with the wire records it shortcuts. */
class FramesTest {

    @Test
    void buildMatchesEthernetFrameForShortAndLongPayloads() {
        MacAddress to = MacAddress.parse("02:00:00:00:00:2a");
        MacAddress from = MacAddress.parse("02:00:00:aa:bb:cc");
        for (int size : new int[] {0, 10, 46, 47, 1500}) {
            byte[] payload = new byte[size];
            for (int i = 0; i < size; i++) {
                payload[i] = (byte) (i * 31 + 7);
            }
            byte[] ours = Frames.build(to.bits(), from.bits(), EthernetFrame.ETHERTYPE_IPV4, payload);
            assertArrayEquals(new EthernetFrame(to, from, EthernetFrame.ETHERTYPE_IPV4, payload).toBytes(), ours);
            assertTrue(Frames.intact(ours));
            assertEquals(to.bits(), Frames.mac(ours, 0));
            assertEquals(from.bits(), Frames.mac(ours, 6));
            ours[ours.length / 2] ^= 1;
            assertFalse(Frames.intact(ours));
        }
    }

    @Test
    void fastForwardedFramesEqualWhatTheFullPathBuilds() {
        try (Network net = Topologies.threeRouters(2)) {
            assertTrue(net.node("pc").ping("10.0.3.10").success());
            // the second ping finds every ARP entry and goes through the fast path at each router
            assertTrue(net.node("pc").ping("10.0.3.10").success());
            for (TraceEntry e : net.trace().entries()) {
                if (e.event() != TraceEntry.Event.FORWARDED) {
                    continue;
                }
                assertTrue(Frames.intact(e.wire()), e.toString());
                Ipv4Packet p = Ipv4Packet.parse(e.ethernet().payload()); // throws on a bad header checksum
                EthernetFrame f = e.ethernet();
                assertArrayEquals(new EthernetFrame(f.destination(), f.source(), f.etherType(), p.toBytes()).toBytes(),
                        e.wire(), e.toString());
            }
        }
    }
}
