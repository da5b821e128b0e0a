package portolan.sandbox.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PoolAndQueueTest {
    private static final long MS = SimTime.MILLISECOND;
    private final Simulator sim = new Simulator(11);
    private final List<String> log = new ArrayList<>();

    @AfterEach
    void closeSimulation() {
        sim.close();
    }

    private void note(String what) {
        log.add(sim.now() / MS + " " + sim.currentThread().name() + " " + what);
    }

    @Test
    void anAcceptLoopHandsConnectionsToAPreStartedPool() {
        SimQueue<Integer> accepted = new SimQueue<>(sim, "accept backlog");
        SimThreadPool pool = new SimThreadPool(sim, "host server", "worker", 2);
        sim.spawn("host server", "acceptor", () -> {
            for (int i = 0; i < 4; i++) {
                int connection = accepted.take();
                note("accepts " + connection);
                pool.submit(() -> {
                    note("serves " + connection);
                    sim.sleep(10 * MS);
                    note("done " + connection);
                });
            }
            pool.shutdown();
        });
        for (int c = 0; c < 4; c++) {
            int connection = c;
            sim.schedule(c * MS, "SYN " + c, () -> accepted.offer(connection));
        }
        pool.awaitTermination();
        assertEquals(List.of(
                "0 acceptor accepts 0", "0 worker-1 serves 0",
                "1 acceptor accepts 1", "1 worker-2 serves 1",
                "2 acceptor accepts 2",
                "3 acceptor accepts 3",
                "10 worker-1 done 0", "10 worker-1 serves 2",
                "11 worker-2 done 1", "11 worker-2 serves 3",
                "20 worker-1 done 2", "21 worker-2 done 3"), log);
        assertEquals(0, pool.queued());
        assertThrows(IllegalStateException.class, () -> pool.submit(() -> { }));
    }

    @Test
    void aBoundedQueueMakesProducersWait() {
        SimQueue<String> queue = new SimQueue<>(sim, "jobs", 2);
        sim.spawn("producer", () -> {
            for (int i = 0; i < 4; i++) {
                queue.put("job" + i);
                note("put job" + i);
            }
        });
        sim.spawn("consumer", () -> {
            sim.sleep(5 * MS);
            for (int i = 0; i < 4; i++) {
                note("took " + queue.take());
                sim.sleep(MS);
            }
        });
        sim.runUntilIdle();
        assertEquals(List.of("0 producer put job0", "0 producer put job1", "5 consumer took job0", "5 producer put job2",
                "6 consumer took job1", "6 producer put job3", "7 consumer took job2", "8 consumer took job3"), log);
        assertTrue(queue.isEmpty());
    }

    @Test
    void pollWithTimeoutGivesUpInVirtualTime() {
        SimQueue<String> queue = new SimQueue<>(sim, "replies");
        assertNull(queue.poll());
        assertNull(queue.poll(3 * MS), "from outside the poll drives the simulation until its timeout");
        assertEquals(3 * MS, sim.now());
        sim.schedule(MS, "reply", () -> queue.offer("pong"));
        assertEquals("pong", queue.poll(10 * MS));
        assertEquals(4 * MS, sim.now());
        assertThrows(IllegalArgumentException.class, () -> queue.offer(null));
        SimulationDeadlockException e = assertThrows(SimulationDeadlockException.class, queue::take);
        assertTrue(e.getMessage().contains("take() on queue 'replies' waiting for an element"), e.getMessage());
    }

    @Test
    void aLazilyDescribedQueueMakesItsDescriptionOnlyForAReport() {
        int[] made = {0};
        WaitQueue queue = new WaitQueue(sim, () -> {
            made[0]++;
            return "host server: read() on 10.0.0.1:80 waiting for data";
        });
        sim.spawn("host server", "reader", () -> queue.await());
        sim.schedule(MS, "signal", queue::signalAll);
        sim.spawn("host server", "sleeper", () -> queue.await());
        sim.runFor(MS);
        assertEquals(0, made[0], "waiting and signalling never print the description");
        sim.spawn("host server", "waiter", () -> queue.await());
        sim.runUntilIdle();
        assertEquals(0, made[0]);
        SimulationDeadlockException e = assertThrows(SimulationDeadlockException.class, queue::await);
        assertTrue(e.getMessage().contains("'waiter' on host server waits for: host server: read() on 10.0.0.1:80 "
                + "waiting for data"), e.getMessage());
        assertEquals(1, made[0], "made once, then kept");
        assertEquals("host server: read() on 10.0.0.1:80 waiting for data", queue.description());
        assertEquals(1, made[0]);
        WaitQueue blank = new WaitQueue(sim, () -> " ");
        assertThrows(IllegalArgumentException.class, blank::description);
    }

    @Test
    void aFailingTaskIsReportedWithItsWorker() {
        SimThreadPool pool = new SimThreadPool(sim, "host server", "handler", 1);
        pool.execute(() -> {
            throw new IllegalStateException("bad request");
        });
        SimulationException e = assertThrows(SimulationException.class, sim::runUntilIdle);
        assertTrue(e.getMessage().contains("simulated thread 'handler-1' on host server threw"), e.getMessage());
    }

    @Test
    void theVirtualClockStartsAtTheFixedEpoch() {
        assertEquals(Instant.parse("2024-03-01T00:00:00Z"), Instant.now(sim.clock()));
        sim.runFor(90 * 60 * SimTime.SECOND + 1_500 * MS);
        assertEquals(Instant.parse("2024-03-01T01:30:01.500Z"), sim.clock().instant());
        assertEquals(LocalTime.of(10, 30, 1, 500_000_000), LocalTime.now(sim.clock().withZone(ZoneId.of("Asia/Seoul"))));
    }
}
