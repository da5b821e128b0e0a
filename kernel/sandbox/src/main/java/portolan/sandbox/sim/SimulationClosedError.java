package portolan.sandbox.sim;

/**
 * Thrown inside a simulated thread to unwind it when its simulation is closed (or was broken by
 * the watchdog). It is an {@link Error} so that ordinary {@code catch (Exception e)} blocks in user
 * code do not swallow it; every later blocking call throws it again.
 */
public final class SimulationClosedError extends Error {
    private static final long serialVersionUID = 1L;

    SimulationClosedError(String message) {
        super(message);
    }
}
