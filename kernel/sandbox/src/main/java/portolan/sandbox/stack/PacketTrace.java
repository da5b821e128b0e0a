package portolan.sandbox.stack;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;
import portolan.sandbox.sim.Simulator;

/**
 * A PacketTrace is the list of every frame a network put on a wire, received, forwarded, dropped
 * or lost, in the order it happened, with the reason for every drop. It also feeds the
 * simulator's fingerprint, so two runs with the same seed produce the same trace bit for bit.
 *
 * <p>Filters ({@link #at}, {@link #protocol}, {@link #drops}) return plain lists of
 * {@link TraceEntry}; {@link #table(List)} renders any such list as the readable table.
 */
public final class PacketTrace {
    private final Simulator simulator;
    private final List<TraceEntry> entries = new ArrayList<>();

    public PacketTrace(Simulator simulator) {
        this.simulator = simulator;
    }

    /** Records a frame event now and returns its index, so a later drop can be attached to it. */
    public int record(String node, String iface, TraceEntry.Event event, byte[] wire, String reason) {
        return record(node, iface, key(node + ":" + iface, event), event, wire, reason);
    }

    /** The fingerprint's place text for an event at a place (NICs keep theirs precomputed). */
    static String key(String place, TraceEntry.Event event) {
        return place + " " + event;
    }

    int record(String node, String iface, String key, TraceEntry.Event event, byte[] wire, String reason) {
        long now = simulator.now();
        entries.add(new TraceEntry(entries.size() + 1, now, node, iface, event, wire, reason));
        simulator.trace().record(now, key, event == TraceEntry.Event.RECEIVED ? summaryOfIntact(wire) : wire);
        if (reason != null) {
            simulator.trace().record(now, key, reason);
        }
        return entries.size() - 1;
    }

    /**
     * A received frame passed the FCS check, and its bytes were hashed in full when they were sent;
     * its length and FCS stand for it in the fingerprint, which halves the hashing per hop.
     */
    private static byte[] summaryOfIntact(byte[] wire) {
        int n = wire.length;
        return new byte[] {(byte) (n >>> 8), (byte) n, wire[n - 4], wire[n - 3], wire[n - 2], wire[n - 1]};
    }

    /** Turns the received frame at {@code index} into a drop with {@code reason} (first reason wins). */
    public void drop(int index, String reason) {
        TraceEntry entry = entries.get(index);
        if (entry.event() == TraceEntry.Event.DROPPED) {
            return;
        }
        entries.set(index, entry.withDrop(reason));
        simulator.trace().record(simulator.now(), entry.place() + " dropped #" + entry.number(), reason);
    }

    /** Every entry so far (an unmodifiable view). */
    public List<TraceEntry> entries() {
        return Collections.unmodifiableList(entries);
    }

    public int size() {
        return entries.size();
    }

    /** Entry number {@code n} (1-based, as shown in the table). */
    public TraceEntry get(long n) {
        if (n < 1 || n > entries.size()) {
            throw new IllegalArgumentException("the trace has entries 1.." + entries.size() + ", not " + n);
        }
        return entries.get((int) (n - 1));
    }

    /** Entries matching a condition. */
    public List<TraceEntry> where(Predicate<TraceEntry> condition) {
        return entries.stream().filter(condition).toList();
    }

    /** Entries seen at a node ("router1") or one interface of it ("router1:eth0"). */
    public List<TraceEntry> at(String nodeOrPlace) {
        return where(e -> e.node().equals(nodeOrPlace) || e.place().equals(nodeOrPlace));
    }

    /** Entries whose highest protocol is {@code name} ("ARP", "ICMP", "UDP", "TCP", "IPv4"), any case. */
    public List<TraceEntry> protocol(String name) {
        return where(e -> e.protocol().equalsIgnoreCase(name));
    }

    /** Every dropped or lost frame. */
    public List<TraceEntry> drops() {
        return where(TraceEntry::isDrop);
    }

    /** The readable table of {@code rows}. */
    public static String table(List<TraceEntry> rows) {
        StringBuilder s = new StringBuilder(String.format("%5s %11s %-18s %-9s %-15s %-15s %-5s %s%n", "No.", "Time",
                "Place", "Event", "Source", "Destination", "Proto", "Info"));
        for (TraceEntry e : rows) {
            s.append(e).append('\n');
        }
        return s.toString();
    }

    /** The whole trace as a table. */
    @Override
    public String toString() {
        return table(entries);
    }
}
