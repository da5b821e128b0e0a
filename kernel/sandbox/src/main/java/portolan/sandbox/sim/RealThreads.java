package portolan.sandbox.sim;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ThreadFactory;

/**
 * Creates the real Java threads that carry simulated threads: virtual threads where the running
 * JDK has them (21+), daemon platform threads otherwise.
 *
 * <p>The sandbox compiles with {@code --release 17}, where {@code Thread.ofVirtual()} does not
 * exist, so it is looked up once with method handles. Which kind carries a simulated thread never
 * changes a simulated result: only one simulated thread runs at a time and the baton decides which.
 */
final class RealThreads {
    /** {@code Thread.ofVirtual().factory()} on JDK 21+, null where virtual threads are missing. */
    private static final ThreadFactory VIRTUAL = lookUpVirtualFactory();

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

    /** An unstarted thread running {@code body}; virtual if asked for and available. */
    static Thread create(String name, Runnable body, boolean virtual) {
        Thread thread;
        if (virtual && VIRTUAL != null) {
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
