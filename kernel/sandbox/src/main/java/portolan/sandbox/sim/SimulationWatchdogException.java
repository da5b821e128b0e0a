package portolan.sandbox.sim;

/**
 * A simulated thread (or an event) kept the simulation for longer than the watchdog threshold of
 * real time without coming back to the sandbox, typically because it called real
 * {@code Thread.sleep}, a real {@code java.net} socket, or loops without end. The simulation
 * cannot continue deterministically after this and refuses further use.
 */
public final class SimulationWatchdogException extends SimulationException {
    private static final long serialVersionUID = 1L;

    SimulationWatchdogException(String message, long virtualTime) {
        super(message, virtualTime, null);
    }
}
