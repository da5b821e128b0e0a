package portolan.sandbox.sim;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Creates the real Java threads that carry simulated threads: virtual threads where the running
 * JDK has them (21+), daemon platform threads otherwise.
 *
 * <p>The sandbox compiles with {@code --release 17}, where {@code Thread.ofVirtual()} does not
 * exist, so it is looked up once with method handles. Which kind carries a simulated thread never
 * changes a simulated result: only one simulated thread runs at a time and the baton decides which.
 *
 * <p><b>A carrier of its own.</b> Virtual threads normally run on the JDK's shared scheduler, a
 * fork-join pool with one carrier per core. Each hand-off of the baton then wakes a second carrier
 * that finds nothing to do, because the thread handing over parks right after; on two cores that
 * cost about a fifth of the TCP benchmark's throughput. So where the JDK lets us (it has no public
 * API for it: the worker JVM opens {@code java.base/java.lang}, as a program can with
 * {@code --add-opens java.base/java.lang=ALL-UNNAMED}), each simulation's virtual threads get one
 * platform carrier thread of their own ({@link #newCarrier()}), which runs the next simulated
 * thread as soon as the previous one parks. Virtual threads the user starts outside the sandbox
 * keep the shared scheduler and all cores. Where access is refused, the shared scheduler carries
 * simulated threads as before, with the same results.
 */
final class RealThreads {
    /** {@code Thread.ofVirtual().factory()} on JDK 21+, null where virtual threads are missing. */
    private static final ThreadFactory VIRTUAL = lookUpVirtualFactory();

    /** The JDK's virtual-thread builder constructor that takes a scheduler, if this code may call it. */
    private static final Constructor<?> SCHEDULED_BUILDER = lookUpScheduledBuilder();
    /** {@code Thread.Builder.unstarted(Runnable)}, for builders made with {@link #SCHEDULED_BUILDER}. */
    private static final MethodHandle UNSTARTED = SCHEDULED_BUILDER == null ? null : lookUpUnstarted();

    /** How long an idle carrier of a simulation waits for work before its thread ends. */
    private static final long CARRIER_IDLE_SECONDS = 5;

    /**
     * The group of every platform carrier thread, a child of the top-level group. Why not the
     * creator's group: JDK 17's JShell local engine runs each snippet in a fresh group and, after
     * starting it, joins every thread it finds in that group; a carrier created there before the
     * enumeration (a race a loaded machine wins) blocks forever in a wait nothing satisfies, so the
     * cell would never end.
     */
    private static final ThreadGroup PLATFORM_GROUP = new ThreadGroup(topGroup(), "portolan-sim");

    private RealThreads() {
    }

    /** True if this JDK can create virtual threads. */
    static boolean virtualAvailable() {
        return VIRTUAL != null;
    }

    /** What carries simulated threads, in words (see {@code Simulator.threadCarriers()}). */
    static String describe(boolean virtual) {
        if (!virtual || VIRTUAL == null) {
            return "platform threads";
        }
        return UNSTARTED != null ? "virtual threads on a carrier thread of their own"
                : "virtual threads on the JDK's shared scheduler";
    }

    /**
     * A carrier for one simulation's virtual threads: a single daemon platform thread, started on
     * demand and ended after a few idle seconds, so a simulation nobody closes leaves no thread.
     * Null where virtual threads cannot have a carrier of their own (JDK 17, java.lang not open).
     */
    static ExecutorService newCarrier() {
        if (UNSTARTED == null) {
            return null;
        }
        return new ThreadPoolExecutor(0, 1, CARRIER_IDLE_SECONDS, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread t = new Thread(PLATFORM_GROUP, task, "portolan-sim-carrier", 0);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * An unstarted thread running {@code body}: virtual if asked for and available, on
     * {@code carrier} when that is not null (see {@link #newCarrier()}), else a platform thread.
     */
    static Thread create(String name, Runnable body, boolean virtual, Executor carrier) {
        Thread thread;
        if (virtual && carrier != null && UNSTARTED != null) {
            try {
                thread = (Thread) UNSTARTED.invoke(SCHEDULED_BUILDER.newInstance(carrier), body);
            } catch (Throwable e) {
                throw new IllegalStateException("could not create a virtual thread on the simulation's carrier", e);
            }
        } else if (virtual && VIRTUAL != null) {
            thread = VIRTUAL.newThread(body);
        } else {
            thread = new Thread(PLATFORM_GROUP, body, name, 0);
            thread.setDaemon(true); // a forgotten simulation must never keep the JVM alive
        }
        thread.setName(name);
        return thread;
    }

    /** The group carrier threads are made in (platform threads only). */
    static ThreadGroup platformGroup() {
        return PLATFORM_GROUP;
    }

    private static ThreadGroup topGroup() {
        ThreadGroup g = Thread.currentThread().getThreadGroup();
        while (g.getParent() != null) {
            g = g.getParent();
        }
        return g;
    }

    /**
     * {@code java.lang.ThreadBuilders.VirtualThreadBuilder(Executor)}, the constructor the JDK's own
     * tests use to give virtual threads a scheduler; null where it is missing or not open to us.
     */
    private static Constructor<?> lookUpScheduledBuilder() {
        if (VIRTUAL == null) {
            return null;
        }
        try {
            Constructor<?> c = Class.forName("java.lang.ThreadBuilders$VirtualThreadBuilder")
                    .getDeclaredConstructor(Executor.class);
            c.setAccessible(true);
            return c;
        } catch (ReflectiveOperationException | RuntimeException closed) {
            return null; // java.lang is not open to this code (InaccessibleObjectException), or another JDK
        }
    }

    private static MethodHandle lookUpUnstarted() {
        try {
            Class<?> builder = Class.forName("java.lang.Thread$Builder");
            return MethodHandles.publicLookup().findVirtual(builder, "unstarted",
                    MethodType.methodType(Thread.class, Runnable.class));
        } catch (ReflectiveOperationException | RuntimeException missing) {
            return null;
        }
    }

    private static ThreadFactory lookUpVirtualFactory() {
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> builder = Class.forName("java.lang.Thread$Builder");
            Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder$OfVirtual");
            MethodHandle newBuilder = lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(ofVirtual));
            MethodHandle factory = lookup.findVirtual(builder, "factory", MethodType.methodType(ThreadFactory.class));
            return (ThreadFactory) factory.invoke(newBuilder.invoke());
        } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException missing) {
            return null; // JDK 17-20 without virtual threads: platform threads carry simulated threads
        } catch (UnsupportedOperationException previewOnly) {
            return null; // JDK 19/20 without --enable-preview
        } catch (Throwable unexpected) {
            return null;
        }
    }
}
