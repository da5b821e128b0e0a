package portolan.sandbox.sim;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * A discrete-event simulation: a virtual clock in integer nanoseconds, a queue of events ordered
 * by (time, sequence), seeded random streams, a trace fingerprint, and simulated threads running
 * ordinary blocking Java one at a time. Each network owns one; there is no global simulator.
 *
 * <p><b>Events.</b> {@link #schedule(long, String, Runnable)} queues an action; events of the same
 * time run in the order they were scheduled. Event actions are the stack's state machines: they
 * must never block.
 *
 * <p><b>Running.</b> Nothing happens until a thread outside the simulation (a notebook cell, a
 * test) runs it: {@link #runFor(long)}, {@link #runUntil(long)}, {@link #runUntilIdle()},
 * {@link #runUntil(BooleanSupplier, long)}, or any blocking call ({@link WaitQueue#await()},
 * {@link SimThread#join()}, {@link #sleep(long)}) made from outside, which runs the simulation
 * until it can return. Only one thread at a time may use a simulation; concurrent work is started
 * with {@link #spawn(String, String, SimRunnable)}.
 *
 * <p><b>Failing clearly.</b> A run throws {@link SimulationDeadlockException} when the caller waits
 * for something nothing can ever cause (naming every waiter), {@link SimulationException} when a
 * simulated thread or an event threw or a step limit was hit, {@link SimulationInterruptedException}
 * when interrupted or {@link #stop() stopped}, and {@link SimulationWatchdogException} when a
 * simulated thread blocked outside the sandbox (real {@code Thread.sleep}, real sockets).
 *
 * <p><b>Determinism.</b> Same seed and same code give the same events, the same thread turns and
 * the same trace fingerprint on every run and on JDK 17 (platform threads) and 21+ (virtual
 * threads): nothing here reads the wall clock except the watchdog, which only decides when to give
 * up waiting.
 */
public final class Simulator implements AutoCloseable {
    private final long seed;
    private final EventQueue events = new EventQueue();
    private final Map<String, Integer> streamsByName = new HashMap<>(); // looked up only, never iterated
    private final Trace trace = new Trace();
    private final Scheduler scheduler = new Scheduler(this);
    private long now;
    private long nextSequence;
    private int cancelledInQueue;

    /** Creates a simulation at virtual time 0 whose random streams all derive from {@code seed}. */
    public Simulator(long seed) {
        this.seed = seed;
    }

    /** The seed given at creation. */
    public long seed() {
        return seed;
    }

    /** Current virtual time in nanoseconds since the start of the simulation. */
    public long now() {
        return now;
    }

    /**
     * A {@link java.time.Clock} reading virtual time ({@link SimTime#EPOCH} + {@link #now()}) in
     * UTC, for user code that wants dates and times without breaking determinism.
     */
    public java.time.Clock clock() {
        return new VirtualClock(this, java.time.ZoneOffset.UTC);
    }

    // ---- events -----------------------------------------------------------------------------

    /**
     * Runs {@code action} after {@code delayNanos} of virtual time (0 = now, after what is already
     * queued for now). {@code place} says where it happens, for messages ("host laptop: ARP timeout").
     */
    public Event schedule(long delayNanos, String place, Runnable action) {
        if (delayNanos < 0) {
            throw new IllegalArgumentException("delay must not be negative, got " + delayNanos + " ns for '" + place + "'");
        }
        return scheduleAt(SimTime.plus(now, delayNanos), place, action);
    }

    /** Like {@link #schedule(long, String, Runnable)} with a {@link Duration}. */
    public Event schedule(Duration delay, String place, Runnable action) {
        return schedule(SimTime.nanos(delay), place, action);
    }

    /** Runs {@code action} at virtual time {@code time}, which must not be in the past. */
    public Event scheduleAt(long time, String place, Runnable action) {
        checkAccess("schedule an event", place);
        scheduler.ensureUsable();
        if (time < now) {
            throw new IllegalArgumentException("cannot schedule '" + place + "' at " + SimTime.format(time)
                    + ": virtual time is already " + SimTime.format(now));
        }
        if (place == null || action == null) {
            throw new IllegalArgumentException("an event needs a place and an action (got null)");
        }
        Event event = new Event(this, time, nextSequence(), place, action);
        events.add(event, now);
        return event;
    }

    /** Number of queued events that are not cancelled. */
    public int pendingEvents() {
        return events.size() - cancelledInQueue;
    }

    long nextSequence() {
        return nextSequence++;
    }

    /**
     * True if a live event is due now with a sequence below {@code sequence}: it was scheduled
     * before the ready thread with that sequence woke, so it runs first.
     */
    boolean eventDueBefore(long sequence) {
        Event next;
        while ((next = events.peek()) != null && next.isCancelled()) {
            events.poll();
            cancelledInQueue--;
        }
        return next != null && next.time() == now && next.sequence() < sequence;
    }

    /** Removes and returns the next live event due at or before {@code limit}, advancing the clock to it. */
    Event pollDue(long limit) {
        while (true) {
            Event next = events.peek();
            if (next == null || next.time() > limit) {
                return null;
            }
            events.poll();
            if (next.isCancelled()) {
                cancelledInQueue--;
                continue;
            }
            now = next.time();
            return next;
        }
    }

    /** Called by {@link Event#cancel()}; purges cancelled events once they are the majority. */
    void cancelled() {
        cancelledInQueue++;
        if (cancelledInQueue > 4096 && cancelledInQueue > events.size() / 2) {
            // (time, sequence) is a total order, so rebuilding the heap cannot change which event runs first.
            events.removeCancelled();
            cancelledInQueue = 0;
        }
    }

    void dropEvents() {
        events.clear();
        cancelledInQueue = 0;
    }

    // ---- running ----------------------------------------------------------------------------

    /** Runs everything due in the next {@code nanos} of virtual time; the clock then reads now + nanos. */
    public void runFor(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("cannot run for a negative time (" + nanos + " ns)");
        }
        runUntil(SimTime.plus(now, nanos), "runFor(" + SimTime.format(nanos) + ")");
    }

    /** Like {@link #runFor(long)} with a {@link Duration}. */
    public void runFor(Duration duration) {
        runFor(SimTime.nanos(duration));
    }

    /**
     * Runs every event due at or before {@code time} and every thread turn up to it, then sets the
     * clock to {@code time}. Threads still waiting afterwards simply keep waiting.
     */
    public void runUntil(long time) {
        if (time < now) {
            throw new IllegalArgumentException("cannot run until " + SimTime.format(time) + ": virtual time is already "
                    + SimTime.format(now));
        }
        runUntil(time, "runUntil(" + SimTime.format(time) + ")");
    }

    private void runUntil(long time, String purpose) {
        Progress.Run run = Progress.started(this, purpose, time);
        try {
            Driver driver = scheduler.newDriver(purpose, time, null);
            scheduler.enter(driver);
            if (scheduler.drive(driver, false) == Driver.Outcome.IDLE && time != Long.MAX_VALUE) {
                now = time;
            }
        } finally {
            Progress.ended(run);
        }
    }

    /**
     * Runs until no event is queued and no simulated thread can run. Threads blocked for good (a
     * server waiting in accept()) do not count: they are normal at the end of a scenario; see
     * {@link #threads()}. A periodic timer never lets the simulation become idle: the step limit
     * then ends the run with a message suggesting {@link #runFor(long)}.
     */
    public void runUntilIdle() {
        Progress.Run run = Progress.started(this, "runUntilIdle()", Long.MAX_VALUE);
        try {
            Driver driver = scheduler.newDriver("runUntilIdle()", Long.MAX_VALUE, null);
            scheduler.enter(driver);
            scheduler.drive(driver, false);
        } finally {
            Progress.ended(run);
        }
    }

    /**
     * Runs until {@code condition} holds (checked before every step, on the thread holding the
     * simulation; it must not block) or until {@code timeoutNanos} of virtual time passed. Returns
     * true if the condition holds, false on timeout, with the clock at the deadline.
     */
    public boolean runUntil(BooleanSupplier condition, long timeoutNanos) {
        if (condition == null || timeoutNanos < 0) {
            throw new IllegalArgumentException("runUntil needs a condition and a non-negative timeout");
        }
        long deadline = SimTime.plus(now, timeoutNanos);
        Driver driver = scheduler.newDriver("runUntil(condition, " + SimTime.format(timeoutNanos) + ")", deadline, condition);
        scheduler.enter(driver);
        Driver.Outcome outcome = scheduler.drive(driver, deadline == Long.MAX_VALUE);
        if (outcome == Driver.Outcome.CONDITION) {
            return true;
        }
        now = Math.max(now, deadline);
        return false;
    }

    /**
     * An outside caller's {@code awaitUntil}: runs until {@code condition} holds, re-checking it
     * after every step (so it needs no signal), or until the timeout ({@code Long.MAX_VALUE}: none,
     * and a deadlock report naming {@code waitingFor} if the simulation becomes idle).
     */
    boolean runUntil(BooleanSupplier condition, long timeoutNanos, String waitingFor) {
        long deadline = SimTime.plus(now, timeoutNanos);
        Driver driver = scheduler.newDriver("a wait for " + waitingFor, deadline, condition);
        driver.waitReason = waitingFor;
        scheduler.enter(driver);
        if (scheduler.drive(driver, deadline == Long.MAX_VALUE) == Driver.Outcome.CONDITION) {
            return true;
        }
        now = Math.max(now, deadline);
        return false;
    }

    /** Like {@link #runUntil(BooleanSupplier, long)} with a {@link Duration}. */
    public boolean runUntil(BooleanSupplier condition, Duration timeout) {
        return runUntil(condition, SimTime.nanos(timeout));
    }

    /**
     * Runs until {@code condition} holds; throws {@link SimulationDeadlockException} if the
     * simulation becomes idle first, since then nothing can ever make it true.
     */
    public void runUntil(BooleanSupplier condition) {
        if (condition == null) {
            throw new IllegalArgumentException("runUntil needs a condition (got null)");
        }
        Driver driver = scheduler.newDriver("runUntil(condition)", Long.MAX_VALUE, condition);
        scheduler.enter(driver);
        scheduler.drive(driver, true);
    }

    /**
     * Asks the run in progress, from any thread, to end at its next step with a
     * {@link SimulationInterruptedException}. Does nothing if no run is in progress.
     */
    public void stop() {
        scheduler.stop();
    }

    // ---- simulated threads ------------------------------------------------------------------

    /** Like {@link #spawn(String, String, SimRunnable)} without a place. */
    public SimThread spawn(String name, SimRunnable body) {
        return spawn(null, name, body);
    }

    /**
     * Starts a simulated thread named {@code name} running {@code body}. {@code place} (e.g. "host
     * server") appears in messages; it may be null. The thread takes its first turn after the
     * caller blocks or, from outside, at the next run; threads take turns in the order they became
     * runnable.
     */
    public SimThread spawn(String place, String name, SimRunnable body) {
        if (name == null || name.isBlank() || body == null) {
            throw new IllegalArgumentException("spawn needs a thread name and a body, e.g. spawn(\"worker-1\", () -> { ... })");
        }
        checkAccess("spawn simulated thread", name);
        scheduler.ensureUsable();
        return scheduler.spawn(place, name, body);
    }

    /**
     * Waits {@code nanos} of virtual time. In a simulated thread it blocks that thread while others
     * run; from outside it is {@link #runFor(long)}. {@code sleep(0)} in a simulated thread lets
     * every other runnable thread take a turn first.
     */
    public void sleep(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("cannot sleep a negative time (" + nanos + " ns)");
        }
        SimThread me = scheduler.currentSimThread();
        if (me == null) {
            runFor(nanos);
        } else if (nanos == 0) {
            scheduler.yieldTurn(me);
        } else {
            scheduler.await(null, new Sleep(nanos, SimTime.plus(now, nanos)), nanos, null);
        }
    }

    /** Like {@link #sleep(long)} with a {@link Duration}. */
    public void sleep(Duration duration) {
        sleep(SimTime.nanos(duration));
    }

    /** The simulated thread of this simulation calling this method, or null from outside. */
    public SimThread currentThread() {
        return scheduler.currentSimThread();
    }

    /** Simulated threads that have not ended, in creation order. */
    public List<SimThread> threads() {
        return scheduler.liveThreads();
    }

    /** Failures of simulated threads so far, each naming the thread, in the order they happened. */
    public List<SimulationException> failures() {
        return scheduler.failures();
    }

    // ---- randomness and trace ---------------------------------------------------------------

    /**
     * A new random stream for {@code component} (e.g. "host laptop/tcp-isn"), derived from the seed,
     * the name and how many streams of that name exist already: SHA-256 over (seed, name, count).
     * So adding or removing another component never changes this one's numbers.
     */
    public RandomStream random(String component) {
        if (component == null || component.isEmpty()) {
            throw new IllegalArgumentException("name the component that owns the random stream, e.g. \"host laptop\"");
        }
        int occurrence = streamsByName.merge(component, 1, Integer::sum) - 1;
        byte[] name = component.getBytes(StandardCharsets.UTF_8);
        ByteBuffer input = ByteBuffer.allocate(8 + name.length + 4).putLong(seed).put(name).putInt(occurrence);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(input.array());
            long start = ByteBuffer.wrap(hash).getLong();
            return new RandomStream(occurrence == 0 ? component : component + "#" + occurrence, start);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("this Java runtime has no SHA-256", impossible);
        }
    }

    /** The fingerprint sink of this simulation; the stack records every frame into it. */
    public Trace trace() {
        return trace;
    }

    // ---- configuration and statistics -------------------------------------------------------

    /** Steps (events fired plus thread turns) one run may take before failing; default 20,000,000. */
    public Simulator setStepLimit(long steps) {
        if (steps <= 0) {
            throw new IllegalArgumentException("the step limit must be positive, got " + steps);
        }
        scheduler.limits.stepLimit = steps;
        return this;
    }

    /** Steps allowed at one virtual instant within a run (catches zero-delay loops); default 1,000,000. */
    public Simulator setInstantStepLimit(long steps) {
        if (steps <= 0) {
            throw new IllegalArgumentException("the instant step limit must be positive, got " + steps);
        }
        scheduler.limits.instantStepLimit = steps;
        return this;
    }

    /** Real time a simulated thread may keep the simulation without a sandbox call; default 2 s. */
    public Simulator setWatchdog(Duration realTime) {
        long nanos = SimTime.nanos(realTime);
        if (nanos < 1_000_000L) {
            throw new IllegalArgumentException("the watchdog needs at least 1 ms of real time, got " + realTime);
        }
        scheduler.limits.watchdogNanos = nanos;
        return this;
    }

    /**
     * Whether simulated threads started from now on run on virtual threads (default: when the JDK
     * has them) or on platform threads. Results are identical either way; this exists for tests.
     */
    public Simulator setVirtualThreads(boolean virtual) {
        scheduler.limits.virtualThreads = virtual && RealThreads.virtualAvailable();
        return this;
    }

    /**
     * What carries new simulated threads: {@code "platform threads"}, {@code "virtual threads on
     * a carrier thread of their own"} (JDK 21+ where {@code java.base/java.lang} is open to the
     * sandbox, as in the kernel's worker) or {@code "virtual threads on the JDK's shared scheduler"}.
     * Results are the same; only the speed differs.
     */
    public String threadCarriers() {
        return RealThreads.describe(scheduler.limits.virtualThreads);
    }

    /** True if new simulated threads run on virtual threads. */
    public boolean usesVirtualThreads() {
        return scheduler.limits.virtualThreads;
    }

    /**
     * Whether an exception escaping a simulated thread ends the current run with a
     * {@link SimulationException} (default true) or is only recorded in {@link #failures()}.
     */
    public Simulator setStopOnThreadFailure(boolean stop) {
        scheduler.limits.stopOnThreadFailure = stop;
        return this;
    }

    /** Events fired and thread turns taken since creation. */
    public long steps() {
        return scheduler.steps();
    }

    /** Hand-offs of the baton between real threads since creation (a measure of switching cost). */
    public long switches() {
        return scheduler.switches();
    }

    /**
     * Ends every simulated thread (each unwinds with {@link SimulationClosedError} from its blocking
     * call), drops all events and waits for the real threads to finish. The simulation cannot be
     * used afterwards. Call it from outside, not during a run.
     */
    @Override
    public void close() {
        scheduler.close();
    }

    // ---- package plumbing -------------------------------------------------------------------

    Scheduler scheduler() {
        return scheduler;
    }

    /**
     * Throws unless the caller may touch simulation state; the message says "tried to {action}
     * '{what}'" ({@code what} is turned into text only for that message).
     */
    void checkAccess(String action, Object what) {
        scheduler.checkAccess(action, what);
    }

    /** What a sleeping thread waits for; its text is built only when someone reads it. */
    private static final class Sleep {
        private final long duration;
        private final long until;

        Sleep(long duration, long until) {
            this.duration = duration;
            this.until = until;
        }

        @Override
        public String toString() {
            return "sleep(" + SimTime.format(duration) + ") until " + SimTime.format(until);
        }
    }

    @Override
    public String toString() {
        return "Simulator[seed " + seed + ", virtual time " + SimTime.format(now) + ", " + pendingEvents()
                + " events queued, " + threads().size() + " simulated threads]";
    }
}
