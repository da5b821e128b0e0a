package portolan.sandbox.stack;

/**
 * A ByteQueue is a growable first-in first-out run of bytes: a socket's send buffer (bytes not
 * yet acknowledged), contiguous so that a segment's data is read from it in one piece.
 */
final class ByteQueue {
    private static final byte[] NONE = {};

    /**
     * Storage that ended connections of one stack gave back, for the next ones: a busy server
     * opens thousands of connections a second, each writing a response of similar size, and a
     * reused array costs neither the allocation nor the zeroing nor the garbage collector's work.
     * Only the bytes a queue wrote itself are ever read from its array, so reuse is invisible.
     */
    static final class Spares {
        /**
         * At most this many bytes are kept. Connections often end and start in waves (a thousand
         * clients connect at the same instant, a server answers them all, then they all close), so
         * a few arrays would not bridge them; this bound keeps a wave of 10 KB responses.
         */
        private static final long KEPT_BYTES = 8L << 20;
        private byte[][] arrays = new byte[4][];
        private int count;
        private long bytes;

        /** A spare array of at least {@code length} bytes (the newest one given back), or null. */
        private byte[] take(int length) {
            if (count > 0 && arrays[count - 1].length >= length) {
                byte[] a = arrays[--count];
                arrays[count] = null;
                bytes -= a.length;
                return a;
            }
            return null;
        }

        private void giveBack(byte[] array) {
            if (bytes + array.length <= KEPT_BYTES) {
                if (count == arrays.length) {
                    arrays = java.util.Arrays.copyOf(arrays, count * 2);
                }
                arrays[count++] = array;
                bytes += array.length;
            }
        }
    }

    private final Spares spares;
    /** Allocated (or taken from {@link #spares}) on the first add, sized to it (a server's whole response, often). */
    private byte[] data = NONE;
    private int head;
    private int size;

    ByteQueue(Spares spares) {
        this.spares = spares;
    }

    int size() {
        return size;
    }

    void add(byte[] bytes, int offset, int length) {
        makeRoom(length);
        System.arraycopy(bytes, offset, data, head + size, length);
        size += length;
    }

    private void makeRoom(int length) {
        if (head + size + length > data.length) {
            if (size + length <= data.length / 2) {
                System.arraycopy(data, head, data, 0, size);
            } else {
                byte[] spare = data == NONE ? spares.take(size + length) : null;
                byte[] bigger = spare != null ? spare : new byte[Math.max(Math.max(data.length * 2, 256), size + length)];
                System.arraycopy(data, head, bigger, 0, size);
                data = bigger;
            }
            head = 0;
        }
    }

    /** The backing array, for a reader that copies {@code array()[offset(from) ...]} at once (it changes on add). */
    byte[] array() {
        return data;
    }

    /** Where byte {@code from} of the queue sits in {@link #array()}. */
    int offset(int from) {
        return head + from;
    }

    /** Copies {@code length} bytes starting {@code from} bytes after the head, without removing them. */
    byte[] copy(int from, int length) {
        byte[] out = new byte[length];
        System.arraycopy(data, head + from, out, 0, length);
        return out;
    }

    /**
     * Drops the storage of an empty queue that will take no more bytes (a connection in TIME-WAIT
     * or CLOSED): TIME-WAIT lasts 2×MSL, and a busy server's thousands of such connections would
     * otherwise keep every response's buffer alive for the garbage collector to copy.
     */
    void releaseIfEmpty() {
        if (size == 0) {
            if (data != NONE) {
                spares.giveBack(data);
            }
            data = NONE;
            head = 0;
        }
    }

    void remove(int n) {
        head += n;
        size -= n;
        if (size == 0) {
            head = 0;
        }
    }
}
