package portolan.sandbox.stack;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import portolan.sandbox.wire.TcpSegmentView;

/**
 * A ReceiveQueue is a socket's receive buffer: the bytes that arrived in order and the
 * application has not read yet. It keeps them as read-only slices of the segments they came in
 * (an arriving packet's bytes never change), so arrival copies nothing and read() copies once,
 * into the caller's array — where a contiguous buffer would copy every byte twice and, on a
 * burst of segments, grow by doubling.
 */
final class ReceiveQueue {
    /** The slices, oldest first; null while empty and never used, or after {@link #releaseIfEmpty()}. */
    private ArrayDeque<ByteBuffer> slices;
    private int size;

    int size() {
        return size;
    }

    /** Appends {@code length} payload bytes of an arrived segment, from its payload byte {@code from}. */
    void add(TcpSegmentView segment, int from, int length) {
        if (length > 0) {
            append(segment.payloadSlice(from, length), length);
        }
    }

    /** Appends {@code length} bytes of {@code data} from {@code from}; {@code data} must not change afterwards. */
    void add(byte[] data, int from, int length) {
        if (length > 0) {
            append(ByteBuffer.wrap(data, from, length).asReadOnlyBuffer(), length);
        }
    }

    private void append(ByteBuffer slice, int length) {
        if (slices == null) {
            slices = new ArrayDeque<>();
        }
        slices.add(slice);
        size += length;
    }

    /** Removes up to {@code length} bytes into {@code target} at {@code offset}; returns how many. */
    int take(byte[] target, int offset, int length) {
        int n = 0;
        while (n < length && size > 0) {
            ByteBuffer first = slices.peekFirst();
            int k = Math.min(first.remaining(), length - n);
            first.get(target, offset + n, k);
            n += k;
            size -= k;
            if (!first.hasRemaining()) {
                slices.pollFirst();
            }
        }
        return n;
    }

    /** Drops the slice list of an empty queue that will take no more bytes (TIME-WAIT or CLOSED). */
    void releaseIfEmpty() {
        if (size == 0) {
            slices = null;
        }
    }
}
