package portolan.sandbox.stack;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.RandomAccess;
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
    private static final TraceEntry.Event[] EVENTS = TraceEntry.Event.values();

    private final Simulator simulator;
    /**
     * The entries in columns, not as one object each: a long run keeps millions of frames, and
     * columns of primitives cost the garbage collector nothing to trace. {@link #entry} rebuilds a
     * {@link TraceEntry} on demand; it is equal to the one recorded.
     */
    private long[] times = new long[1024];
    private int[] places = new int[1024];
    private byte[] events = new byte[1024];
    private byte[][] wires = new byte[1024][];
    /** Drop and loss reasons by entry index (few entries have one; looked up only, never iterated). */
    private final Map<Integer, String> reasons = new HashMap<>();
    /** Distinct (node, interface) pairs; {@code places[i]} indexes them. */
    private final List<String[]> placeNames = new ArrayList<>();
    private final Map<String, Integer> placeIndex = new HashMap<>();
    private final Map<List<String>, Integer> placeByName = new HashMap<>();
    private int size;
    private final List<TraceEntry> view = new EntryList();

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
        add(now, placeOf(key, node, iface), event, wire, reason);
        simulator.trace().record(now, key, event == TraceEntry.Event.RECEIVED ? summaryOfIntact(wire) : wire);
        if (reason != null) {
            simulator.trace().record(now, key, reason);
        }
        return size - 1;
    }

    /** Records a frame event without a reason at a NIC's place; the NIC's hot path. */
    int record(Place place, TraceEntry.Event event, byte[] wire) {
        long now = simulator.now();
        if (place.index < 0) { // registered on first use: an idle NIC costs the trace nothing
            place.index = placeIndexOf(place.node, place.iface);
        }
        add(now, place.index, event, wire, null);
        simulator.trace().record(now, place.keys[event.ordinal()],
                event == TraceEntry.Event.RECEIVED ? summaryOfIntact(wire) : wire);
        return size - 1;
    }

    /** A NIC's place, with its fingerprint key per event; its index is assigned when it first records. */
    static final class Place {
        private final String node;
        private final String iface;
        private int index = -1;
        final String[] keys = new String[EVENTS.length];

        private Place(String node, String iface) {
            this.node = node;
            this.iface = iface;
            String place = node + ":" + iface;
            for (TraceEntry.Event e : EVENTS) {
                keys[e.ordinal()] = key(place, e);
            }
        }
    }

    /** The place {@code node:iface}, so that recording there needs no lookup. */
    Place place(String node, String iface) {
        return new Place(node, iface);
    }

    private void add(long time, int place, TraceEntry.Event event, byte[] wire, String reason) {
        if (size == times.length) {
            int capacity = size * 2;
            times = Arrays.copyOf(times, capacity);
            places = Arrays.copyOf(places, capacity);
            events = Arrays.copyOf(events, capacity);
            wires = Arrays.copyOf(wires, capacity);
        }
        times[size] = time;
        places[size] = place;
        events[size] = (byte) event.ordinal();
        wires[size] = wire;
        if (reason != null) {
            reasons.put(size, reason);
        }
        size++;
        ((EntryList) view).grew();
    }

    /** The index of a place; {@code key} (place and event) names it uniquely and is usually the same String. */
    private int placeOf(String key, String node, String iface) {
        Integer known = placeIndex.get(key);
        if (known != null) {
            return known;
        }
        int index = placeIndexOf(node, iface); // a new key: another event at a known place, or a new place
        placeIndex.put(key, index);
        return index;
    }

    private int placeIndexOf(String node, String iface) {
        Integer index = placeByName.get(List.of(node, iface));
        if (index == null) {
            index = placeNames.size();
            placeNames.add(new String[] {node, iface});
            placeByName.put(List.of(node, iface), index);
        }
        return index;
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
        Objects.checkIndex(index, size);
        if (events[index] == TraceEntry.Event.DROPPED.ordinal()) {
            return;
        }
        TraceEntry entry = entry(index);
        events[index] = (byte) TraceEntry.Event.DROPPED.ordinal();
        reasons.put(index, reason);
        simulator.trace().record(simulator.now(), entry.place() + " dropped #" + entry.number(), reason);
    }

    /** The entry at {@code index} (0-based), rebuilt from the columns. */
    private TraceEntry entry(int index) {
        String[] place = placeNames.get(places[index]);
        return new TraceEntry(index + 1, times[index], place[0], place[1], EVENTS[events[index]], wires[index],
                reasons.get(index));
    }

    /** Every entry so far (an unmodifiable view). */
    public List<TraceEntry> entries() {
        return view;
    }

    public int size() {
        return size;
    }

    /** Entry number {@code n} (1-based, as shown in the table). */
    public TraceEntry get(long n) {
        if (n < 1 || n > size) {
            throw new IllegalArgumentException("the trace has entries 1.." + size + ", not " + n);
        }
        return entry((int) (n - 1));
    }

    /** Entries matching a condition. */
    public List<TraceEntry> where(Predicate<TraceEntry> condition) {
        return view.stream().filter(condition).toList();
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
        return table(view);
    }

    /** The live, read-only list view of the columns. */
    private final class EntryList extends AbstractList<TraceEntry> implements RandomAccess {
        @Override
        public TraceEntry get(int index) {
            Objects.checkIndex(index, size);
            return entry(index);
        }

        @Override
        public int size() {
            return size;
        }

        /** Like ArrayList.add, growing invalidates iterators (they fail fast, as before). */
        void grew() {
            modCount++;
        }
    }
}
