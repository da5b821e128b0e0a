package portolan.sandbox.sim;

import java.util.function.BooleanSupplier;

/**
 * Something that can hold the simulation's baton: a {@link SimThread} or the {@link Driver} (the
 * outside thread running the simulation). Holds what it currently waits for, so deadlock reports
 * can name it. All fields are guarded by the baton: only its holder reads or writes them.
 */
abstract class Strand {
    /** The real thread; for a simulated thread null until its first turn. */
    Thread thread;
    /** Queue this strand sits in while waiting, or null. */
    WaitQueue waitingOn;
    /** What it waits for (its {@code toString()} says it in words); null while runnable or running. */
    Object waitReason;
    /** The condition an awaitUntil re-checks after waking, or null; used to spot missing signals. */
    BooleanSupplier waitCondition;
    /** Pending timeout of the current wait, or null. */
    Event timeout;
    /** Position in the shared (time, sequence) order while in the ready queue. */
    long readySequence;
    /** True if the last wait ended by its timeout instead of a signal. */
    boolean timedOut;

    /** Who this is, for messages: "simulated thread 'worker-3' on host server". */
    abstract String describe();
}
