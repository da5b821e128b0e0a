package portolan.sandbox.sim;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The messages of the simulation core, in one place: every failure names the thread, event or
 * call involved, the virtual time, and what to do instead, in words a learner can act on.
 */
final class Diagnostics {
    private Diagnostics() {
    }

    /** What {@code who} threw during a run, with the original as cause. */
    static SimulationException failure(String who, Throwable thrown, long now) {
        return new SimulationException(who + " threw " + thrown + " at virtual time " + SimTime.format(now), now, thrown);
    }

    static SimulationInterruptedException stopped(Driver d, boolean interrupted, long now) {
        return stopped(d, interrupted, now, null);
    }

    /**
     * As above; {@code stuck} is how the simulated thread ended that was running real code outside
     * the sandbox when the stop came, and was interrupted so the run could end (null if none).
     */
    static SimulationInterruptedException stopped(Driver d, boolean interrupted, long now, SimulationException stuck) {
        String stop = "the simulation was " + (interrupted ? "interrupted" : "stopped by stop()") + " during " + d.purpose
                + " at virtual time " + SimTime.format(now);
        String rest = "; it can be run again, and waiting threads keep waiting";
        if (stuck == null) {
            return new SimulationInterruptedException(stop + rest, now);
        }
        return new SimulationInterruptedException(stop + ". A simulated thread was running real code outside the "
                + "sandbox (a real sleep, wait or I/O), so it was interrupted: " + stuck.getMessage() + rest, now, stuck);
    }

    /** Nothing can happen any more: names the caller and every waiting thread (creation order). */
    static SimulationDeadlockException deadlock(Driver d, Collection<SimThread> live, long now) {
        List<String> waiters = new ArrayList<>();
        waiters.add(d.describe() + " waits for: " + (d.waitReason != null ? d.waitReason
                : "the condition of " + d.purpose + " to become true"));
        for (SimThread t : live) {
            if (t.waitReason != null) {
                waiters.add(t.describe() + " waits for: " + t.waitReason + (conditionHolds(t)
                        ? " (what it waits for has already happened, but nothing signalled it: a signalAll() is missing)" : ""));
            }
        }
        StringBuilder message = new StringBuilder("Nothing can happen any more in the simulation (virtual time ")
                .append(SimTime.format(now)).append("): no event is scheduled and no simulated thread can run, ")
                .append("so this call would wait forever.");
        for (String waiter : waiters) {
            message.append("\n  - ").append(waiter);
        }
        message.append("\nMake sure something will satisfy the wait: a host that sends, connects or closes, "
                + "a thread that signals or ends.");
        return new SimulationDeadlockException(message.toString(), now, waiters);
    }

    /** True if the strand waits in awaitUntil and its condition holds already (a throwing condition counts as false). */
    static boolean conditionHolds(Strand strand) {
        try {
            return strand.waitCondition != null && strand.waitCondition.getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** A waiter reached its timeout although its condition had become true earlier without a signal. */
    static SimulationException missedSignal(Strand strand, long now) {
        return new SimulationException(strand.describe() + " waited for: " + strand.waitReason + " until its timeout at "
                + SimTime.format(now) + ", although what it waits for had already happened: the code that changed the "
                + "state did not call signalAll() or signalOne() on that WaitQueue. Signal the queue right where the "
                + "state changes, or the waiter wakes late or never.", now, null);
    }

    /** The watchdog's report on the strand that kept the baton, with where it is stuck. */
    static String watchdog(Strand stuck, Event firing, long thresholdNanos) {
        String doing = stuck instanceof SimThread && firing == null
                ? "without waiting in the sandbox; it is probably blocked in real Thread.sleep(...), a real "
                  + "java.net socket, a real lock, or loops without end. Use the sandbox's sleep(...) and sockets instead"
                : "inside the event '" + (firing != null ? firing.place() : "?") + "', which never returned";
        StringBuilder message = new StringBuilder(stuck.describe()).append(" has been running for ")
                .append(SimTime.format(thresholdNanos)).append(" of real time ").append(doing).append(". It is at:");
        for (StackTraceElement frame : whereStuck(stuck.thread.getStackTrace())) {
            message.append("\n    at ").append(frame);
        }
        return message.toString();
    }

    /**
     * The interesting part of a stuck thread's stack: the JDK method the code called (e.g.
     * {@code Thread.sleep}, {@code ServerSocket.accept}) and the caller's frames below it, skipping
     * the JDK's internals above (virtual-thread parking, NIO), which say nothing to a learner.
     */
    static List<StackTraceElement> whereStuck(StackTraceElement[] stack) {
        int caller = 0;
        while (caller < stack.length && isJdk(stack[caller].getClassName())) {
            caller++;
        }
        int from = caller == stack.length ? 0 : Math.max(0, caller - 1);
        return List.of(stack).subList(from, Math.min(stack.length, from + 8));
    }

    private static boolean isJdk(String className) {
        return className.startsWith("java.") || className.startsWith("javax.") || className.startsWith("jdk.")
                || className.startsWith("sun.") || className.startsWith("com.sun.");
    }

    static IllegalStateException blockedInside(String call, String inside) {
        return new IllegalStateException(call + " was made inside " + inside
                + "; event handlers and runUntil conditions must never block or run the simulation");
    }

    static IllegalStateException drivenFromSimThread(SimThread caller, String purpose, boolean own) {
        return new IllegalStateException(caller.describe() + " tried to run " + purpose + (own
                ? "; a simulated thread cannot drive its own simulation: use sleep(...) or a WaitQueue to wait"
                : " of another simulation; a simulated thread may only use its own network"));
    }

    /** A second real thread tried to use the simulation while {@code running} has it. */
    static IllegalStateException busy(String action, String running) {
        return new IllegalStateException("thread '" + Thread.currentThread().getName() + "' tried to " + action
                + " while " + running + " is running the simulation; only one thread at a time may use a "
                + "simulation: start concurrent work with spawn(...) instead of a real Thread");
    }
}
