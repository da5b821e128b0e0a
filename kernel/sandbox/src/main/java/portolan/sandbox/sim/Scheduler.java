package portolan.sandbox.sim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Runs a simulation's events and simulated threads one at a time by passing a baton between real
 * threads (the KENS / desim pattern).
 *
 * <p>Exactly one strand holds the baton: the {@link Driver} (the outside thread running the
 * simulation) or one {@link SimThread}. Whoever holds it and must wait runs {@link #pickNext()}
 * itself: it fires due events until some strand is runnable, then hands the baton straight to that
 * strand ({@code holder = next; unpark(next)}) and parks. Runnable strands wait in a FIFO, so the
 * order of turns depends only on the order of wake-ups, never on the JVM's thread scheduling; a
 * thread whose own wake-up comes first simply continues without any switch. Passing between
 * simulated threads directly (not through the driver) keeps a switch to one unpark and one park,
 * which virtual threads do without the operating system.
 *
 * <p>Memory visibility: every hand-off writes the volatile {@link #holder} before unparking and
 * the receiver reads it after parking, so all simulation state written by one holder is visible
 * to the next.
 */
final class Scheduler {
    /** The simulated thread running on the current real thread, if any (whatever its simulation). */
    private static final ThreadLocal<SimThread> CURRENT = new ThreadLocal<>();

    private final Simulator sim;
    private final ArrayDeque<Strand> ready = new ArrayDeque<>();
    /** Live simulated threads by creation index: ordered, for reports and close(). */
    private final TreeMap<Long, SimThread> live = new TreeMap<>();
    private final Object entry = new Object();
    private final AtomicLong progress = new AtomicLong();
    /** How long a stop waits for the baton holder's next step before interrupting it (real time). */
    static final long STOP_GRACE_NANOS = 200_000_000L;
    final Limits limits;

    volatile Strand holder;
    private Driver driver;
    private volatile boolean stopRequested;
    /** The first failure of the current run, reported to the driver. */
    private SimulationException pending;
    private final List<SimulationException> failures = new ArrayList<>();
    /** Non-null once the watchdog gave up: the reason, repeated by every later call. */
    private volatile String broken;
    private volatile boolean closing;
    private boolean closed;
    private Strand closer;
    /** The run whose condition the holder is checking, or null; blocking there is a bug (see inside()). */
    private Driver checking;
    /** The event the holder is running, or null; blocking there is a bug (see inside()). */
    private Event firing;

    private long steps;
    private long switches;
    private long runStartSteps;
    private long instant = -1;
    private long instantSteps;
    private long nextThreadIndex;
    /** The platform thread under this simulation's virtual threads, made at the first one (see RealThreads). */
    private ExecutorService carrier;

    Scheduler(Simulator sim) {
        this.sim = sim;
        this.limits = new Limits();
    }

    // ---- spawning and waking ----------------------------------------------------------------

    SimThread spawn(String place, String name, SimRunnable body) {
        SimThread thread = new SimThread(sim, nextThreadIndex++, place, name, body);
        live.put(thread.index, thread);
        makeReady(thread);
        return thread;
    }

    /** Makes a waiting strand runnable at the current time (its queue already dropped it). */
    void wake(Strand strand) {
        strand.waitingOn = null;
        strand.waitReason = null;
        strand.waitCondition = null;
        if (strand.timeout != null) {
            strand.timeout.cancel();
            strand.timeout = null;
        }
        makeReady(strand);
    }

    /**
     * Queues a strand to run at the current instant. It takes a sequence number from the same
     * counter as events, so thread turns and same-time events share one (time, sequence) order.
     */
    private void makeReady(Strand strand) {
        strand.readySequence = sim.nextSequence();
        ready.add(strand);
    }

    private void timeOut(Strand strand) {
        strand.timeout = null;
        if (pending == null && Diagnostics.conditionHolds(strand)) {
            // The state it waits for changed earlier without a signal: it would wake only now, too late.
            pending = Diagnostics.missedSignal(strand, sim.now());
        }
        if (strand.waitingOn != null) {
            strand.waitingOn.waiters.remove(strand);
        }
        strand.timedOut = true;
        wake(strand);
    }

    // ---- blocking ---------------------------------------------------------------------------

    /**
     * Blocks the caller until {@code queue} signals it or the timeout passes (queue null: only the
     * timeout, i.e. a sleep). Returns true if signalled. A simulated caller yields the baton; an
     * outside caller drives the simulation until it is woken.
     */
    boolean await(WaitQueue queue, Object reason, long timeoutNanos, BooleanSupplier condition) {
        SimThread me = currentSimThread();
        if (me != null) {
            checkMayBlock(me, reason);
            register(me, queue, reason, timeoutNanos);
            me.waitCondition = condition;
            block(me);
            return !me.timedOut;
        }
        Driver d = newDriver("a wait for " + reason, Long.MAX_VALUE, null);
        enter(d);
        try {
            register(d, queue, reason, timeoutNanos);
        } catch (RuntimeException e) {
            leave(d);
            throw e;
        }
        drive(d, true);
        return !d.timedOut;
    }

    /** Lets every other runnable thread take a turn first (sleep(0) in a simulated thread). */
    void yieldTurn(SimThread me) {
        checkMayBlock(me, "yield");
        makeReady(me);
        block(me);
    }

    private void register(Strand me, WaitQueue queue, Object reason, long timeoutNanos) {
        me.timedOut = false;
        me.waitReason = reason;
        me.waitingOn = queue;
        if (queue != null) {
            queue.waiters.add(me);
        }
        if (timeoutNanos != Long.MAX_VALUE) {
            me.timeout = sim.scheduleAt(SimTime.plus(sim.now(), timeoutNanos), queue == null ? "wake-up" : "timeout",
                    () -> timeOut(me));
        }
    }

    private void checkMayBlock(SimThread me, Object reason) {
        if (me.killed || broken != null) {
            throw closedError(me);
        }
        String where = inside();
        if (where != null) {
            throw Diagnostics.blockedInside("a blocking call (" + reason + ")", where);
        }
    }

    /** The simulated thread {@code me} holds the baton and has registered its wait: give the baton up. */
    private void block(SimThread me) {
        Strand next = pickNext();
        if (next != me) {
            handTo(next);
            awaitBaton(me);
        }
        if (me.killed || broken != null) {
            throw closedError(me);
        }
    }

    private SimulationClosedError closedError(SimThread me) {
        return new SimulationClosedError(me.describe() + " cannot continue: " + (broken != null
                ? "the simulation was stopped by its watchdog: " + broken : "the simulation was closed"));
    }

    // ---- the step loop ----------------------------------------------------------------------

    /**
     * Fires due events until a strand can run, and returns it; returns the driver (with its
     * outcome set) when the run must end. Called only by the baton holder.
     */
    private Strand pickNext() {
        Driver d = driver;
        while (true) {
            if (d.outcome != null) {
                return d;
            }
            if (stopRequested || d.thread.isInterrupted()) {
                d.outcome = Driver.Outcome.STOPPED;
                return d;
            }
            if (pending == null && d.condition != null && conditionHolds(d)) {
                d.outcome = Driver.Outcome.CONDITION;
                return d;
            }
            if (pending != null) { // a thread, an event or the condition threw
                d.outcome = Driver.Outcome.FAILED;
                return d;
            }
            if (steps - runStartSteps >= limits.stepLimit || instantSteps >= limits.instantStepLimit) {
                d.outcome = Driver.Outcome.LIMIT;
                d.message = limits.exceeded(d.purpose, steps - runStartSteps >= limits.stepLimit, sim.now());
                return d;
            }
            Strand next = ready.peek();
            if (next != null && !sim.eventDueBefore(next.readySequence)) {
                ready.poll();
                if (next == d) {
                    d.outcome = Driver.Outcome.WOKEN;
                    return d;
                }
                countStep();
                return next;
            }
            Event event = sim.pollDue(d.limit);
            if (event == null) { // (a ready thread always comes before this point: its turn is due now)
                d.outcome = Driver.Outcome.IDLE;
                return d;
            }
            countStep();
            fire(event);
        }
    }

    private boolean conditionHolds(Driver d) {
        checking = d;
        try {
            return d.condition.getAsBoolean();
        } catch (RuntimeException | Error e) {
            rethrowIfAsync(e);
            pending = Diagnostics.failure("the condition of " + d.purpose, e, sim.now());
            return false;
        } finally {
            checking = null;
        }
    }

    private void fire(Event event) {
        firing = event; // inside() words it only if someone blocks there: no string per event
        try {
            event.fire();
        } catch (RuntimeException | Error e) {
            rethrowIfAsync(e);
            pending = Diagnostics.failure("the event '" + event.place() + "'", e, event.time());
        } finally {
            firing = null;
        }
    }

    /** What the holder is doing inside the sandbox (a condition, an event), or null. */
    private String inside() {
        Driver d = checking;
        if (d != null) {
            return "the condition of " + d.purpose;
        }
        Event event = firing;
        return event == null ? null : "the event '" + event.place() + "'";
    }

    @SuppressWarnings("removal")
    private static void rethrowIfAsync(Throwable e) {
        if (e instanceof ThreadDeath) { // Thread.stop from the kernel's interrupt on JDK 17
            throw (ThreadDeath) e;
        }
    }

    private void countStep() {
        steps++;
        progress.lazySet(steps);
        long now = sim.now();
        if (now == instant) {
            instantSteps++;
        } else {
            instant = now;
            instantSteps = 0;
        }
    }

    // ---- the baton --------------------------------------------------------------------------

    private void handTo(Strand next) {
        switches++;
        if (next.thread == null) { // a simulated thread's first turn: create its real thread now
            SimThread t = (SimThread) next;
            if (carrier == null && limits.virtualThreads) {
                carrier = RealThreads.newCarrier(); // null where virtual threads cannot have one
            }
            t.thread = RealThreads.create("sim " + t.name(), () -> runThread(t), limits.virtualThreads, carrier);
            holder = t;
            t.thread.start();
        } else {
            holder = next;
            LockSupport.unpark(next.thread);
        }
    }

    private void awaitBaton(SimThread me) {
        boolean interrupted = false;
        while (holder != me && broken == null) {
            LockSupport.park(this);
            if (Thread.interrupted()) { // simulated threads wait in virtual time only; keep the flag for later
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The driver waits for the baton; the watchdog bounds how long the holder may keep it. */
    private void awaitBaton(Driver d) {
        while (holder != d) {
            d.watchdog.pause(this);
            if (Thread.interrupted()) {
                d.interrupted = true;
                stopRequested = true; // the holder notices at its next step and hands the baton back
            }
            if (holder != d && d.watchdog.expired(progress.get())) {
                breakByWatchdog(d);
            } else if (stopRequested && !d.nudged && holder instanceof SimThread stuck
                    && d.watchdog.stalledFor(STOP_GRACE_NANOS)) {
                // Asked to stop, but the holder has taken no step for a while: it is in real code (a
                // real sleep or wait), where no step comes. Interrupt it once, as a program stopping
                // a thread would, so it can unwind and hand the baton back; the simulation stays usable.
                d.nudged = true;
                stuck.thread.interrupt();
            }
        }
    }

    private void breakByWatchdog(Driver d) {
        Strand stuck = holder;
        String message = Diagnostics.watchdog(stuck, firing, limits.watchdogNanos);
        broken = message;
        d.outcome = Driver.Outcome.WATCHDOG;
        d.message = message;
        holder = d; // take the baton back; the simulation refuses further use from now on
        stuck.thread.interrupt(); // ends a real sleep or wait so the stuck code can unwind
    }

    /** Body of the real thread carrying a simulated thread. */
    private void runThread(SimThread t) {
        CURRENT.set(t);
        awaitBaton(t);
        Throwable thrown = null;
        try {
            if (!t.killed && broken == null) {
                t.markStarted();
                t.body.run();
            }
        } catch (SimulationClosedError unwound) {
            // closed or broken: not the thread's fault
        } catch (Throwable e) {
            thrown = e;
        } finally {
            CURRENT.remove();
        }
        terminate(t, thrown);
    }

    private void terminate(SimThread t, Throwable thrown) {
        if (broken != null) {
            return; // the baton was taken away; nothing here may touch the simulation
        }
        live.remove(t.index);
        if (closing) {
            t.markTerminated(null);
            Strand back = closer;
            holder = back;
            LockSupport.unpark(back.thread);
            return;
        }
        t.markTerminated(thrown);
        if (thrown != null) {
            SimulationException failure = Diagnostics.failure(t.describe(), thrown, sim.now());
            failures.add(failure);
            if (limits.stopOnThreadFailure && pending == null) {
                pending = failure;
            }
        }
        handTo(pickNext());
    }

    // ---- driving from outside ---------------------------------------------------------------

    Driver newDriver(String purpose, long limit, BooleanSupplier condition) {
        return new Driver(Thread.currentThread(), purpose, limit, condition, limits.watchdogNanos);
    }

    /** Makes {@code d} the driver and baton holder, or says clearly why this thread may not run the simulation. */
    void enter(Driver d) {
        synchronized (entry) {
            ensureUsable();
            if (driver != null && driver.thread == d.thread) {
                String where = inside();
                throw Diagnostics.blockedInside(d.purpose, where != null ? where : driver.purpose);
            }
            SimThread caller = CURRENT.get();
            if (caller != null) {
                throw Diagnostics.drivenFromSimThread(caller, d.purpose, caller.simulator == sim);
            }
            if (driver != null) {
                throw Diagnostics.busy("run " + d.purpose, "thread '" + driver.thread.getName() + "' (" + driver.purpose + ")");
            }
            driver = d;
            holder = d;
            stopRequested = false;
            runStartSteps = steps;
            instantSteps = 0;
        }
    }

    /**
     * Runs the simulation on the driver's thread until the driver's goal is reached, then returns
     * the outcome; throws for abnormal outcomes (and for IDLE if {@code idleIsDeadlock}).
     */
    Driver.Outcome drive(Driver d, boolean idleIsDeadlock) {
        RuntimeException failure;
        try {
            Strand next;
            while ((next = pickNext()) != d) {
                handTo(next);
                awaitBaton(d);
            }
            failure = failureOf(d, idleIsDeadlock);
        } catch (Throwable asyncStop) { // Thread.stop or an error while the baton was elsewhere
            if (holder != d) {
                stopRequested = true;
                awaitBaton(d);
            }
            SimulationException stuck = takeNudgedFailure(d);
            if (stuck != null) {
                asyncStop.addSuppressed(stuck);
            }
            throw asyncStop;
        } finally {
            leave(d);
        }
        if (failure != null) {
            throw failure;
        }
        return d.outcome;
    }

    private RuntimeException failureOf(Driver d, boolean idleIsDeadlock) {
        long now = sim.now();
        switch (d.outcome) {
            case STOPPED:
                boolean interrupted = d.interrupted || Thread.interrupted();
                if (interrupted) {
                    Thread.currentThread().interrupt(); // keep the interrupt visible to the caller's code
                }
                return Diagnostics.stopped(d, interrupted, now, takeNudgedFailure(d));
            case FAILED:
                SimulationException failed = pending;
                pending = null;
                return failed;
            case LIMIT:
                return new SimulationException(d.message, now, null);
            case WATCHDOG:
                return new SimulationWatchdogException(d.message, now);
            case IDLE:
                return idleIsDeadlock ? Diagnostics.deadlock(d, live.values(), now) : null;
            default:
                return null;
        }
    }

    /**
     * How the thread a stop interrupted in real code ended (see {@link #awaitBaton(Driver)}), taken
     * so that it is told as part of this stop, not as a failure of the next run; null if none.
     */
    private SimulationException takeNudgedFailure(Driver d) {
        if (!d.nudged || pending == null) {
            return null;
        }
        SimulationException stuck = pending;
        pending = null;
        return stuck;
    }

    private void leave(Driver d) {
        if (d.waitingOn != null) {
            d.waitingOn.waiters.remove(d);
            d.waitingOn = null;
        }
        if (d.timeout != null) {
            d.timeout.cancel();
            d.timeout = null;
        }
        if (d.outcome != Driver.Outcome.WOKEN) {
            ready.remove(d); // woken, but the run ended for another reason first
        }
        synchronized (entry) {
            driver = null;
            holder = null;
            stopRequested = false;
        }
    }

    /** Asks the current run, if any, to end at its next step; enter() clears a stale request. */
    void stop() {
        stopRequested = true;
    }

    // ---- queries and closing ----------------------------------------------------------------

    /** The calling simulated thread of this simulation, or null for any other thread. */
    SimThread currentSimThread() {
        Strand h = holder;
        if (h instanceof SimThread && h.thread == Thread.currentThread()) {
            return (SimThread) h;
        }
        SimThread mine = CURRENT.get();
        return mine != null && mine.simulator == sim ? mine : null;
    }

    /** Throws unless the calling thread may touch simulation state now; {@code what} is printed only then. */
    void checkAccess(String action, Object what) {
        Strand h = holder;
        if (h != null && h.thread != Thread.currentThread()) {
            throw Diagnostics.busy(action + " '" + what + "'", h == driver ? "thread '" + h.thread.getName() + "'" : h.describe());
        }
    }

    void ensureUsable() {
        if (broken != null) {
            throw new IllegalStateException("this simulation was stopped by its watchdog and cannot continue "
                    + "deterministically; build a new network. Reason: " + broken);
        }
        if (closed || closing) {
            throw new IllegalStateException("this simulation was closed; build a new network");
        }
    }

    List<SimulationException> failures() {
        return List.copyOf(failures);
    }

    List<SimThread> liveThreads() {
        return List.copyOf(live.values());
    }

    long steps() {
        return steps;
    }

    long switches() {
        return switches;
    }

    /**
     * Ends every simulated thread: each receives {@link SimulationClosedError} at its blocking call
     * and unwinds (its finally blocks run, one thread at a time), then its real thread ends.
     */
    void close() {
        Driver me;
        synchronized (entry) {
            if (closed) {
                return;
            }
            if (driver != null || CURRENT.get() != null) {
                throw new IllegalStateException("close() was called while the simulation is running (thread '"
                        + Thread.currentThread().getName() + "'); stop or interrupt the run first");
            }
            closing = true;
            me = newDriver("close()", Long.MAX_VALUE, null);
            closer = me;
            holder = me;
        }
        List<Thread> realThreads = new ArrayList<>();
        try {
            while (broken == null && !live.isEmpty()) {
                SimThread t = live.firstEntry().getValue();
                if (t.thread == null) { // never ran: nothing to unwind
                    live.remove(t.index);
                    t.markTerminated(null);
                    continue;
                }
                realThreads.add(t.thread);
                t.killed = true;
                holder = t;
                LockSupport.unpark(t.thread);
                awaitBaton(me);
            }
            for (SimThread t : live.values()) { // broken: the baton protocol no longer holds; just wake all
                t.killed = true;
                if (t.thread != null) {
                    realThreads.add(t.thread);
                    LockSupport.unpark(t.thread);
                }
            }
        } finally {
            closed = true;
            closing = false;
            ready.clear();
            sim.dropEvents();
            holder = null;
        }
        for (Thread real : realThreads) {
            me.watchdog.join(real);
        }
        if (carrier != null) {
            carrier.shutdown(); // its thread ends once the unwound threads have finished on it
        }
    }
}
