package portolan.sandbox.wire;

/**
 * Checksums computes the Internet checksum used by IPv4, ICMP, UDP and TCP: the 16-bit
 * ones'-complement of the ones'-complement sum of the data taken as 16-bit big-endian words
 * (RFC 1071), and its incremental update when one field changes (RFC 1624), which is what a
 * router needs after decrementing TTL and a NAT after rewriting an address or port.
 */
public final class Checksums {
    private Checksums() {
    }

    /**
     * Adds {@code length} bytes of {@code data} from {@code offset} to a running 32-bit sum of
     * 16-bit words. An odd final byte is the high byte of a word padded with zero (RFC 1071
     * §4.1). The carries are folded only at the end, by {@link #finish}.
     */
    public static long sum(long partial, byte[] data, int offset, int length) {
        long sum = partial;
        int end = offset + length;
        int i = offset;
        for (; i + 1 < end; i += 2) {
            sum += (data[i] & 0xff) << 8 | (data[i + 1] & 0xff);
        }
        if (i < end) {
            sum += (data[i] & 0xff) << 8;
        }
        return sum;
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
