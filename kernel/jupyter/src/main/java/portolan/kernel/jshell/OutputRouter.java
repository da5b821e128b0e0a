package portolan.kernel.jshell;

import com.google.gson.JsonObject;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * The worker's {@code System.out} and {@code System.err}: installed once at start, it tags
 * every byte with the cell that printed it and sends text to the kernel in batches (every
 * 50 ms, at 64 KiB, or when a cell ends), never one message per {@code println}.
 *
 * <p>The cell comes from an inheritable thread-local, so threads a cell starts keep printing
 * into that cell even after it has finished. Pool threads (fork/join) outlive any one cell, so
 * they print into the cell that is running. Order is kept: one buffer of segments for both
 * streams, and one lock around taking and sending.
 */
final class OutputRouter {

    /** Output tagged with this cell id is dropped (user_expressions must have no output). */
    static final long DISCARD = -1;
    /** Output printed outside any cell (e.g. by the worker itself) goes to the kernel's log. */
    static final long NO_CELL = 0;

    static final int FLUSH_BYTES = 64 * 1024;
    static final long FLUSH_MILLIS = 50;

    private static final InheritableThreadLocal<Long> CELL = new InheritableThreadLocal<>();

    private final WorkerChannel channel;
    private final Object lock = new Object();
    private final Object sendLock = new Object();
    private final List<Segment> pending = new ArrayList<>();
    private int pendingBytes;
    private boolean flushSoon;
    private volatile long runningCell = NO_CELL;

    final PrintStream out;
    final PrintStream err;

    private OutputRouter(WorkerChannel channel) {
        this.channel = channel;
        this.out = new PrintStream(new Sink("stdout"), false, StandardCharsets.UTF_8);
        this.err = new PrintStream(new Sink("stderr"), false, StandardCharsets.UTF_8);
    }

    /** Creates the router, makes it {@code System.out}/{@code System.err} and starts its flusher. */
    static OutputRouter install(WorkerChannel channel) {
        OutputRouter router = new OutputRouter(channel);
        System.setOut(router.out);
        System.setErr(router.err);
        Thread flusher = new Thread(router::flushLoop, "portolan-output-flusher");
        flusher.setDaemon(true);
        flusher.start();
        return router;
    }

    /** Marks the calling thread (and threads it starts from now on) as working for {@code cell}. */
    static void bindCurrentThread(long cell) {
        CELL.set(cell);
    }

    /** The cell the calling thread prints into. */
    long cellOfCurrentThread() {
        Thread t = Thread.currentThread();
        Long cell = CELL.get();
        if (cell == null || t instanceof ForkJoinWorkerThread) {
            return runningCell;
        }
        return cell;
    }

    void cellStarted(long cell) {
        runningCell = cell;
    }

    void cellEnded() {
        runningCell = NO_CELL;
    }

    private void append(String name, byte[] b, int off, int len) {
        long cell = cellOfCurrentThread();
        if (cell == DISCARD || len == 0) {
            return;
        }
        boolean full;
        synchronized (lock) {
            Segment last = pending.isEmpty() ? null : pending.get(pending.size() - 1);
            if (last == null || last.cell != cell || !last.name.equals(name)) {
                last = new Segment(cell, name);
                pending.add(last);
            }
            last.append(b, off, len);
            pendingBytes += len;
            full = pendingBytes >= FLUSH_BYTES;
            if (!full && !flushSoon) {
                flushSoon = true;
                lock.notifyAll();
            }
        }
        if (full) {
            flush();
        }
    }

    /** Sends everything printed so far, in order; returns when it has been handed to the channel. */
    void flush() {
        synchronized (sendLock) {
            List<Segment> batch;
            synchronized (lock) {
                if (pending.isEmpty()) {
                    return;
                }
                batch = new ArrayList<>(pending);
                pending.clear();
                pendingBytes = 0;
                // An incomplete UTF-8 sequence at the very end waits for its remaining bytes.
                Segment last = batch.get(batch.size() - 1);
                Segment tail = last.splitIncompleteTail();
                if (tail != null) {
                    pending.add(tail);
                    pendingBytes = tail.length;
                }
            }
            for (Segment s : batch) {
                if (s.length == 0) {
                    continue;
                }
                JsonObject m = WorkerProtocol.message(WorkerProtocol.STREAM);
                m.addProperty("cell", s.cell);
                m.addProperty("name", s.name);
                m.addProperty("text", new String(s.bytes, 0, s.length, StandardCharsets.UTF_8));
                try {
                    channel.send(m);
                } catch (RuntimeException kernelGone) {
                    return;
                }
            }
        }
    }

    private void flushLoop() {
        while (true) {
            try {
                synchronized (lock) {
                    while (!flushSoon) {
                        lock.wait();
                    }
                }
                Thread.sleep(FLUSH_MILLIS);
                synchronized (lock) {
                    flushSoon = false;
                }
                flush();
            } catch (InterruptedException e) {
                return;
            } catch (Throwable e) {
                // OutOfMemoryError in a cell can hit this thread too; it must keep running.
                synchronized (lock) {
                    flushSoon = false;
                }
            }
        }
    }

    /** Asks the flusher to send soon (an explicit {@code flush()} by user code). */
    private void requestFlush() {
        synchronized (lock) {
            if (!flushSoon && !pending.isEmpty()) {
                flushSoon = true;
                lock.notifyAll();
            }
        }
    }

    /** A run of bytes printed to one stream for one cell. */
    private static final class Segment {
        final long cell;
        final String name;
        byte[] bytes = new byte[256];
        int length;

        Segment(long cell, String name) {
            this.cell = cell;
            this.name = name;
        }

        void append(byte[] b, int off, int len) {
            if (length + len > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + len));
            }
            System.arraycopy(b, off, bytes, length, len);
            length += len;
        }

        /** Removes and returns a trailing incomplete UTF-8 sequence, or returns null. */
        Segment splitIncompleteTail() {
            int start = length - 1;
            int back = 0;
            while (start >= 0 && back < 3 && (bytes[start] & 0xC0) == 0x80) {
                start--;
                back++;
            }
            if (start < 0) {
                return null;
            }
            int lead = bytes[start] & 0xFF;
            int need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
            if (length - start >= need) {
                return null;
            }
            Segment tail = new Segment(cell, name);
            tail.append(bytes, start, length - start);
            length = start;
            return tail;
        }
    }

    /** The byte sink behind one of the two print streams. */
    private final class Sink extends OutputStream {
        private final String name;

        Sink(String name) {
            this.name = name;
        }

        @Override
        public void write(int b) {
            append(name, new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            append(name, b, off, len);
        }

        @Override
        public void flush() {
            requestFlush();
        }
    }
}
