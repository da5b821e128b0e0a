package portolan.sandbox.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TraceTest {
    private static String fingerprint(long time, String place, byte[] bytes) {
        Trace trace = new Simulator(1).trace();
        trace.record(time, place, bytes);
        return trace.fingerprint();
    }

    @Test
    void anEmptyTraceHasTheSha256OfNothing() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", new Simulator(1).trace().fingerprint());
    }

    @Test
    void theFingerprintDependsOnTimePlaceAndBytes() {
        String base = fingerprint(10, "laptop eth0", new byte[] {1, 2, 3});
        assertEquals(base, fingerprint(10, "laptop eth0", new byte[] {1, 2, 3}));
        assertNotEquals(base, fingerprint(11, "laptop eth0", new byte[] {1, 2, 3}));
        assertNotEquals(base, fingerprint(10, "phone eth0", new byte[] {1, 2, 3}));
        assertNotEquals(base, fingerprint(10, "laptop eth0", new byte[] {1, 2, 4}));
    }

    @Test
    void fieldBoundariesCannotBeConfused() {
        assertNotEquals(fingerprint(0, "ab", new byte[] {'c'}), fingerprint(0, "a", new byte[] {'b', 'c'}));
        Trace text = new Simulator(1).trace();
        text.record(0, "p", "abc");
        assertNotEquals(fingerprint(0, "p", new byte[] {'a', 'b', 'c'}), text.fingerprint());
    }

    @Test
    void takingAFingerprintDoesNotDisturbRecording() {
        Trace once = new Simulator(1).trace();
        once.record(1, "a", new byte[] {1});
        once.record(2, "b", new byte[] {2});
        Trace peeked = new Simulator(1).trace();
        peeked.record(1, "a", new byte[] {1});
        peeked.fingerprint();
        peeked.record(2, "b", new byte[] {2});
        assertEquals(once.fingerprint(), peeked.fingerprint());
        assertEquals(2, peeked.size());
        assertThrows(IllegalArgumentException.class, () -> peeked.record(3, null, new byte[0]));
    }
}
