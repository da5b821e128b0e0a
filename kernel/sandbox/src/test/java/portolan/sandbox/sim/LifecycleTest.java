package portolan.sandbox.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Stopping a run from outside, the watchdog, and closing a simulation without leaking threads. */
class LifecycleTest {
    private final Simulator sim = new Simulator(3);

    @AfterEach
    void cleanUp() {
        Thread.interrupted(); // never leave an interrupt behind for the next test on this thread
        sim.close();
    }

    /** Two threads that take turns forever, 1 µs of virtual time apart: a run without end. */
    private void spawnEndlessPair(int[] turns) {
        for (String name : List.of("ping", "pong")) {
            sim.spawn(name, () -> {
                while (true) {
                    turns[0]++;
                    sim.sleep(1_000);
                }
            });
        }
    }

    /** Calls {@code action} from a helper real thread once the simulation has made some progress. */
    private Thread after(int[] turns, Runnable action) {
        Thread helper = new Thread(() -> {
            while (turns[0] < 1_000) {
                Thread.onSpinWait();
            }
            action.run();
        });
        helper.setDaemon(true);
        helper.start();
        return helper;
    }

    @Test
    void interruptingTheDrivingThreadStopsTheRunAndLeavesTheSimulationUsable() throws Exception {
        sim.setStepLimit(Long.MAX_VALUE);
        int[] turns = {0};
        spawnEndlessPair(turns);
        Thread driver = Thread.currentThread();
        Thread helper = after(turns, driver::interrupt);
        SimulationInterruptedException e = assertThrows(SimulationInterruptedException.class, sim::runUntilIdle);
        assertTrue(Thread.interrupted(), "the interrupt stays visible to the caller");
        helper.join();
        assertTrue(e.getMessage().contains("interrupted during runUntilIdle()"), e.getMessage());
        long stoppedAt = sim.now();
        int stoppedTurns = turns[0];
        sim.runFor(10_000);
        assertEquals(stoppedAt + 10_000, sim.now());
        assertTrue(turns[0] >= stoppedTurns + 18, "both threads keep taking turns after the stop");
    }

    @Test
    void stopFromAnotherThreadEndsTheRun() throws Exception {
        sim.setStepLimit(Long.MAX_VALUE);
        int[] turns = {0};
        spawnEndlessPair(turns);
        Thread helper = after(turns, sim::stop);
        SimulationInterruptedException e = assertThrows(SimulationInterruptedException.class,
                () -> sim.runUntil(() -> false));
        helper.join();
        assertTrue(e.getMessage().contains("stopped by stop()"), e.getMessage());
        assertFalse(Thread.currentThread().isInterrupted());
    }

    /**
     * A stop that finds the baton holder in real code (a real sleep, where no step ever comes) does
     * not wait for the watchdog: the holder is interrupted, the run ends with the stop, says which
     * thread was interrupted, and the simulation stays usable.
     */
    @Test
    void aStopReachesASimulatedThreadStuckInRealCodeWithoutTheWatchdog() throws Exception {
        sim.setWatchdog(Duration.ofMinutes(10)); // only the stop can end this run in time
        sim.spawn("host server", "sleeper", () -> Thread.sleep(600_000));
        int[] turns = {0};
        sim.spawn("counter", () -> {
            while (true) {
                turns[0]++;
                sim.sleep(1_000);
            }
        });
        Thread helper = new Thread(() -> {
            try {
                Thread.sleep(300); // the sleeper holds the baton by then
            } catch (InterruptedException e) {
                return;
            }
            sim.stop();
        });
        helper.setDaemon(true);
        helper.start();
        SimulationInterruptedException e = assertThrows(SimulationInterruptedException.class, () -> sim.runFor(1_000_000));
        helper.join();
        assertTrue(e.getMessage().contains("stopped by stop()"), e.getMessage());
        assertTrue(e.getMessage().contains("so it was interrupted: simulated thread 'sleeper' on host server threw "
                + "java.lang.InterruptedException"), e.getMessage());
        int before = turns[0];
        sim.runFor(10_000); // usable: no watchdog verdict, and the sleeper's end is not reported again
        assertTrue(turns[0] > before, "the other thread keeps taking turns");
    }

    @Test
    void theWatchdogReportsASimulatedThreadBlockedInRealSleep() {
        sim.setWatchdog(Duration.ofMillis(200));
        CountDownLatch unwound = new CountDownLatch(1);
        sim.spawn("host server", "worker-3", () -> {
            try {
                Thread.sleep(60_000); // the mistake the watchdog exists for
            } finally {
                unwound.countDown();
            }
        });
        SimulationWatchdogException e = assertThrows(SimulationWatchdogException.class, () -> sim.runFor(1_000));
        String message = e.getMessage();
        assertTrue(message.contains("simulated thread 'worker-3' on host server has been running for 200 ms of real time"),
                message);
        assertTrue(message.contains("Thread.sleep"), message);
        assertTrue(message.contains("java.lang.Thread.sleep"), "the message shows where the thread is: " + message);
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> sim.runFor(1));
        assertTrue(refused.getMessage().contains("watchdog"), refused.getMessage());
        assertTrue(await(unwound), "the stuck thread was interrupted so that it unwinds");
    }

    @Test
    void closeUnwindsEveryThreadAndLeavesNoRealThreadRunning() {
        WaitQueue never = new WaitQueue(sim, "a signal that never comes");
        List<String> cleanedUp = new ArrayList<>();
        List<SimThread> threads = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String name = "blocked-" + i;
            threads.add(sim.spawn(name, () -> {
                try {
                    never.await();
                } catch (Exception swallowedByUserCode) {
                    cleanedUp.add("wrongly caught");
                } finally {
                    cleanedUp.add(name);
                }
            }));
        }
        SimThread sleeper = sim.spawn("sleeper", () -> sim.sleep(Long.MAX_VALUE / 2));
        SimThread neverStarted = sim.spawn("late", () -> cleanedUp.add("late ran"));
        sim.runUntil(() -> sleeper.state() == SimThread.State.WAITING);
        sim.close();
        assertEquals(50, cleanedUp.size(), "every finally block ran, none caught the close as an Exception");
        assertEquals("blocked-0", cleanedUp.get(0));
        assertFalse(cleanedUp.contains("late ran"));
        threads.add(sleeper);
        threads.add(neverStarted);
        for (SimThread t : threads) {
            assertEquals(SimThread.State.TERMINATED, t.state(), t.name());
            assertTrue(t.thread == null || !t.thread.isAlive(), "real thread of " + t.name() + " still alive");
        }
        assertTrue(sim.threads().isEmpty());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> sim.schedule(1, "x", () -> { }));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        sim.close(); // closing twice is harmless
    }

    @Test
    void aClosedThreadThatKeepsCallingTheSandboxIsUnwoundAgain() {
        int[] attempts = {0};
        sim.spawn("stubborn", () -> {
            while (true) {
                try {
                    sim.sleep(1_000);
                } catch (Throwable t) {
                    if (++attempts[0] == 3) {
                        throw t;
                    }
                }
            }
        });
        sim.runFor(500);
        sim.close();
        assertEquals(3, attempts[0]);
        assertTrue(sim.failures().isEmpty(), "unwinding at close is not a failure of the thread");
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
