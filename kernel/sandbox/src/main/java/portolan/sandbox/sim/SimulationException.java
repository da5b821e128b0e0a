package portolan.sandbox.sim;

/**
 * A run of the simulation ended abnormally: a simulated thread or an event threw, the step limit
 * was reached, or one of the subclasses' situations occurred. The message names the thread, the
 * event place and the virtual time; the cause, if any, is what the user code threw.
 */
public class SimulationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long virtualTime;

    /** Creates an exception raised at the given virtual time (nanoseconds). */
    public SimulationException(String message, long virtualTime, Throwable cause) {
        super(message, cause);
        this.virtualTime = virtualTime;
    }

    /** Virtual time, in nanoseconds, at which the run ended. */
    public long virtualTime() {
        return virtualTime;
    }
}
