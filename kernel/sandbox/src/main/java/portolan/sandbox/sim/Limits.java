package portolan.sandbox.sim;

import java.util.Locale;

/**
 * The tunable guards of a simulation: how many steps a run may take, how long the watchdog waits,
 * what carries simulated threads, and whether a failing simulated thread ends the run.
 */
final class Limits {
    static final long DEFAULT_STEP_LIMIT = 20_000_000L;
    static final long DEFAULT_INSTANT_STEP_LIMIT = 1_000_000L;
    static final long DEFAULT_WATCHDOG_NANOS = 2 * SimTime.SECOND;

    long stepLimit = DEFAULT_STEP_LIMIT;
    long instantStepLimit = DEFAULT_INSTANT_STEP_LIMIT;
    long watchdogNanos = DEFAULT_WATCHDOG_NANOS;
    boolean virtualThreads = RealThreads.virtualAvailable();
    boolean stopOnThreadFailure = true;

    /** The message for a run that hit a step limit. */
    String exceeded(String purpose, boolean perRun, long now) {
        if (perRun) {
            return "the simulation took " + String.format(Locale.ROOT, "%,d", stepLimit) + " steps (events and thread turns) during "
                    + purpose + " without finishing (virtual time now " + SimTime.format(now) + "). Something keeps "
                    + "scheduling work, e.g. a periodic timer or a thread looping with sleep(...): run for a fixed "
                    + "virtual time with runFor(...) instead, or raise the limit with setStepLimit(...)";
        }
        return "the simulation took " + String.format(Locale.ROOT, "%,d", instantStepLimit) + " steps at the same virtual instant "
                + SimTime.format(now) + " during " + purpose + ": something loops without letting virtual time pass "
                + "(events scheduled with delay 0 that reschedule themselves, or threads calling sleep(0) in a loop)";
    }
}
