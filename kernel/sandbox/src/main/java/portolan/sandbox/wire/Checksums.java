package portolan.sandbox.wire;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Checksums computes the Internet checksum used by IPv4, ICMP, UDP and TCP: the 16-bit
 * ones'-complement of the ones'-complement sum of the data taken as 16-bit big-endian words
 * (RFC 1071), and its incremental update when one field changes (RFC 1624), which is what a
 * router needs after decrementing TTL and a NAT after rewriting an address or port.
 */
public final class Checksums {
    private static final VarHandle LITTLE_ENDIAN_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Checksums() {
    }

    /**
     * Adds {@code length} bytes of {@code data} from {@code offset} to a running 32-bit sum of
     * 16-bit words. An odd final byte is the high byte of a word padded with zero (RFC 1071
     * §4.1). The carries are folded only at the end, by {@link #finish}.
     */
    public static long sum(long partial, byte[] data, int offset, int length) {
        // Eight bytes (four words) at a time: the two 32-bit halves of a long are each congruent
        // to the sum of their two words modulo 0xffff, because 2^16 = 1 there (RFC 1071 §2(B),
        // deferred carries). Each addition is < 2^33, so the long cannot overflow for any array.
        // The longs are read little-endian, the order of the usual machines, which spares a
        // byte swap per read: the sum is byte-order independent (RFC 1071 §2(B)), so the
        // little-endian words' sum, folded to 16 bits and byte-swapped once, is congruent to the
        // big-endian one (and non-zero exactly when it is). Two independent sums over 16 bytes per round let the CPU
        // add in parallel; added together they are the same number as one sum over the same words.
        long swapped = 0;
        long other = 0;
        int end = offset + length;
        int i = offset;
        for (; i + 16 <= end; i += 16) {
            long v = (long) LITTLE_ENDIAN_LONG.get(data, i);
            long w = (long) LITTLE_ENDIAN_LONG.get(data, i + 8);
            swapped += (v >>> 32) + (v & 0xffffffffL);
            other += (w >>> 32) + (w & 0xffffffffL);
        }
        swapped += other;
        for (; i + 8 <= end; i += 8) {
            long v = (long) LITTLE_ENDIAN_LONG.get(data, i);
            swapped += (v >>> 32) + (v & 0xffffffffL);
        }
        while ((swapped >>> 16) != 0) {
            swapped = (swapped & 0xffff) + (swapped >>> 16);
        }
        long sum = (swapped & 0xff) << 8 | swapped >>> 8;
        for (; i + 1 < end; i += 2) {
            sum += (data[i] & 0xff) << 8 | (data[i + 1] & 0xff);
        }
        if (i < end) {
            sum += (data[i] & 0xff) << 8;
        }
        return partial + sum; // below 2^19, so chained sums stay small
    }

    /** Folds the carries of a running sum into 16 bits and complements it. */
    public static int finish(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }

    /** The Internet checksum of a whole array. */
    public static int internet(byte[] data) {
        return internet(data, 0, data.length);
    }

    /** The Internet checksum of {@code length} bytes from {@code offset}. */
    public static int internet(byte[] data, int offset, int length) {
        return finish(sum(0, data, offset, length));
    }

    /**
     * The running sum of the IPv4 pseudo-header that UDP (RFC 768) and TCP (RFC 9293 §3.1)
     * put in front of their checksum: source, destination, zero, protocol, segment length. It
     * binds the segment to its addresses, which is why a NAT must fix the TCP/UDP checksum
     * when it rewrites an IP address.
     */
    public static long pseudoHeaderSum(Ipv4Address source, Ipv4Address destination, int protocol, int length) {
        int s = source.toInt();
        int d = destination.toInt();
        return (s >>> 16) + (s & 0xffff) + (d >>> 16) + (d & 0xffff) + protocol + length;
    }

    /**
     * Updates a checksum after one 16-bit word of the covered data changed from
     * {@code oldWord} to {@code newWord}, without re-reading the data: HC' = ~(~HC + ~m + m')
     * (RFC 1624 §3, equation 3, which avoids the -0 pitfall of RFC 1141).
     */
    public static int update(int checksum, int oldWord, int newWord) {
        long sum = (~checksum & 0xffff) + (~oldWord & 0xffff) + (newWord & 0xffff);
        return finish(sum);
    }

    /** Like {@link #update(int, int, int)} for a 32-bit field such as an IPv4 address. */
    public static int update32(int checksum, int oldValue, int newValue) {
        int high = update(checksum, oldValue >>> 16, newValue >>> 16);
        return update(high, oldValue & 0xffff, newValue & 0xffff);
    }
}
