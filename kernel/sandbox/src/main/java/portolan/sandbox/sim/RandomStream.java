package portolan.sandbox.sim;

/**
 * A deterministic stream of pseudo-random numbers owned by one component of a simulation (a
 * host's ISN generator, a link's loss model, a DHCP server's transaction ids...).
 *
 * <p>Streams come from {@link Simulator#random(String)}: the start state is derived from the
 * simulation seed, the component name and how many streams of that name were created before, so
 * creating another component never shifts the numbers of existing ones. The generator is
 * SplitMix64 (Steele, Lea, Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014),
 * written out here rather than borrowed from {@code java.util.SplittableRandom} because the JDK does
 * not promise that its bounded-value algorithms stay the same across releases, and the sandbox
 * promises identical runs on JDK 17 and JDK 25. {@link #nextLong()} equals
 * {@code new SplittableRandom(seed).nextLong()} for the same start state.
 *
 * <p>Not thread-safe; like everything in a simulation it is used by one simulated thread at a time.
 */
public final class RandomStream {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private final String name;
    private long state;

    RandomStream(String name, long seed) {
        this.name = name;
        this.state = seed;
    }

    /** The component name this stream was created for (with "#n" for the n-th repeat of a name). */
    public String name() {
        return name;
    }

    /** A uniformly distributed 64-bit value. */
    public long nextLong() {
        state += GOLDEN_GAMMA;
        return mix64(state);
    }

    /** A uniformly distributed 32-bit value (the high half of {@link #nextLong()}). */
    public int nextInt() {
        return (int) (nextLong() >>> 32);
    }

    /**
     * A uniformly distributed value in {@code [0, bound)}. Uses rejection so every value is exactly
     * equally likely (the same method as {@code java.util.Random.nextInt(int)}).
     */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        int bits = nextInt() >>> 1;
        int mask = bound - 1;
        if ((bound & mask) == 0) {
            return (int) ((bound * (long) bits) >> 31);
        }
        int value = bits % bound;
        while (bits - value + mask < 0) {
            bits = nextInt() >>> 1;
            value = bits % bound;
        }
        return value;
    }

    /** A uniformly distributed value in {@code [origin, bound)}, e.g. an ephemeral port in [49152, 65536). */
    public int nextInt(int origin, int bound) {
        if (origin >= bound) {
            throw new IllegalArgumentException("origin " + origin + " must be less than bound " + bound);
        }
        long span = (long) bound - origin;
        return (int) (origin + nextLong(span));
    }

    /** A uniformly distributed value in {@code [0, bound)} for a positive {@code bound}. */
    public long nextLong(long bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        long mask = bound - 1;
        if ((bound & mask) == 0) {
            return nextLong() & mask;
        }
        long bits = nextLong() >>> 1;
        long value = bits % bound;
        while (bits - value + mask < 0) {
            bits = nextLong() >>> 1;
            value = bits % bound;
        }
        return value;
    }

    /** A uniformly distributed double in {@code [0, 1)} with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** True with probability {@code p} (0 never, 1 always), e.g. for a link's loss rate. */
    public boolean chance(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("probability must be between 0 and 1, got " + p);
        }
        return p == 1 || nextDouble() < p;
    }

    /** Fills {@code bytes} with random bytes, eight per {@link #nextLong()} (little-endian). */
    public void nextBytes(byte[] bytes) {
        int i = 0;
        while (i < bytes.length) {
            long word = nextLong();
            for (int n = 0; n < 8 && i < bytes.length; n++, word >>>= 8) {
                bytes[i++] = (byte) word;
            }
        }
    }

    /** A new array of {@code count} random bytes. */
    public byte[] nextBytes(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("byte count must not be negative, got " + count);
        }
        byte[] bytes = new byte[count];
        nextBytes(bytes);
        return bytes;
    }

    /** SplitMix64's finaliser (Stafford's "Mix13"). */
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    @Override
    public String toString() {
        return "RandomStream[" + name + "]";
    }
}
