package portolan.sandbox.sim;

import java.util.List;

/**
 * A blocking call can never return: no event is scheduled and no simulated thread can run, so
 * nothing will ever satisfy what the caller waits for. Thrown to the caller instead of hanging;
 * the message lists every waiter and what it waits for.
 */
public final class SimulationDeadlockException extends SimulationException {
    private static final long serialVersionUID = 1L;

    private final List<String> waiters;

    SimulationDeadlockException(String message, long virtualTime, List<String> waiters) {
        super(message, virtualTime, null);
        this.waiters = List.copyOf(waiters);
    }

    /** One line per waiter, "who waits for: what", the caller first, then threads in creation order. */
    public List<String> waiters() {
        return waiters;
    }
}
