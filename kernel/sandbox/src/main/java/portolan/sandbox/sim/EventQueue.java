package portolan.sandbox.sim;

import java.util.Arrays;

/**
 * The pending events of a simulation in (time, sequence) order: a min-heap, plus FIFO lanes
 * for events scheduled with a delay that recurs. The heap's keys live in parallel {@code long}
 * arrays so that sifting compares plain numbers instead of following a pointer per comparison,
 * which roughly halves the cost of a schedule/poll pair compared with {@code PriorityQueue<Event>}.
 * (time, sequence) is a total order, so the pop order is fully determined by the keys.
 *
 * <p>The lanes: most events are scheduled with one of a few delays — 0 (a TCP flush at the end
 * of the instant), a link's latency, the minimum retransmission timeout, 2×MSL. Events added
 * with one fixed delay arrive in (time, sequence) order, because the clock never goes back and
 * every later event has a larger sequence; a FIFO keeps them sorted at O(1) per add and poll
 * where the heap pays a sift of log n levels. {@link #poll()} takes the smallest of the heap's
 * and the lanes' first keys, so the order is exactly the heap-only order. Events with a delay
 * that has no lane (all lanes busy with other delays) go to the heap.
 */
final class EventQueue {
    /** Enough for the delays a network repeats; each poll compares the first event of every lane in use. */
    private static final int LANES = 6;

    private long[] times = new long[256];
    private long[] sequences = new long[256];
    private Event[] events = new Event[256];
    private int size;
    private final Lane[] lanes = new Lane[LANES];
    /** Lanes created so far ({@code lanes[0 .. laneCount)}); an empty lane is reused for a new delay. */
    private int laneCount;
    private int laneEvents;
    /**
     * Where the first event is — {@link #HEAP}, a lane's index, or {@link #UNKNOWN} until the next
     * peek or poll looks — so that the simulator's peek-then-poll compares the lanes once.
     */
    private int first = UNKNOWN;
    private static final int HEAP = -1;
    private static final int UNKNOWN = -2;

    /** Events of one delay, in (time, sequence) order: a circular buffer. */
    private static final class Lane {
        long delay;
        Event[] items = new Event[64];
        int head;
        int size;

        Event first() {
            return items[head];
        }

        Event last() {
            return items[(head + size - 1) & (items.length - 1)];
        }

        void add(Event event) {
            if (size == items.length) {
                Event[] bigger = new Event[size * 2];
                for (int i = 0; i < size; i++) {
                    bigger[i] = items[(head + i) & (items.length - 1)];
                }
                items = bigger;
                head = 0;
            }
            items[(head + size++) & (items.length - 1)] = event;
        }

        Event poll() {
            Event first = items[head];
            items[head] = null;
            head = (head + 1) & (items.length - 1);
            size--;
            return first;
        }

        /** Drops cancelled events, keeping the order; returns how many were dropped. */
        int removeCancelled() {
            int kept = 0;
            int mask = items.length - 1;
            for (int i = 0; i < size; i++) {
                Event e = items[(head + i) & mask];
                if (!e.isCancelled()) {
                    items[(head + kept++) & mask] = e;
                }
            }
            for (int i = kept; i < size; i++) {
                items[(head + i) & mask] = null;
            }
            int dropped = size - kept;
            size = kept;
            return dropped;
        }

        void clear() {
            Arrays.fill(items, null);
            head = 0;
            size = 0;
        }
    }

    int size() {
        return size + laneEvents;
    }

    /** Adds an event; {@code now} is the simulation's current time (never more than the event's). */
    void add(Event event, long now) {
        Event current = size() == 0 || first == UNKNOWN ? null : firstEvent();
        int where = place(event, event.time() - now);
        if (size() == 1 || current != null && before(event, current)) {
            first = where;
        }
    }

    /** Puts the event in the lane of its delay, a free lane, or the heap; returns which (a lane's index or HEAP). */
    private int place(Event event, long delay) {
        int free = -1;
        for (int i = 0; i < laneCount; i++) {
            Lane lane = lanes[i];
            if (lane.size == 0) {
                if (free < 0) {
                    free = i;
                }
            } else if (lane.delay == delay) {
                if (!before(event, lane.last())) { // always, as the clock never goes back; checked all the same
                    lane.add(event);
                    laneEvents++;
                    return i;
                }
                add(event);
                return HEAP;
            }
        }
        if (free < 0 && laneCount < LANES) {
            lanes[laneCount] = new Lane();
            free = laneCount++;
        }
        if (free >= 0) {
            lanes[free].delay = delay;
            lanes[free].add(event);
            laneEvents++;
            return free;
        }
        add(event);
        return HEAP;
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

    /** Finds where the first event is: the lane whose first event comes before the heap's and the other lanes', or HEAP. */
    private int findFirst() {
        int best = HEAP;
        long time = size == 0 ? Long.MAX_VALUE : times[0];
        long sequence = size == 0 ? Long.MAX_VALUE : sequences[0];
        for (int i = 0; i < laneCount; i++) {
            Lane lane = lanes[i];
            if (lane.size > 0) {
                Event e = lane.first();
                if (before(e.time(), e.sequence(), time, sequence)) {
                    best = i;
                    time = e.time();
                    sequence = e.sequence();
                }
            }
        }
        return best;
    }

    /** The first event of a non-empty queue. */
    private Event firstEvent() {
        if (first == UNKNOWN) {
            first = findFirst();
        }
        return first == HEAP ? events[0] : lanes[first].first();
    }

    /** The first event, or null. */
    Event peek() {
        return size() == 0 ? null : firstEvent();
    }

    /** Removes and returns the first event, or null. */
    Event poll() {
        if (size() == 0) {
            return null;
        }
        if (first == UNKNOWN) {
            first = findFirst();
        }
        int from = first;
        first = UNKNOWN;
        if (from != HEAP) {
            laneEvents--;
            return lanes[from].poll();
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
        first = UNKNOWN;
        Arrays.fill(events, 0, size, null);
        size = 0;
        for (int i = 0; i < laneCount; i++) {
            lanes[i].clear();
        }
        laneEvents = 0;
    }

    /** Drops cancelled events and rebuilds the heap. */
    void removeCancelled() {
        first = UNKNOWN;
        for (int i = 0; i < laneCount; i++) {
            laneEvents -= lanes[i].removeCancelled();
        }
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

    private static boolean before(Event a, Event b) {
        return before(a.time(), a.sequence(), b.time(), b.sequence());
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
