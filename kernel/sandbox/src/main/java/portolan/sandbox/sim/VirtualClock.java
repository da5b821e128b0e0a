package portolan.sandbox.sim;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A {@link Clock} that reads a simulation's virtual time, so user code can use
 * {@code Instant.now(clock)} or {@code LocalTime.now(clock)} and stay deterministic. Virtual time 0
 * is {@link SimTime#EPOCH}.
 */
final class VirtualClock extends Clock {
    private final Simulator simulator;
    private final ZoneId zone;

    VirtualClock(Simulator simulator, ZoneId zone) {
        this.simulator = simulator;
        this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
        return new VirtualClock(simulator, newZone);
    }

    @Override
    public Instant instant() {
        return SimTime.EPOCH.plusNanos(simulator.now());
    }

    @Override
    public long millis() {
        return instant().toEpochMilli();
    }

    @Override
    public String toString() {
        return "VirtualClock[" + instant() + ", " + zone + "]";
    }
}
