package portolan.sandbox.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Platform carriers of simulated threads live outside the group of the thread that started
 * them, so a notebook engine that joins every thread of a cell's group (JShell's local engine on
 * JDK 17) is not held up by a simulated server that waits for good.
 */
class CarrierGroupTest {

    @Test
    void aLongLivedSimulatedThreadIsNotCountedInTheStartingThreadsGroup() throws Exception {
        ThreadGroup cellGroup = new ThreadGroup("a notebook cell");
        AtomicReference<Thread> carrier = new AtomicReference<>();
        try (Simulator sim = new Simulator(5).setVirtualThreads(false)) {
            WaitQueue never = new WaitQueue(sim, "a request that never comes");
            Thread cell = new Thread(cellGroup, () -> {
                sim.spawn("server", () -> {
                    carrier.set(Thread.currentThread());
                    never.awaitUntil(() -> false); // like a web server blocked in accept()
                });
                sim.runFor(1_000_000);
            }, "cell");
            cell.start();
            cell.join(10_000);
            assertNotNull(carrier.get(), "the simulated thread ran");
            assertTrue(carrier.get().isAlive(), "the simulated server still waits, as a daemon does");
            assertNotSame(cellGroup, carrier.get().getThreadGroup());
            Thread[] counted = new Thread[cellGroup.activeCount() + 1];
            assertEquals(0, cellGroup.enumerate(counted), "the cell's group holds no carrier");
            assertEquals(RealThreads.topGroup(), carrier.get().getThreadGroup().getParent());
        }
    }
}
