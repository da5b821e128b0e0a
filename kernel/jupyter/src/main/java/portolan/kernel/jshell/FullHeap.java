package portolan.kernel.jshell;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.function.Supplier;

/**
 * What the worker does when its heap runs out. After an {@link OutOfMemoryError} a full
 * collection tells whether the heap is free again (what filled it was garbage once the cell's
 * thread ended) or still (nearly) full, held by the user's variables. Then nothing more can run
 * in this worker: every allocation, even of the error's report, costs a full collection or
 * fails (with a full old generation the Serial collector cannot use its survivor spaces, and
 * memory let go there is no use either). So the worker does not try: it tells the kernel with a
 * message made in advance and ends ({@link #onExhausted}); the kernel reports it in the cell and
 * starts a fresh worker. Deciding that allocates nothing.
 */
public final class FullHeap {

    /** The message of an OutOfMemoryError for a full heap (not, say, an array larger than Java allows). */
    public static final String HEAP_SPACE = "Java heap space";

    private static final long MB = 1 << 20;
    /** How often and how long {@link #retrying} tries again. */
    static final long RETRY_MILLIS = 100;
    static final long RETRY_FOR_MILLIS = 30_000;

    /** What ends the worker when the heap stays full (figures in MB); it does not return. */
    interface Exhausted {
        void giveUp(long usedMegabytes, long maxMegabytes, boolean overhead);
    }

    private static volatile Exhausted onExhausted = (used, max, overhead) -> { };
    /** The assessment made right after the cell's own OutOfMemoryError, for its report. */
    private static volatile State assessed;
    /** The largest survivor space, which new objects cannot use; -1 until {@link #prepare}. */
    private static volatile long survivorBytes = -1;
    private static volatile GarbageCollectorMXBean[] collectors;

    private FullHeap() {
    }

    /** The heap after the collection that followed an OutOfMemoryError. */
    record State(long usedBytes, long maxBytes) {

        long usedMegabytes() {
            return Math.min(usedBytes, maxBytes) / MB;
        }

        long maxMegabytes() {
            return maxBytes / MB;
        }
    }

    /** A heap limit twice {@code maxMegabytes}, in the form -Xmx takes, rounded up to a power of two. */
    public static String largerLimit(long maxMegabytes) {
        long mb = Long.highestOneBit(Math.max(1, 2 * maxMegabytes - 1)) << 1;
        return mb >= 1024 ? "-Xmx" + mb / 1024 + "g" : "-Xmx" + mb + "m";
    }

    /** The line that says how to give the worker more heap. */
    public static String howToRaise(long maxMegabytes) {
        return "To give it more, set PORTOLAN_WORKER_OPTS=\"" + largerLimit(maxMegabytes) + "\" in the environment"
                + " Jupyter starts from (or in the kernelspec's env) and restart the kernel; see the README.";
    }

    /**
     * Looks the survivor spaces and the collectors up ahead of need (a warm-up step: the
     * management classes take some megabytes, which a full heap does not have to spare).
     */
    static void prepare() {
        if (collectors == null) {
            long survivors = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP && pool.getName().contains("Survivor")) {
                    survivors = Math.max(survivors, Math.max(0, pool.getUsage().getMax()));
                }
            }
            survivorBytes = survivors;
            collectors = ManagementFactory.getGarbageCollectorMXBeans().toArray(new GarbageCollectorMXBean[0]);
        }
    }

    /** What to do when the heap stays full: tell the kernel and end (see {@link WorkerMain}). */
    static void onExhausted(Exhausted action) {
        onExhausted = action;
    }

    /**
     * After an OutOfMemoryError ({@code overhead}: after the {@link GcOverhead} limit): a full
     * collection, then how full the heap still is. When it is exhausted, the worker ends here.
     */
    static State assess(boolean overhead) {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        long max = rt.maxMemory() - survivor(rt);
        if (exhausted(used, max)) {
            onExhausted.giveUp(Math.min(used, max) / MB, max / MB, overhead);
        }
        return new State(used, max);
    }

    /** {@link #assess} right where a snippet's OutOfMemoryError is caught, kept for its report. */
    static void assessSnippet() {
        assessed = assess(false);
    }

    /** The assessment {@link #assessSnippet()} made, once; else a new one. */
    static State assessment() {
        State state = assessed;
        assessed = null;
        return state != null ? state : assess(false);
    }

    /**
     * Whether too little is free to go on: less than an eighth of the heap, at most 64 MB
     * (compiling and running a small cell needs some megabytes).
     */
    private static boolean exhausted(long used, long max) {
        return max - used < Math.min(64 * MB, max / 8);
    }

    /**
     * The part of Runtime's heap figures new objects cannot use: they count one survivor space,
     * which only a young collection fills, and a full old generation rules those out (JDK 25's
     * Serial collector leaves it empty after a full collection: the heap looked 3 % free when
     * nothing could be allocated). Before {@link #prepare} has run, a twentieth of the heap (with
     * Serial's default sizes it is a thirtieth).
     */
    private static long survivor(Runtime rt) {
        return survivorBytes >= 0 ? survivorBytes : rt.maxMemory() / 20;
    }

    /** The share of the heap new objects can use that is free now; allocates nothing. */
    static double freeShare() {
        Runtime rt = Runtime.getRuntime();
        long max = rt.maxMemory() - survivor(rt);
        return Math.max(0, max - (rt.totalMemory() - rt.freeMemory())) / (double) max;
    }

    /** Milliseconds all collectors have spent collecting so far. */
    static long collectionMillis() {
        GarbageCollectorMXBean[] all = collectors;
        if (all == null) {
            prepare();
            all = collectors;
        }
        long total = 0;
        for (GarbageCollectorMXBean gc : all) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    /**
     * Runs {@code work} for a thread of the worker's own (reading requests, sending replies);
     * while it runs out of memory, runs it again every {@value #RETRY_MILLIS} ms, for at most
     * {@value #RETRY_FOR_MILLIS} ms, and then lets the error go. A cell that fills the heap
     * ends by its own OutOfMemoryError soon, which frees what the cell alone held or ends the
     * worker; while it runs, the heap being full says nothing about the variables.
     */
    static <T> T retrying(Supplier<T> work) {
        for (long waited = 0; ; waited += RETRY_MILLIS) {
            try {
                return work.get();
            } catch (OutOfMemoryError e) {
                if (waited >= RETRY_FOR_MILLIS) {
                    throw e;
                }
            }
            try {
                Thread.sleep(RETRY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return work.get();
            }
        }
    }

    /** {@link #retrying(Supplier)} for work without a result. */
    static void retrying(Runnable work) {
        retrying(() -> {
            work.run();
            return null;
        });
    }
}
