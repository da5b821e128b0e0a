package portolan.sandbox.sim;

/**
 * The hook through which a front end (e.g. the Portolan kernel) learns that a simulation run
 * started and ended, to show a progress bar for long runs. The sandbox only announces runs on
 * the driving thread; it never waits for the listener's answer about time, so a listener cannot
 * change what the simulation does (determinism). A listener that wants live progress reads
 * {@link Simulator#now()} from its own thread, throttled by real time on its side.
 */
public final class Progress {

    /** Receives run starts and ends; called on the thread driving the run. Must return quickly. */
    public interface Listener {
        void started(Run run);

        void ended(Run run);
    }

    /**
     * One run: {@code from} and {@code until} are virtual times ({@code until} is
     * {@code Long.MAX_VALUE} for runs without a deadline, such as {@code runUntilIdle()}).
     */
    public record Run(Simulator simulator, String purpose, long from, long until) {
    }

    private static volatile Listener listener;

    private Progress() {
    }

    /** Installs the listener (null removes it). */
    public static void setListener(Listener l) {
        listener = l;
    }

    static Run started(Simulator sim, String purpose, long until) {
        Listener l = listener;
        if (l == null) {
            return null;
        }
        Run run = new Run(sim, purpose, sim.now(), until);
        try {
            l.started(run);
        } catch (RuntimeException ignored) {
            // A broken listener must not break the simulation.
        }
        return run;
    }

    static void ended(Run run) {
        Listener l = listener;
        if (l == null || run == null) {
            return;
        }
        try {
            l.ended(run);
        } catch (RuntimeException ignored) {
            // Same as above.
        }
    }
}
