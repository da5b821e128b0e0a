package portolan.sandbox.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Simulated virtual threads run on a carrier thread of their simulation's own where java.lang is
 * open to the sandbox (this module's tests open it, as the kernel's worker does), on the JDK's
 * shared scheduler where it is not, and on platform threads on JDK 17 or when asked.
 */
class OwnCarrierTest {

    private static final boolean VIRTUAL = Runtime.version().feature() >= 21;
    private static final boolean OPEN = Thread.class.getModule().isOpen("java.lang", OwnCarrierTest.class.getModule());

    @Test
    void threadCarriersSaysWhatRunsSimulatedThreads() {
        try (Simulator sim = new Simulator(1)) {
            String expected = !VIRTUAL ? "platform threads"
                    : OPEN ? "virtual threads on a carrier thread of their own"
                    : "virtual threads on the JDK's shared scheduler";
            assertEquals(expected, sim.threadCarriers());
            sim.setVirtualThreads(false);
            assertEquals("platform threads", sim.threadCarriers());
        }
    }

    @Test
    void everySimulatedThreadRunsOnTheCarrierNamedByThreadCarriers() {
        List<String> seen = new ArrayList<>();
        try (Simulator sim = new Simulator(2)) {
            for (int i = 0; i < 3; i++) {
                sim.spawn("t" + i, () -> {
                    seen.add(Thread.currentThread().toString());
                    sim.sleep(Duration.ofMillis(1));
                    seen.add(Thread.currentThread().toString());
                });
            }
            sim.runUntilIdle();
            assertEquals(6, seen.size(), seen.toString());
            for (String thread : seen) {
                // A virtual thread's toString ends with "@" and the name of the carrier it is on.
                if (sim.threadCarriers().equals("virtual threads on a carrier thread of their own")) {
                    assertTrue(thread.endsWith("@portolan-sim-carrier"), thread);
                } else if (VIRTUAL) {
                    assertTrue(thread.contains("@ForkJoinPool"), thread);
                } else {
                    assertTrue(thread.contains("portolan-sim"), thread);
                }
            }
        }
    }
}
