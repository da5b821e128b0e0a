package portolan.sandbox.wire;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A PcapngWriter writes the pcapng capture format (draft-ietf-opsawg-pcapng) that Wireshark
 * uses natively: a Section Header Block, one Interface Description Block per captured link
 * (named, e.g. "home-lan"), and an Enhanced Packet Block per frame, which may carry a comment
 * such as the reason the sandbox dropped it (Wireshark shows it as {@code frame.comment}).
 *
 * <p>Choices: little-endian blocks; every interface has {@code if_tsresol} = 9, so
 * timestamps are nanoseconds since the Unix epoch as given by the caller (this class never
 * reads a clock, so identical calls give identical bytes); {@code LINKTYPE_ETHERNET} frames
 * without FCS, like {@link PcapWriter}. An interface's IDB is written just before its first
 * packet, and interface ids are numbered in order of first use.
 */
public final class PcapngWriter implements AutoCloseable {
    private static final int SECTION_HEADER = 0x0a0d0d0a;
    private static final int INTERFACE_DESCRIPTION = 1;
    private static final int ENHANCED_PACKET = 6;
    private static final int OPT_END = 0;
    private static final int OPT_COMMENT = 1;
    private static final int SHB_USERAPPL = 4;
    private static final int IF_NAME = 2;
    private static final int IF_TSRESOL = 9;

    private final OutputStream out;
    private final Map<String, Integer> interfaces = new LinkedHashMap<>();

    /** Writes the Section Header Block at once. */
    public PcapngWriter(OutputStream out) throws IOException {
        if (out == null) {
            throw new IllegalArgumentException("PcapngWriter needs an output stream");
        }
        this.out = out;
        Block shb = new Block(SECTION_HEADER);
        shb.body.putInt(0x1a2b3c4d).putShort((short) 1).putShort((short) 0).putLong(-1L); // section length unknown
        shb.option(SHB_USERAPPL, "Portolan network sandbox".getBytes(StandardCharsets.UTF_8));
        shb.endOptions().writeTo(out);
    }

    /** Records an Ethernet frame on {@code interfaceName}, stored without its FCS. */
    public void write(String interfaceName, long timestampNanos, EthernetFrame frame, String comment) throws IOException {
        write(interfaceName, timestampNanos, frame.toBytesWithoutFcs(), comment);
    }

    /**
     * Records raw link-layer bytes (an Ethernet frame without FCS).
     *
     * @param interfaceName the link the frame was seen on; a new name adds an interface
     * @param timestampNanos nanoseconds since 1970-01-01T00:00:00Z, not negative
     * @param comment shown by Wireshark with the packet, or null for none
     */
    public void write(String interfaceName, long timestampNanos, byte[] frame, String comment) throws IOException {
        if (interfaceName == null || interfaceName.isEmpty()) {
            throw new IllegalArgumentException("every pcapng packet needs the name of the interface it was seen on");
        }
        if (timestampNanos < 0) {
            throw new IllegalArgumentException("pcapng timestamps start at 1970; " + timestampNanos + " ns is before that");
        }
        int id = interfaceId(interfaceName);
        Block epb = new Block(ENHANCED_PACKET);
        epb.body.putInt(id).putInt((int) (timestampNanos >>> 32)).putInt((int) timestampNanos);
        epb.body.putInt(frame.length).putInt(frame.length);
        epb.padded(frame);
        if (comment != null && !comment.isEmpty()) {
            epb.option(OPT_COMMENT, comment.getBytes(StandardCharsets.UTF_8));
            epb.endOptions();
        }
        epb.writeTo(out);
    }

    private int interfaceId(String name) throws IOException {
        Integer known = interfaces.get(name);
        if (known != null) {
            return known;
        }
        Block idb = new Block(INTERFACE_DESCRIPTION);
        idb.body.putShort((short) PcapWriter.LINKTYPE_ETHERNET).putShort((short) 0).putInt(0); // snaplen 0: no limit
        idb.option(IF_NAME, name.getBytes(StandardCharsets.UTF_8));
        idb.option(IF_TSRESOL, new byte[] {9}); // 10^-9 s: nanoseconds
        idb.endOptions().writeTo(out);
        interfaces.put(name, interfaces.size());
        return interfaces.size() - 1;
    }

    public void flush() throws IOException {
        out.flush();
    }

    /** Closes the underlying stream. */
    @Override
    public void close() throws IOException {
        out.close();
    }

    /** A block being assembled: type, total length, body, total length again (all 32-bit aligned). */
    private static final class Block {
        final int type;
        ByteBuffer body = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);

        Block(int type) {
            this.type = type;
        }

        void padded(byte[] bytes) {
            ensure(bytes.length + 3);
            body.put(bytes);
            body.put(new byte[(4 - bytes.length % 4) % 4]);
        }

        void option(int code, byte[] value) {
            ensure(4 + value.length + 3);
            body.putShort((short) code).putShort((short) value.length);
            padded(value);
        }

        Block endOptions() {
            ensure(4);
            body.putShort((short) OPT_END).putShort((short) 0);
            return this;
        }

        private void ensure(int more) {
            if (body.remaining() < more) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(body.capacity() * 2, body.position() + more))
                        .order(ByteOrder.LITTLE_ENDIAN);
                bigger.put(body.flip());
                body = bigger;
            }
        }

        void writeTo(OutputStream out) throws IOException {
            int total = 12 + body.position();
            ByteBuffer block = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
            block.putInt(type).putInt(total).put(body.flip()).putInt(total);
            out.write(block.array());
        }
    }
}
