package portolan.sandbox.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Same seed and code must give the same thread turns and fingerprint: twice in a row, with
 * virtual or platform threads, and on JDK 17 and JDK 25 (install/test.sh runs this on both, and
 * the golden fingerprint below is the same literal for both).
 */
class DeterminismTest {
    /**
     * The fingerprint of {@link #scenario} with seed 2024. If a deliberate change of the simulation
     * core alters the order of turns, update it and say why in the commit.
     */
    private static final String GOLDEN = "0efd310c652437b9";

    /**
     * A small server: an accept loop hands "connections" to a pre-started pool of 4 workers and
     * also starts a thread per connection for odd ones; clients arrive at random times; every
     * turn is logged with its virtual time and recorded in the trace.
     */
    private static Result scenario(long seed, boolean virtual) {
        try (Simulator sim = new Simulator(seed)) {
            sim.setVirtualThreads(virtual);
            List<String> log = new ArrayList<>();
            java.util.function.Consumer<String> record = what -> {
                String line = sim.now() + " " + sim.currentThread().name() + " " + what;
                log.add(line);
                sim.trace().record(sim.now(), sim.currentThread().name(), line.getBytes(StandardCharsets.UTF_8));
            };
            WaitQueue arrivals = new WaitQueue(sim, "accept()");
            WaitQueue work = new WaitQueue(sim, "the pool's task queue");
            List<Integer> backlog = new ArrayList<>();
            List<Integer> tasks = new ArrayList<>();
            RandomStream clientTimes = sim.random("clients");
            RandomStream serviceTimes = sim.random("service");
            for (int w = 0; w < 4; w++) {
                sim.spawn("host server", "pool-" + w, () -> {
                    while (true) {
                        work.awaitUntil(() -> !tasks.isEmpty());
                        int c = tasks.remove(0);
                        record.accept("serves " + c);
                        sim.sleep(1_000 + serviceTimes.nextInt(50_000));
                        record.accept("done " + c);
                    }
                });
            }
            sim.spawn("host server", "acceptor", () -> {
                for (int n = 0; n < 40; n++) {
                    arrivals.awaitUntil(() -> !backlog.isEmpty());
                    int c = backlog.remove(0);
                    record.accept("accepts " + c);
                    if (c % 2 == 1) {
                        sim.spawn("host server", "conn-" + c, () -> {
                            sim.sleep(serviceTimes.nextInt(30_000));
                            record.accept("handled " + c);
                        });
                    } else {
                        tasks.add(c);
                        work.signalOne();
                    }
                }
            });
            for (int c = 0; c < 40; c++) {
                int client = c;
                sim.schedule(clientTimes.nextInt(200_000), "client " + c, () -> {
                    backlog.add(client);
                    arrivals.signalAll();
                });
            }
            sim.runUntilIdle();
            return new Result(log, sim.trace().fingerprint(), sim.now());
        }
    }

    private static final class Result {
        final List<String> log;
        final String fingerprint;
        final long end;

        Result(List<String> log, String fingerprint, long end) {
            this.log = log;
            this.fingerprint = fingerprint;
            this.end = end;
        }
    }

    @Test
    void theSameSeedGivesTheSameRunTwice() {
        Result first = scenario(2024, true);
        Result second = scenario(2024, true);
        assertEquals(first.log, second.log);
        assertEquals(first.fingerprint, second.fingerprint);
        assertEquals(first.end, second.end);
        assertEquals(100, first.log.size(), "40 accepts, 20 pooled serves, 20 pooled dones, 20 handled by their own thread");
    }

    @Test
    void virtualAndPlatformThreadsGiveTheSameRun() {
        Result virtual = scenario(2024, true);
        Result platform = scenario(2024, false);
        assertEquals(virtual.log, platform.log);
        assertEquals(virtual.fingerprint, platform.fingerprint);
    }

    @Test
    void theRunMatchesTheGoldenFingerprintOnEveryJdk() {
        assertEquals(GOLDEN, scenario(2024, true).fingerprint.substring(0, 16));
    }

    @Test
    void anotherSeedGivesAnotherRun() {
        assertNotEquals(scenario(2024, true).fingerprint, scenario(2025, true).fingerprint);
    }
}
