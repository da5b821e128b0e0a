package portolan.sandbox.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Carrier threads stay out of the thread group of the code driving the simulation. JDK 17's
 * JShell runs each snippet in a fresh group and joins every thread of it: a simulated server
 * blocked forever in accept() must not be among them, or the notebook cell never ends.
 */
class CarrierThreadGroupTest {

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aLongLivedSimulatedThreadIsNotInTheDriversGroup(boolean virtual) throws Exception {
        ThreadGroup drivers = new ThreadGroup("snippet group");
        AtomicReference<ThreadGroup> carrierGroup = new AtomicReference<>();
        int[] alive = {-1};
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread driver = new Thread(drivers, () -> {
            try (Simulator sim = new Simulator(5)) {
                sim.setVirtualThreads(virtual);
                sim.spawn("server", () -> {
                    carrierGroup.set(Thread.currentThread().getThreadGroup());
                    sim.sleep(Duration.ofHours(1)); // still alive when the driver looks
                });
                sim.runFor(Duration.ofMillis(1));
                Thread[] found = new Thread[drivers.activeCount() + 4];
                alive[0] = drivers.enumerate(found);
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "driver");
        driver.start();
        driver.join(10_000);
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        assertNotNull(carrierGroup.get(), "the simulated thread ran");
        assertNotSame(drivers, carrierGroup.get());
        assertEquals(1, alive[0], "only the driver itself is in its group");
    }
}
