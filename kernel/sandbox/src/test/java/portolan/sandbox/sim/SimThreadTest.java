package portolan.sandbox.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimThreadTest {
    private static final long MS = SimTime.MILLISECOND;
    private final Simulator sim = new Simulator(7);
    private final List<String> log = new ArrayList<>();

    @AfterEach
    void closeSimulation() {
        sim.close();
    }

    private void note(String what) {
        log.add(what + "@" + sim.now() / MS);
    }

    @Test
    void spawnSleepAndJoinInterleaveInVirtualTime() {
        SimThread a = sim.spawn("host a", "A", () -> {
            note("A start");
            sim.sleep(10 * MS);
            note("A woke");
        });
        SimThread b = sim.spawn("B", () -> {
            note("B start");
            sim.sleep(5 * MS);
            note("B woke");
            a.join();
            note("B joined A");
        });
        assertEquals(SimThread.State.NEW, a.state());
        b.join();
        assertEquals(List.of("A start@0", "B start@0", "B woke@5", "A woke@10", "B joined A@10"), log);
        assertFalse(a.isAlive());
        assertEquals(SimThread.State.TERMINATED, b.state());
        assertEquals(10 * MS, sim.now());
    }

    @Test
    void threadsWokenAtTheSameTimeRunInWakeOrder() {
        for (String name : List.of("t1", "t2", "t3")) {
            sim.spawn(name, () -> {
                sim.sleep(MS);
                note(name);
                sim.sleep(0); // let the others go first
                note(name + " again");
            });
        }
        sim.runUntilIdle();
        assertEquals(List.of("t1@1", "t2@1", "t3@1", "t1 again@1", "t2 again@1", "t3 again@1"), log);
    }

    @Test
    void aSignalFromAnEventWakesTheWaiterAtThatTime() {
        WaitQueue arrivals = new WaitQueue(sim, "host server: accept() on 0.0.0.0:80 waiting for a connection");
        int[] pending = {0};
        sim.spawn("host server", "acceptor", () -> {
            for (int i = 0; i < 2; i++) {
                arrivals.awaitUntil(() -> pending[0] > 0);
                pending[0]--;
                note("accepted");
            }
        });
        sim.schedule(7 * MS, "SYN", () -> {
            pending[0]++;
            arrivals.signalAll();
        });
        sim.schedule(9 * MS, "SYN", () -> {
            pending[0]++;
            arrivals.signalAll();
        });
        sim.runUntilIdle();
        assertEquals(List.of("accepted@7", "accepted@9"), log);
        assertEquals(0, arrivals.waiterCount());
    }

    @Test
    void awaitWithTimeoutReturnsFalseAtTheDeadlineAndTrueWhenSignalled() {
        WaitQueue data = new WaitQueue(sim, "read() on a socket");
        boolean[] results = new boolean[2];
        sim.spawn("reader", () -> {
            results[0] = data.await(3 * MS);
            note("first");
            results[1] = data.await(100 * MS);
            note("second");
        });
        sim.schedule(5 * MS, "data", data::signalAll);
        sim.runUntilIdle();
        assertFalse(results[0]);
        assertTrue(results[1]);
        assertEquals(List.of("first@3", "second@5"), log);
        assertEquals(0, sim.pendingEvents(), "the timeout of the signalled wait must be cancelled");
        assertFalse(data.await(0), "a zero timeout never waits");
    }

    @Test
    void aWaitFromOutsideDrivesTheSimulation() {
        WaitQueue done = new WaitQueue(sim, "the worker's result");
        String[] result = {null};
        sim.spawn("worker", () -> {
            sim.sleep(4 * MS);
            result[0] = "ready";
            done.signalAll();
        });
        done.awaitUntil(() -> result[0] != null);
        assertEquals("ready", result[0]);
        assertEquals(4 * MS, sim.now());
        assertFalse(done.await(2 * MS));
        assertEquals(6 * MS, sim.now());
        sim.sleep(MS);
        assertEquals(7 * MS, sim.now());
    }

    @Test
    void aWaitThatNothingCanSatisfyThrowsNamingEveryWaiter() {
        WaitQueue accept = new WaitQueue(sim, "host server: accept() on 0.0.0.0:80 waiting for a connection");
        SimThread server = sim.spawn("host server", "server-main", accept::await);
        sim.spawn("host laptop", "client", server::join);
        SimulationDeadlockException e = assertThrows(SimulationDeadlockException.class, server::join);
        String message = e.getMessage();
        assertTrue(message.contains("simulated thread 'server-main' on host server waits for: host server: accept() on 0.0.0.0:80"
                + " waiting for a connection"), message);
        assertTrue(message.contains("simulated thread 'client' on host laptop waits for: the end of simulated thread 'server-main'"),
                message);
        assertTrue(message.contains("thread '" + Thread.currentThread().getName() + "'"), message);
        assertEquals(3, e.waiters().size());
        assertEquals(0, accept.waiterCount() - 1, "the caller left the queue; the server still waits");
    }

    @Test
    void runUntilIdleLeavesBlockedThreadsWaitingWithoutComplaint() {
        WaitQueue accept = new WaitQueue(sim, "accept() on port 80");
        SimThread server = sim.spawn("server", accept::await);
        sim.runUntilIdle();
        assertEquals(SimThread.State.WAITING, server.state());
        assertEquals("accept() on port 80", server.waitingFor());
        assertEquals(List.of(server), sim.threads());
    }

    @Test
    void anExceptionInASimulatedThreadEndsTheRunNamingTheThread() {
        SimThread bad = sim.spawn("host server", "handler-1", () -> {
            sim.sleep(2 * MS);
            throw new IOException("connection reset");
        });
        sim.spawn("other", () -> {
            sim.sleep(5 * MS);
            note("other done");
        });
        SimulationException e = assertThrows(SimulationException.class, sim::runUntilIdle);
        assertTrue(e.getMessage().contains("simulated thread 'handler-1' on host server threw java.io.IOException: connection reset"),
                e.getMessage());
        assertTrue(e.getMessage().contains("2 ms"), e.getMessage());
        assertInstanceOf(IOException.class, e.getCause());
        assertInstanceOf(IOException.class, bad.failure());
        assertEquals(1, sim.failures().size());
        assertEquals(List.of(), log);
        sim.runUntilIdle();
        assertEquals(List.of("other done@5"), log, "the other thread continues on the next run");
    }

    @Test
    void failuresCanBeRecordedWithoutEndingTheRun() {
        sim.setStopOnThreadFailure(false);
        sim.spawn("bad", () -> {
            throw new IllegalStateException("oops");
        });
        sim.spawn("good", () -> note("good"));
        sim.runUntilIdle();
        assertEquals(List.of("good@0"), log);
        assertTrue(sim.failures().get(0).getMessage().contains("'bad' threw java.lang.IllegalStateException: oops"));
    }

    @Test
    void blockingInsideAnEventIsReported() {
        WaitQueue q = new WaitQueue(sim, "something");
        sim.schedule(1, "host x: bad handler", q::await);
        SimulationException e = assertThrows(SimulationException.class, sim::runUntilIdle);
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("must never block"), e.getCause().getMessage());
    }

    @Test
    void misuseFromTheWrongThreadIsExplained() {
        AtomicReference<Throwable> fromRealThread = new AtomicReference<>();
        AtomicReference<Throwable> fromSimThread = new AtomicReference<>();
        SimThread self = sim.spawn("busy", () -> {
            Thread real = new Thread(() -> {
                try {
                    sim.runFor(MS);
                } catch (Throwable t) {
                    fromRealThread.set(t);
                }
            });
            real.start();
            real.join();
            try {
                sim.runFor(MS);
            } catch (IllegalStateException t) {
                fromSimThread.set(t);
            }
            sim.currentThread().join();
        });
        SimulationException e = assertThrows(SimulationException.class, sim::runUntilIdle);
        assertTrue(fromRealThread.get().getMessage().contains("only one thread at a time"), fromRealThread.get().getMessage());
        assertTrue(fromSimThread.get().getMessage().contains("cannot drive its own simulation"), fromSimThread.get().getMessage());
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("join() on itself"));
        assertSame(e.getCause(), self.failure());
        assertNull(sim.currentThread());
    }

    @Test
    void fiveThousandThreadsAreCheap() {
        int[] finished = {0};
        List<SimThread> threads = new ArrayList<>();
        RandomStream random = sim.random("load");
        for (int i = 0; i < 5_000; i++) {
            long pause = random.nextInt(1, 1_000) * SimTime.MILLISECOND / 10;
            threads.add(sim.spawn("t" + i, () -> {
                sim.sleep(pause);
                sim.sleep(pause);
                finished[0]++;
            }));
        }
        for (SimThread t : threads) {
            t.join();
        }
        assertEquals(5_000, finished[0]);
        assertTrue(sim.threads().isEmpty());
        assertTrue(sim.now() < 200 * MS);
    }
}
