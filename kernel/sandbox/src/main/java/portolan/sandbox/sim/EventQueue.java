package portolan.sandbox.sim;

import java.util.Arrays;

/**
 * A min-heap of events ordered by (time, sequence). The keys live in parallel {@code long} arrays
 * so that sifting compares plain numbers instead of following a pointer per comparison, which
 * roughly halves the cost of a schedule/poll pair compared with {@code PriorityQueue<Event>}.
 * (time, sequence) is a total order, so the pop order is fully determined by the keys.
 */
final class EventQueue {
    private long[] times = new long[256];
    private long[] sequences = new long[256];
    private Event[] events = new Event[256];
    private int size;

    int size() {
        return size;
    }

    void add(Event event) {
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
        return size == 0 ? null : events[0];
    }

    /** Removes and returns the first event, or null. */
    Event poll() {
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
    }

    /** Drops cancelled events and rebuilds the heap. */
    void removeCancelled() {
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
