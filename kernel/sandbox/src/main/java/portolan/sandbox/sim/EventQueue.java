package portolan.sandbox.sim;

import java.util.Arrays;

/**
 * The pending events of a simulation in (time, sequence) order: a min-heap, plus a FIFO lane
 * for events due at the current instant. The keys live in parallel {@code long} arrays
 * so that sifting compares plain numbers instead of following a pointer per comparison, which
 * roughly halves the cost of a schedule/poll pair compared with {@code PriorityQueue<Event>}.
 * (time, sequence) is a total order, so the pop order is fully determined by the keys.
 *
 * <p>The lane: an event scheduled for the current instant (delay 0, e.g. a TCP flush) needs no
 * sifting, because every later one has a larger sequence; the lane keeps them in arrival order
 * and {@link #poll()} takes the smaller of the heap's and the lane's first keys, so the order is
 * exactly the heap-only order.
 */
final class EventQueue {
    private long[] times = new long[256];
    private long[] sequences = new long[256];
    private Event[] events = new Event[256];
    private int size;
    /** Events due at one instant, in sequence order (a circular buffer). */
    private Event[] lane = new Event[64];
    private int laneHead;
    private int laneSize;

    int size() {
        return size + laneSize;
    }

    /** Adds an event; {@code now} is the simulation's current time. */
    void add(Event event, long now) {
        if (event.time() == now && (laneSize == 0 || lane[laneHead].time() == now)) {
            if (laneSize == lane.length) {
                Event[] bigger = new Event[laneSize * 2];
                for (int i = 0; i < laneSize; i++) {
                    bigger[i] = lane[(laneHead + i) & (lane.length - 1)];
                }
                lane = bigger;
                laneHead = 0;
            }
            lane[(laneHead + laneSize++) & (lane.length - 1)] = event;
            return;
        }
        add(event);
    }

    private void add(Event event) {
        if (size == events.length) {
            int capacity = size * 2;
            times = Arrays.copyOf(times, capacity);
            sequences = Arrays.copyOf(sequences, capacity);
            events = Arrays.copyOf(events, capacity);
        }
        siftUp(size++, event.time(), event.sequence(), event);
    }

    /** The first event, or null. */
    Event peek() {
        if (laneSize > 0 && (size == 0 || laneFirst())) {
            return lane[laneHead];
        }
        return size == 0 ? null : events[0];
    }

    /** True if the lane's first event comes before the heap's (both exist). */
    private boolean laneFirst() {
        Event first = lane[laneHead];
        return before(first.time(), first.sequence(), times[0], sequences[0]);
    }

    /** Removes and returns the first event, or null. */
    Event poll() {
        if (laneSize > 0 && (size == 0 || laneFirst())) {
            Event first = lane[laneHead];
            lane[laneHead] = null;
            laneHead = (laneHead + 1) & (lane.length - 1);
            laneSize--;
            return first;
        }
        if (size == 0) {
            return null;
        }
        Event first = events[0];
        int last = --size;
        Event moved = events[last];
        long time = times[last];
        long sequence = sequences[last];
        events[last] = null;
        if (last > 0) {
            siftDown(0, time, sequence, moved);
        }
        return first;
    }

    void clear() {
        Arrays.fill(events, 0, size, null);
        size = 0;
        Arrays.fill(lane, null);
        laneHead = 0;
        laneSize = 0;
    }

    /** Drops cancelled events and rebuilds the heap. */
    void removeCancelled() {
        int keptInLane = 0;
        for (int i = 0; i < laneSize; i++) {
            Event e = lane[(laneHead + i) & (lane.length - 1)];
            if (!e.isCancelled()) {
                lane[(laneHead + keptInLane++) & (lane.length - 1)] = e;
            }
        }
        for (int i = keptInLane; i < laneSize; i++) {
            lane[(laneHead + i) & (lane.length - 1)] = null;
        }
        laneSize = keptInLane;
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (!events[i].isCancelled()) {
                events[kept] = events[i];
                times[kept] = times[i];
                sequences[kept] = sequences[i];
                kept++;
            }
        }
        Arrays.fill(events, kept, size, null);
        size = kept;
        for (int i = (size >>> 1) - 1; i >= 0; i--) {
            siftDown(i, times[i], sequences[i], events[i]);
        }
    }

    private void siftUp(int index, long time, long sequence, Event event) {
        while (index > 0) {
            int parent = (index - 1) >>> 1;
            if (!before(time, sequence, times[parent], sequences[parent])) {
                break;
            }
            put(index, times[parent], sequences[parent], events[parent]);
            index = parent;
        }
        put(index, time, sequence, event);
    }

    private void siftDown(int index, long time, long sequence, Event event) {
        int half = size >>> 1;
        while (index < half) {
            int child = 2 * index + 1;
            int right = child + 1;
            if (right < size && before(times[right], sequences[right], times[child], sequences[child])) {
                child = right;
            }
            if (!before(times[child], sequences[child], time, sequence)) {
                break;
            }
            put(index, times[child], sequences[child], events[child]);
            index = child;
        }
        put(index, time, sequence, event);
    }

    private static boolean before(long time, long sequence, long otherTime, long otherSequence) {
        return time < otherTime || (time == otherTime && sequence < otherSequence);
    }

    private void put(int index, long time, long sequence, Event event) {
        times[index] = time;
        sequences[index] = sequence;
        events[index] = event;
    }
}
