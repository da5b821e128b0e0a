package portolan.sandbox.sim;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Situations a notebook or the kernel produces: cells on new threads, interrupts, real sockets. */
class EdgeCasesTest {
    private static final long MS = SimTime.MILLISECOND;
    private final Simulator sim = new Simulator(5);

    @AfterEach
    void closeSimulation() {
        Thread.interrupted();
        sim.close();
    }

    /** Runs {@code cell} on a new real thread, as JShell runs each notebook cell, and rethrows its failure. */
    private static void inNewThread(Runnable cell) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                cell.run();
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "cell");
        thread.start();
        thread.join();
        if (failure.get() != null) {
            throw new AssertionError("the cell failed", failure.get());
        }
    }

    @Test
    void eachCellMayRunTheSimulationFromANewThread() throws InterruptedException {
        List<String> log = new ArrayList<>();
        WaitQueue requests = new WaitQueue(sim, "a request");
        int[] pending = {0};
        inNewThread(() -> sim.spawn("host server", "server", () -> {
            while (true) {
                requests.awaitUntil(() -> pending[0] > 0);
                pending[0]--;
                log.add("served at " + sim.now() / MS);
            }
        }));
        for (int cell = 1; cell <= 3; cell++) {
            inNewThread(() -> {
                sim.runFor(MS);
                pending[0]++;
                requests.signalAll();
                sim.runUntilIdle();
            });
        }
        assertEquals(List.of("served at 1", "served at 2", "served at 3"), log);
    }

    @Test
    void anInterruptedWaitLeavesNoStaleWaiterBehind() {
        WaitQueue never = new WaitQueue(sim, "a reply");
        sim.setStepLimit(Long.MAX_VALUE);
        sim.spawn("ticker", () -> {
            while (true) {
                sim.sleep(MS);
            }
        });
        Thread.currentThread().interrupt();
        assertThrows(SimulationInterruptedException.class, never::await);
        assertTrue(Thread.interrupted());
        assertEquals(0, never.waiterCount(), "the interrupted caller left the queue");
        never.signalAll(); // nobody waits: nothing may be woken
        sim.runFor(5 * MS);
        assertEquals(5 * MS, sim.now());
    }

    @Test
    void joinWithTimeoutAndTimesOfStates() {
        SimThread slow = sim.spawn("slow", () -> sim.sleep(10 * MS));
        assertFalse(slow.join(Duration.ofMillis(4)));
        assertEquals(4 * MS, sim.now());
        assertEquals(SimThread.State.WAITING, slow.state());
        assertTrue(slow.waitingFor().startsWith("sleep(10 ms) until 10 ms"), slow.waitingFor());
        assertTrue(slow.join(20 * MS));
        assertEquals(10 * MS, sim.now(), "join returns when the thread ends, not at the timeout");
    }

    @Test
    void eventsMaySpawnThreadsAndThreadsMayScheduleEvents() {
        List<String> log = new ArrayList<>();
        sim.schedule(2 * MS, "host server: incoming connection", () -> sim.spawn("host server", "handler", () -> {
            log.add("handler at " + sim.now() / MS);
            sim.schedule(3 * MS, "reply", () -> log.add("reply at " + sim.now() / MS));
        }));
        sim.runUntilIdle();
        assertEquals(List.of("handler at 2", "reply at 5"), log);
    }

    @Test
    void aThrowingConditionIsReportedAndAsynchronousStopsPassThrough() {
        SimulationException e = assertThrows(SimulationException.class, () -> sim.runUntil(() -> {
            throw new IllegalArgumentException("bad check");
        }, MS));
        assertTrue(e.getMessage().contains("the condition of runUntil(condition, 1 ms) threw"), e.getMessage());
        // Thread.stop (the kernel's last resort on JDK 17) must not be swallowed as a failure.
        @SuppressWarnings("removal")
        ThreadDeath stop = new ThreadDeath();
        assertThrows(ThreadDeath.class, () -> sim.runUntil(() -> {
            throw stop;
        }, MS));
        sim.runFor(MS); // and the simulation is still usable afterwards
        assertEquals(MS, sim.now());
    }

    @Test
    void theWatchdogReportsARealServerSocket() throws Exception {
        sim.setWatchdog(Duration.ofMillis(200));
        try (ServerSocket real = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            sim.spawn("host server", "real-server", real::accept);
            SimulationWatchdogException e = assertThrows(SimulationWatchdogException.class, sim::runUntilIdle);
            assertTrue(e.getMessage().contains("simulated thread 'real-server' on host server"), e.getMessage());
            assertTrue(e.getMessage().contains("java.net"), e.getMessage());
            assertTrue(e.getMessage().contains("ServerSocket.accept"), "the stack shows the real accept: " + e.getMessage());
        } // closing the real socket releases the carrier thread on every JDK
    }

    @Test
    void aFailedThreadStillWakesItsJoiners() {
        SimThread bad = sim.spawn("bad", () -> {
            sim.sleep(MS);
            throw new IllegalStateException("crash");
        });
        List<String> log = new ArrayList<>();
        sim.spawn("waiter", () -> {
            bad.join();
            log.add("joined at " + sim.now() / MS);
        });
        SimulationException e = assertThrows(SimulationException.class, sim::runUntilIdle);
        assertInstanceOf(IllegalStateException.class, e.getCause());
        sim.runUntilIdle();
        assertEquals(List.of("joined at 1"), log);
    }

    @Test
    void anOutsideAwaitUntilNeedsNoSignal() {
        boolean[] replied = {false};
        sim.schedule(3 * MS, "reply arrives (the handler forgets to signal)", () -> replied[0] = true);
        WaitQueue replies = new WaitQueue(sim, "host laptop: ping 10.0.0.2 waiting for a reply");
        assertTrue(replies.awaitUntil(() -> replied[0], Duration.ofSeconds(1)));
        assertEquals(3 * MS, sim.now(), "returns when the state changes, not at the timeout");
        SimulationDeadlockException e = assertThrows(SimulationDeadlockException.class, () -> replies.awaitUntil(() -> false));
        assertTrue(e.getMessage().contains("the caller (thread '" + Thread.currentThread().getName()
                + "', outside the simulation) waits for: host laptop: ping 10.0.0.2 waiting for a reply"), e.getMessage());
        Throwable[] fromCell = new Throwable[1];
        Thread cell = new Thread(() -> { // named "Thread-N", like a notebook cell's thread
            try {
                replies.awaitUntil(() -> false);
            } catch (Throwable t) {
                fromCell[0] = t;
            }
        });
        cell.start();
        assertDoesNotThrow(() -> cell.join());
        assertInstanceOf(SimulationDeadlockException.class, fromCell[0]);
        assertTrue(fromCell[0].getMessage().contains("the caller (outside the simulation) waits for"), fromCell[0].getMessage());
    }

    @Test
    void aMissingSignalIsReportedWhenTheWaiterTimesOut() {
        boolean[] replied = {false};
        WaitQueue replies = new WaitQueue(sim, "host laptop: read() on 10.0.0.1:49152 waiting for data");
        sim.spawn("host laptop", "reader", () -> replies.awaitUntil(() -> replied[0], 100 * MS));
        sim.schedule(3 * MS, "data arrives (the handler forgets to signal)", () -> replied[0] = true);
        SimulationException e = assertThrows(SimulationException.class, sim::runUntilIdle);
        assertTrue(e.getMessage().contains("simulated thread 'reader' on host laptop waited for: host laptop: read() on "
                + "10.0.0.1:49152 waiting for data until its timeout at 100 ms"), e.getMessage());
        assertTrue(e.getMessage().contains("did not call signalAll()"), e.getMessage());
    }

    @Test
    void aMissingSignalIsNamedInADeadlockReport() {
        boolean[] ready = {false};
        WaitQueue queue = new WaitQueue(sim, "a job");
        SimThread worker = sim.spawn("worker", () -> queue.awaitUntil(() -> ready[0]));
        sim.schedule(MS, "job posted without a signal", () -> ready[0] = true);
        SimulationDeadlockException e = assertThrows(SimulationDeadlockException.class, worker::join);
        assertTrue(e.getMessage().contains("simulated thread 'worker' waits for: a job (what it waits for has already happened,"
                + " but nothing signalled it: a signalAll() is missing)"), e.getMessage());
    }
}
