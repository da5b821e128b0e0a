package portolan.sandbox.wire;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A PcapWriter writes the classic libpcap capture format (draft-ietf-opsawg-pcap) that
 * tcpdump and Wireshark read: a 24-byte file header, then per packet a 16-byte record header
 * and the captured bytes.
 *
 * <p>Choices: the nanosecond variant (magic 0xA1B23C4D) because the sandbox clock counts
 * nanoseconds; little-endian byte order, as libpcap writes on common hardware (readers detect
 * the order from the magic); {@code LINKTYPE_ETHERNET} (1), whose records start at the
 * destination MAC and carry <em>no</em> FCS, so {@link #write(long, EthernetFrame)} stores
 * {@link EthernetFrame#toBytesWithoutFcs()}. The writer never reads a clock: timestamps are
 * nanoseconds since the Unix epoch supplied by the caller, so identical calls give
 * byte-identical files.
 */
public final class PcapWriter implements AutoCloseable {
    public static final int MAGIC_NANOSECONDS = 0xa1b23c4d;
    public static final int LINKTYPE_ETHERNET = 1;
    /** Default snapshot length, the one tcpdump uses. */
    public static final int DEFAULT_SNAPLEN = 262_144;

    private final OutputStream out;
    private final int snaplen;

    /** Writes the file header at once, with the default snapshot length. */
    public PcapWriter(OutputStream out) throws IOException {
        this(out, DEFAULT_SNAPLEN);
    }

    /**
     * Writes the file header at once.
     *
     * @param snaplen packets longer than this are truncated in the file (their original
     *        length is still recorded)
     */
    public PcapWriter(OutputStream out, int snaplen) throws IOException {
        if (out == null) {
            throw new IllegalArgumentException("PcapWriter needs an output stream");
        }
        Bytes.requireRange("the snapshot length", snaplen, 1, Integer.MAX_VALUE);
        this.out = out;
        this.snaplen = snaplen;
        ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(MAGIC_NANOSECONDS).putShort((short) 2).putShort((short) 4);
        header.putInt(0).putInt(0); // reserved (formerly thiszone and sigfigs)
        header.putInt(snaplen).putInt(LINKTYPE_ETHERNET);
        out.write(header.array());
    }

    /** Records an Ethernet frame seen at {@code timestampNanos}, stored without its FCS. */
    public void write(long timestampNanos, EthernetFrame frame) throws IOException {
        write(timestampNanos, frame.toBytesWithoutFcs());
    }

    /**
     * Records raw link-layer bytes (an Ethernet frame without FCS).
     *
     * @param timestampNanos nanoseconds since 1970-01-01T00:00:00Z, not negative
     */
    public void write(long timestampNanos, byte[] frame) throws IOException {
        if (timestampNanos < 0 || timestampNanos / 1_000_000_000L > 0xffffffffL) {
            throw new IllegalArgumentException("pcap timestamps are unsigned 32-bit seconds from 1970 to 2106; "
                    + timestampNanos + " ns since 1970 is outside that range");
        }
        int captured = Math.min(frame.length, snaplen);
        ByteBuffer record = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        record.putInt((int) (timestampNanos / 1_000_000_000L)).putInt((int) (timestampNanos % 1_000_000_000L));
        record.putInt(captured).putInt(frame.length);
        out.write(record.array());
        out.write(frame, 0, captured);
    }

    public void flush() throws IOException {
        out.flush();
    }

    /** Closes the underlying stream. */
    @Override
    public void close() throws IOException {
        out.close();
    }
}
