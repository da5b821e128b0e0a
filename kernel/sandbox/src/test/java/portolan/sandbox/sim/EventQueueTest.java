package portolan.sandbox.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The event queue's lanes must give exactly the order of one priority queue over (time, sequence). */
class EventQueueTest {
    private final Simulator sim = new Simulator(1);

    @Test
    void lanesAndHeapTogetherPopInTimeThenSequenceOrder() {
        // Recurring delays fill the lanes; more distinct delays than lanes force some into the heap.
        long[] recurring = {0, 50, 200, 2_000, 7, 11, 13, 17, 19};
        for (long seed = 1; seed <= 20; seed++) {
            Random random = new Random(seed);
            EventQueue queue = new EventQueue();
            PriorityQueue<Event> reference = new PriorityQueue<>();
            List<Event> added = new ArrayList<>();
            long now = 0;
            long sequence = 0;
            int popped = 0;
            for (int step = 0; step < 20_000; step++) {
                int op = random.nextInt(10);
                if (op < 5) {
                    long delay = random.nextInt(4) == 0 ? random.nextInt(3_000) : recurring[random.nextInt(recurring.length)];
                    Event e = new Event(sim, now + delay, sequence++, "e", () -> { });
                    queue.add(e, now);
                    reference.add(e);
                    added.add(e);
                } else if (op == 5 && !added.isEmpty()) {
                    added.get(random.nextInt(added.size())).cancel();
                } else if (op == 6 && random.nextInt(50) == 0) {
                    queue.removeCancelled();
                } else if (op == 7) {
                    dropCancelledHead(reference);
                    dropCancelledHead(queue);
                    assertSame(reference.peek(), queue.peek(), "peek, seed " + seed + ", step " + step);
                } else {
                    Event expected = pollLive(reference);
                    Event got = pollLive(queue);
                    assertSame(expected, got, "seed " + seed + ", step " + step);
                    if (got != null) {
                        assertTrue(got.time() >= now);
                        now = got.time(); // the clock moves to the event, as the simulator does
                        popped++;
                    }
                }
            }
            Event expected;
            while ((expected = pollLive(reference)) != null) {
                assertSame(expected, pollLive(queue));
                popped++;
            }
            assertNull(pollLive(queue));
            assertEquals(0, queue.size());
            assertTrue(popped > 1_000, "the test pops events from lanes and heap");
        }
    }

    private static void dropCancelledHead(PriorityQueue<Event> queue) {
        while (queue.peek() != null && queue.peek().isCancelled()) {
            queue.poll();
        }
    }

    private static void dropCancelledHead(EventQueue queue) {
        while (queue.peek() != null && queue.peek().isCancelled()) {
            queue.poll();
        }
    }

    private static Event pollLive(PriorityQueue<Event> queue) {
        Event e;
        while ((e = queue.poll()) != null && e.isCancelled()) {
            // skipped, as the simulator skips cancelled events
        }
        return e;
    }

    private static Event pollLive(EventQueue queue) {
        Event e;
        while ((e = queue.poll()) != null && e.isCancelled()) {
            // skipped
        }
        return e;
    }
}
