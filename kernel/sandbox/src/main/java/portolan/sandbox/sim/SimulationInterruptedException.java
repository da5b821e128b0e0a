package portolan.sandbox.sim;

/**
 * A run was stopped from outside: the driving thread was interrupted (e.g. the notebook's
 * interrupt button) or {@link Simulator#stop()} was called. The simulation stays consistent and
 * can be run again; threads blocked in it stay blocked where they were.
 */
public final class SimulationInterruptedException extends SimulationException {
    private static final long serialVersionUID = 1L;

    SimulationInterruptedException(String message, long virtualTime) {
        super(message, virtualTime, null);
    }

    SimulationInterruptedException(String message, long virtualTime, Throwable cause) {
        super(message, virtualTime, cause);
    }
}
