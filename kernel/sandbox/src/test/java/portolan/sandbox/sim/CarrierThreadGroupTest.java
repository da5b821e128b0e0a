package portolan.sandbox.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Platform carriers of simulated threads live outside the thread group of the code that drives
 * the simulation: JShell's local engine joins every thread of a cell's group, so a simulated
 * server parked forever in accept() would otherwise keep a notebook cell from ever finishing.
 */
class CarrierThreadGroupTest {

    @Test
    void aSimulatedThreadParkedForeverIsNotInTheDriversThreadGroup() throws Exception {
        ThreadGroup cell = new ThreadGroup("a notebook cell");
        List<String> inCellGroup = new ArrayList<>();
        Throwable[] failure = new Throwable[1];
        Thread driver = new Thread(cell, () -> {
            try (Simulator sim = new Simulator(3).setVirtualThreads(false)) {
                WaitQueue never = new WaitQueue(sim, "a connection that never comes");
                sim.spawn("host server", "accept-loop", () -> never.awaitUntil(() -> false));
                sim.runFor(SimTime.MILLISECOND); // the carrier starts and parks
                Thread[] threads = new Thread[cell.activeCount() + 8];
                int n = cell.enumerate(threads, true);
                Arrays.stream(threads, 0, n).filter(Objects::nonNull).map(Thread::getName).forEach(inCellGroup::add);
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "cell");
        driver.start();
        driver.join(10_000);
        assertEquals(null, failure[0]);
        assertEquals(List.of("cell"), inCellGroup, "only the driver itself belongs to the cell's group");
        assertNotNull(RealThreads.carrierGroup().getParent());
        assertEquals(null, RealThreads.carrierGroup().getParent().getParent(), "carriers hang off the root group");
    }
}
