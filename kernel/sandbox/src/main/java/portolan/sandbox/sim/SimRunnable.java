package portolan.sandbox.sim;

/**
 * The body of a simulated thread: like {@link Runnable}, but it may throw, so socket code in a
 * notebook needs no try/catch noise. What it throws is reported as the thread's failure.
 */
@FunctionalInterface
public interface SimRunnable {
    /** Runs the thread's code; blocking sandbox calls inside it wait in virtual time only. */
    void run() throws Exception;
}
