package portolan.kernel.jshell;

/**
 * A GC-overhead limit for the worker, whose Serial collector has none (the Parallel collector's
 * {@code UseGCOverheadLimit}, {@code GCTimeLimit} and {@code GCHeapFreeLimit} do nothing for it,
 * on JDK 17 and 25 alike). A cell that keeps its heap nearly full while it makes some garbage
 * makes each full collection free a little, and the JVM's own OutOfMemoryError comes only after
 * minutes of collections (a 2 GB heap filled with one live object per nine dropped took 107 s).
 * So while a cell runs, a watcher samples the collectors every {@value #SAMPLE_MILLIS} ms; when
 * the last {@value #WINDOW_MILLIS} ms were at least {@value #TIME_PERCENT} % spent collecting
 * and less than {@value #FREE_PERCENT} % of the heap is free, it stops the cell, which then ends
 * with an OutOfMemoryError ("GC overhead limit exceeded", as the Parallel collector says).
 */
public final class GcOverhead {

    static final long SAMPLE_MILLIS = 250;
    static final long WINDOW_MILLIS = 3000;
    static final int TIME_PERCENT = 90;
    static final int FREE_PERCENT = 5;
    public static final String MESSAGE = "GC overhead limit exceeded";

    private static final Object LOCK = new Object();
    /** What stops the cell being watched; null between cells. */
    private static Runnable onLimit;
    private static Thread watcher;

    private GcOverhead() {
    }

    /** What a cell stopped by this limit says after its OutOfMemoryError. */
    public static String explanation() {
        return "Collecting garbage took over " + TIME_PERCENT + " % of the last " + WINDOW_MILLIS / 1000
                + " s, and the heap stayed full: the kernel stopped the cell.";
    }

    /** Watches the cell that starts now; {@code stop} is called at most once, from the watcher. */
    static void watch(Runnable stop) {
        synchronized (LOCK) {
            onLimit = stop;
            if (watcher == null) {
                watcher = new Thread(GcOverhead::watchLoop, "portolan-gc-overhead");
                watcher.setDaemon(true);
                watcher.start();
            }
            LOCK.notifyAll();
        }
    }

    /** The cell has ended. */
    static void unwatch() {
        synchronized (LOCK) {
            onLimit = null;
        }
    }

    private static void watchLoop() {
        int samples = (int) (WINDOW_MILLIS / SAMPLE_MILLIS) + 1;
        long[] wall = new long[samples];
        long[] collecting = new long[samples];
        while (true) {
            Runnable stop;
            try {
                synchronized (LOCK) {
                    while (onLimit == null) {
                        LOCK.wait();
                    }
                    stop = onLimit;
                }
                int taken = 0;
                while (true) {
                    Thread.sleep(SAMPLE_MILLIS);
                    synchronized (LOCK) {
                        if (onLimit != stop) {
                            break; // that cell has ended
                        }
                    }
                    int i = taken++ % samples;
                    wall[i] = System.nanoTime() / 1_000_000;
                    collecting[i] = FullHeap.collectionMillis();
                    if (taken < samples) {
                        continue;
                    }
                    int oldest = taken % samples;
                    long elapsed = wall[i] - wall[oldest];
                    long spent = collecting[i] - collecting[oldest];
                    if (spent * 100 >= elapsed * TIME_PERCENT && FullHeap.freeShare() * 100 < FREE_PERCENT) {
                        synchronized (LOCK) {
                            if (onLimit != stop) {
                                break;
                            }
                            onLimit = null;
                        }
                        stop.run();
                        break;
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | OutOfMemoryError e) {
                // A sample that could not be taken: watching starts again with the next one.
            }
        }
    }
}
