package portolan.sandbox.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatorEventsTest {
    private final Simulator sim = new Simulator(1);
    private final List<String> log = new ArrayList<>();

    private Runnable note(String what) {
        return () -> log.add(what + "@" + sim.now());
    }

    @Test
    void eventsRunInTimeOrderAndAdvanceTheClock() {
        sim.schedule(30, "c", note("c"));
        sim.schedule(10, "a", note("a"));
        sim.schedule(20, "b", note("b"));
        sim.runUntilIdle();
        assertEquals(List.of("a@10", "b@20", "c@30"), log);
        assertEquals(30, sim.now());
    }

    @Test
    void eventsOfTheSameTimeRunInSchedulingOrder() {
        for (int i = 0; i < 5; i++) {
            sim.schedule(7, "e" + i, note("e" + i));
        }
        sim.schedule(7, "nested", () -> sim.schedule(0, "late", note("late")));
        sim.schedule(7, "e5", note("e5"));
        sim.runUntilIdle();
        assertEquals(List.of("e0@7", "e1@7", "e2@7", "e3@7", "e4@7", "e5@7", "late@7"), log);
    }

    @Test
    void cancelledEventsDoNotRun() {
        Event keep = sim.schedule(5, "keep", note("keep"));
        Event drop = sim.schedule(3, "drop", note("drop"));
        assertTrue(drop.cancel());
        assertFalse(drop.cancel());
        assertEquals(1, sim.pendingEvents());
        sim.runUntilIdle();
        assertEquals(List.of("keep@5"), log);
        assertFalse(keep.cancel(), "an event that already ran cannot be cancelled");
        assertTrue(drop.isCancelled());
        assertFalse(keep.isPending());
        assertEquals(5, sim.now(), "a cancelled event must not move the clock");
    }

    @Test
    void manyCancelledEventsArePurgedWithoutChangingTheOrder() {
        List<Event> all = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            all.add(sim.schedule(10_000 - i, "e" + i, note("e" + i)));
        }
        for (int i = 0; i < 10_000; i++) {
            if (i % 10 != 0) {
                all.get(i).cancel();
            }
        }
        assertEquals(1_000, sim.pendingEvents());
        sim.runUntilIdle();
        assertEquals(1_000, log.size());
        assertEquals("e9990@10", log.get(0));
        assertEquals("e0@10000", log.get(999));
    }

    @Test
    void runForStopsAtTheRequestedTimeAndKeepsLaterEvents() {
        sim.schedule(Duration.ofMillis(5), "early", note("early"));
        sim.schedule(Duration.ofMillis(15), "late", note("late"));
        sim.runFor(Duration.ofMillis(10));
        assertEquals(List.of("early@5000000"), log);
        assertEquals(10_000_000, sim.now());
        assertEquals(1, sim.pendingEvents());
        sim.runUntil(15_000_000);
        assertEquals(List.of("early@5000000", "late@15000000"), log);
        sim.runFor(0);
        assertEquals(15_000_000, sim.now());
    }

    @Test
    void runUntilATimeInThePastIsRejected() {
        sim.runFor(100);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sim.runUntil(50));
        assertTrue(e.getMessage().contains("already 100 ns"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> sim.schedule(-1, "x", note("x")));
        assertThrows(IllegalArgumentException.class, () -> sim.scheduleAt(10, "x", note("x")));
    }

    @Test
    void runUntilConditionReturnsTrueWhenItHoldsAndFalseOnTimeout() {
        int[] counter = {0};
        for (int i = 1; i <= 10; i++) {
            sim.schedule(i * 100L, "tick", () -> counter[0]++);
        }
        assertTrue(sim.runUntil(() -> counter[0] == 3, 10_000));
        assertEquals(300, sim.now(), "the run ends at the step that made the condition true");
        assertFalse(sim.runUntil(() -> counter[0] == 99, 250));
        assertEquals(550, sim.now(), "a timeout leaves the clock at the deadline");
        assertEquals(5, counter[0]);
        assertFalse(sim.runUntil(() -> false, Duration.ofSeconds(1)), "idle with a timeout is a plain timeout");
        assertTrue(sim.runUntil(() -> true, 0), "a condition that already holds returns at once");
    }

    @Test
    void runUntilConditionWithoutTimeoutReportsThatNothingCanHappen() {
        sim.schedule(10, "only", note("only"));
        SimulationDeadlockException e = assertThrows(SimulationDeadlockException.class, () -> sim.runUntil(() -> false));
        assertTrue(e.getMessage().contains("no event is scheduled"), e.getMessage());
        assertTrue(e.getMessage().contains("runUntil(condition)"), e.getMessage());
        assertEquals(10, e.virtualTime());
    }

    @Test
    void aFailingEventEndsTheRunNamingItsPlace() {
        sim.schedule(42, "host laptop: ARP timer", () -> {
            throw new IllegalStateException("boom");
        });
        sim.schedule(50, "after", note("after"));
        SimulationException e = assertThrows(SimulationException.class, sim::runUntilIdle);
        assertTrue(e.getMessage().contains("host laptop: ARP timer"), e.getMessage());
        assertTrue(e.getMessage().contains("42 ns"), e.getMessage());
        assertInstanceOf(IllegalStateException.class, e.getCause());
        sim.runUntilIdle();
        assertEquals(List.of("after@50"), log, "the simulation can continue after a reported failure");
    }

    @Test
    void theStepLimitCatchesARunThatNeverBecomesIdle() {
        sim.setStepLimit(1_000);
        Runnable[] tick = new Runnable[1];
        tick[0] = () -> sim.schedule(1_000, "periodic timer", tick[0]);
        sim.schedule(0, "periodic timer", tick[0]);
        SimulationException e = assertThrows(SimulationException.class, sim::runUntilIdle);
        assertTrue(e.getMessage().contains("1,000 steps"), e.getMessage());
        assertTrue(e.getMessage().contains("runFor"), e.getMessage());
        sim.runFor(10_000); // the same timer is fine with a bounded run
        assertTrue(sim.now() >= 1_000_000);
    }

    @Test
    void theInstantLimitCatchesZeroDelayLoops() {
        sim.setInstantStepLimit(500);
        Runnable[] again = new Runnable[1];
        again[0] = () -> sim.schedule(0, "storm", again[0]);
        sim.schedule(3, "storm", again[0]);
        SimulationException e = assertThrows(SimulationException.class, () -> sim.runFor(100));
        assertTrue(e.getMessage().contains("same virtual instant 3 ns"), e.getMessage());
    }

    @Test
    void timesAreFormattedForLearners() {
        assertEquals("0 s", SimTime.format(0));
        assertEquals("750 ns", SimTime.format(750));
        assertEquals("1.5 µs", SimTime.format(1_500));
        assertEquals("1.5 ms", SimTime.format(1_500_000));
        assertEquals("2 s", SimTime.format(2_000_000_000));
        assertEquals("1.234567891 s", SimTime.format(1_234_567_891));
        assertEquals("forever", SimTime.format(Long.MAX_VALUE));
        assertEquals(Long.MAX_VALUE, SimTime.nanos(Duration.ofDays(365L * 1_000_000)));
    }
}
