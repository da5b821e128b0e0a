package portolan.sandbox.stack;

import java.time.Duration;
import portolan.sandbox.sim.RandomStream;
import portolan.sandbox.sim.SimTime;
import portolan.sandbox.sim.Simulator;

/**
 * A Link is a full-duplex cable between two ports with a propagation latency, a bandwidth
 * (each frame occupies its direction for its serialization time, so frames queue behind each
 * other) and an MTU. Faults — loss, duplication, reordering and bit corruption — can be switched
 * on per link; they draw from the link's own seeded random stream, so they repeat exactly.
 */
public final class Link implements Segment {
    /** Default bandwidth: 100 Mbit/s. */
    public static final long DEFAULT_BITS_PER_SECOND = 100_000_000L;

    private final String name;
    private final Simulator sim;
    private final PacketTrace trace;
    private final Port[] ends = new Port[2];
    private final long[] busyUntil = new long[2];
    private long latency;
    private long bitsPerSecond = DEFAULT_BITS_PER_SECOND;
    private int mtu = 1500;
    private double loss;
    private double duplication;
    private double reordering;
    private double corruption;
    private RandomStream random;

    public Link(String name, Simulator sim, PacketTrace trace, long latencyNanos) {
        this.name = name;
        this.sim = sim;
        this.trace = trace;
        latency(latencyNanos);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int mtu() {
        return mtu;
    }

    public long latencyNanos() {
        return latency;
    }

    public long bitsPerSecond() {
        return bitsPerSecond;
    }

    /** Sets the one-way propagation delay. */
    public Link latency(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("link " + name + ": latency cannot be negative (" + nanos + " ns)");
        }
        latency = nanos;
        return this;
    }

    public Link latency(Duration delay) {
        return latency(SimTime.nanos(delay));
    }

    /** Sets the bandwidth in bits per second (each frame then takes size × 8 / bandwidth to send). */
    public Link bandwidth(long bitsPerSecond) {
        if (bitsPerSecond <= 0) {
            throw new IllegalArgumentException("link " + name + ": bandwidth must be positive bits per second, not "
                    + bitsPerSecond + " (1 Mbit/s is 1_000_000)");
        }
        this.bitsPerSecond = bitsPerSecond;
        return this;
    }

    /** Sets the MTU: the largest IP packet a frame on this link carries (68..1500 bytes). */
    public Link mtu(int bytes) {
        if (bytes < 68 || bytes > 1500) {
            throw new IllegalArgumentException("link " + name + ": the MTU must be between 68 (the IPv4 minimum, RFC 791)"
                    + " and 1500 (Ethernet), not " + bytes);
        }
        mtu = bytes;
        return this;
    }

    /** Each frame is lost with probability {@code p}. */
    public Link loss(double p) {
        loss = probability("loss", p);
        return this;
    }

    /** Each frame is delivered twice with probability {@code p}. */
    public Link duplication(double p) {
        duplication = probability("duplication", p);
        return this;
    }

    /** Each frame is held back by up to 10 × the latency (so later ones overtake it) with probability {@code p}. */
    public Link reordering(double p) {
        reordering = probability("reordering", p);
        return this;
    }

    /** Each frame gets one flipped bit with probability {@code p}; the receiver's FCS check catches it. */
    public Link corruption(double p) {
        corruption = probability("corruption", p);
        return this;
    }

    private double probability(String what, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("link " + name + ": " + what + " is a probability between 0 and 1, not " + p);
        }
        if (random == null) {
            random = sim.random("link " + name);
        }
        return p;
    }

    @Override
    public Link plug(Nic nic) {
        attach(nic);
        return this;
    }

    /** Connects a port to a free end of this link. */
    public void attach(Port port) {
        if (ends[0] == null) {
            ends[0] = port;
        } else if (ends[1] == null) {
            ends[1] = port;
        } else {
            throw new IllegalStateException("link " + name + " already connects " + ends[0].place() + " and "
                    + ends[1].place() + "; a point-to-point link has two ends. Use a switch to join more.");
        }
    }

    /** The port at the other end from {@code port}, or null if nothing is plugged in there. */
    public Port peer(Port port) {
        return ends[0] == port ? ends[1] : ends[0];
    }

    /**
     * Puts a frame on the wire from {@code from}: it waits for the direction to be free, takes its
     * serialization time, then arrives after the latency.
     */
    public void transmit(Port from, byte[] wire) {
        int direction = ends[0] == from ? 0 : 1;
        Port to = ends[1 - direction];
        long now = sim.now();
        long start = Math.max(now, busyUntil[direction]);
        long done = start + wire.length * 8L * SimTime.SECOND / bitsPerSecond;
        busyUntil[direction] = done;
        long arrival = done + latency;
        if (to == null) {
            trace.record(name, "link", TraceEntry.Event.LOST, wire, "link " + name + " has nothing plugged in at the"
                    + " other end of " + from.place());
            return;
        }
        if (random == null) {
            sim.scheduleAt(arrival, name, () -> to.deliver(wire, this));
            return;
        }
        if (loss > 0 && random.chance(loss)) {
            trace.record(name, "link", TraceEntry.Event.LOST, wire, "lost on link " + name + " (loss probability "
                    + loss + ")");
            return;
        }
        byte[] bytes = wire;
        if (corruption > 0 && random.chance(corruption)) {
            bytes = wire.clone();
            int bit = random.nextInt(bytes.length * 8);
            bytes[bit / 8] ^= (byte) (1 << (bit % 8));
        }
        if (reordering > 0 && random.chance(reordering)) {
            arrival += 1 + random.nextLong(Math.max(1, latency * 10));
        }
        byte[] delivered = bytes;
        sim.scheduleAt(arrival, name, () -> to.deliver(delivered, this));
        if (duplication > 0 && random.chance(duplication)) {
            sim.scheduleAt(arrival + 1, name, () -> to.deliver(delivered, this));
        }
    }

    @Override
    public String toString() {
        return "link " + name + ": " + (ends[0] == null ? "-" : ends[0].place()) + " <-> "
                + (ends[1] == null ? "-" : ends[1].place()) + ", latency " + SimTime.format(latency) + ", "
                + bitsPerSecond / 1_000_000.0 + " Mbit/s, MTU " + mtu
                + (random == null ? "" : ", faults: loss " + loss + " duplication " + duplication + " reordering "
                        + reordering + " corruption " + corruption);
    }
}
