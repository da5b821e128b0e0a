package portolan.sandbox.sim;

/**
 * An action scheduled at one instant of virtual time, identified by its place in the total
 * order (time, sequence) of a {@link Simulator}.
 *
 * <p>Events with the same time run in the order they were scheduled: the sequence number is
 * taken from a per-simulator counter at scheduling time (the ns-3 {@code (ts, uid)} key).
 * Cancelling only sets a flag; the event stays queued and is skipped when its time comes, so a
 * cancel is O(1) and never reorders anything.
 */
public final class Event implements Comparable<Event> {
    private static final byte PENDING = 0;
    private static final byte FIRED = 1;
    private static final byte CANCELLED = 2;

    private final Simulator simulator;
    private final long time;
    private final long sequence;
    private final String place;
    private final Runnable action;
    private byte state = PENDING;

    Event(Simulator simulator, long time, long sequence, String place, Runnable action) {
        this.simulator = simulator;
        this.time = time;
        this.sequence = sequence;
        this.place = place;
        this.action = action;
    }

    /** Virtual time in nanoseconds at which the action runs. */
    public long time() {
        return time;
    }

    /** Position among events of the same time; smaller runs first. */
    public long sequence() {
        return sequence;
    }

    /** Where the event happens, for messages and traces (e.g. "host laptop: TCP retransmit"). */
    public String place() {
        return place;
    }

    /**
     * Prevents the action from running. Returns false (and does nothing) if the event already ran
     * or was already cancelled.
     */
    public boolean cancel() {
        if (state != PENDING) {
            return false;
        }
        simulator.checkAccess("cancel event", place);
        state = CANCELLED;
        simulator.cancelled();
        return true;
    }

    /** True while the event is queued and neither ran nor was cancelled. */
    public boolean isPending() {
        return state == PENDING;
    }

    /** True if {@link #cancel()} took effect before the event ran. */
    public boolean isCancelled() {
        return state == CANCELLED;
    }

    /** Marks the event as run and runs its action; the simulator catches what it throws. */
    void fire() {
        state = FIRED;
        action.run();
    }

    @Override
    public int compareTo(Event other) {
        int byTime = Long.compare(time, other.time);
        return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
    }

    @Override
    public String toString() {
        String status = state == PENDING ? "pending" : state == FIRED ? "ran" : "cancelled";
        return "event #" + sequence + " at " + SimTime.format(time) + " (" + place + ", " + status + ")";
    }
}
