package portolan.sandbox.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RandomStreamTest {
    private static long[] draw(RandomStream stream, int n) {
        long[] values = new long[n];
        for (int i = 0; i < n; i++) {
            values[i] = stream.nextLong();
        }
        return values;
    }

    @Test
    void theSameSeedAndNameGiveTheSameNumbers() {
        assertArrayEquals(draw(new Simulator(42).random("host laptop"), 100), draw(new Simulator(42).random("host laptop"), 100));
    }

    @Test
    void creatingAnotherComponentDoesNotPerturbAStream() {
        Simulator alone = new Simulator(42);
        long[] expected = draw(alone.random("host laptop"), 50);
        Simulator crowded = new Simulator(42);
        RandomStream other = crowded.random("host phone");
        other.nextLong();
        RandomStream laptop = crowded.random("host laptop");
        crowded.random("host tablet").nextLong();
        assertArrayEquals(expected, draw(laptop, 50));
    }

    @Test
    void differentNamesSeedsAndRepeatsGiveDifferentStreams() {
        Simulator sim = new Simulator(42);
        RandomStream first = sim.random("link");
        RandomStream second = sim.random("link");
        assertEquals("link", first.name());
        assertEquals("link#1", second.name());
        assertNotEquals(first.nextLong(), second.nextLong());
        assertNotEquals(new Simulator(42).random("a").nextLong(), new Simulator(42).random("b").nextLong());
        assertNotEquals(new Simulator(42).random("a").nextLong(), new Simulator(43).random("a").nextLong());
    }

    @Test
    void theGeneratorIsSplitMix64AsInTheJdk() {
        RandomStream ours = new RandomStream("x", 1234567L);
        SplittableRandom jdk = new SplittableRandom(1234567L);
        for (int i = 0; i < 1_000; i++) {
            assertEquals(jdk.nextLong(), ours.nextLong());
        }
    }

    @Test
    void streamsArePinnedAcrossJdkVersions() {
        // Golden values: a change here would change every MAC, port and ISN of every notebook.
        RandomStream stream = new Simulator(42).random("host laptop");
        assertEquals(GOLDEN_FIRST_LONG, stream.nextLong());
        assertEquals(GOLDEN_PORT, stream.nextInt(49152, 65536));
    }

    private static final long GOLDEN_FIRST_LONG = 1099943145079609076L;
    private static final int GOLDEN_PORT = 50196;

    @Test
    void boundedValuesStayInRangeAndCoverIt() {
        RandomStream stream = new Simulator(1).random("dice");
        int[] counts = new int[6];
        for (int i = 0; i < 60_000; i++) {
            counts[stream.nextInt(6)]++;
        }
        for (int count : counts) {
            assertTrue(count > 9_000 && count < 11_000, "uneven die: " + java.util.Arrays.toString(counts));
        }
        for (int i = 0; i < 10_000; i++) {
            int port = stream.nextInt(49152, 65536);
            assertTrue(port >= 49152 && port < 65536);
            long big = stream.nextLong(1L << 40);
            assertTrue(big >= 0 && big < 1L << 40);
            double d = stream.nextDouble();
            assertTrue(d >= 0 && d < 1);
            assertTrue(stream.nextInt(1 << 20) < 1 << 20);
        }
        assertFalse(stream.chance(0));
        assertTrue(stream.chance(1));
        assertEquals(13, stream.nextBytes(13).length);
        assertThrows(IllegalArgumentException.class, () -> stream.nextInt(0));
        assertThrows(IllegalArgumentException.class, () -> stream.nextInt(5, 5));
        assertThrows(IllegalArgumentException.class, () -> stream.chance(1.5));
        assertThrows(IllegalArgumentException.class, () -> new Simulator(1).random(""));
    }
}
