package portolan.sandbox.wire;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A TcpOption is one entry of the TCP header's option list (RFC 9293 §3.1): a kind byte, and
 * for every kind except End of Option List (0) and No-Operation (1), a length byte counting
 * kind and length, then data. Unknown kinds are kept as raw bytes so a segment survives a
 * parse/toBytes round trip unchanged.
 *
 * @param kind the option kind, e.g. {@link #MSS}
 * @param data the bytes after kind and length (empty for NOP)
 */
public record TcpOption(int kind, byte[] data) {
    public static final int END_OF_LIST = 0;
    public static final int NOP = 1;
    /** Maximum Segment Size (RFC 9293 §3.7.1), sent only on SYN. */
    public static final int MSS = 2;
    public static final int WINDOW_SCALE = 3;
    public static final int SACK_PERMITTED = 4;
    public static final int TIMESTAMPS = 8;

    public TcpOption {
        Bytes.requireRange("the TCP option kind", kind, 1, 255);
        if (data == null || (kind == NOP && data.length != 0) || data.length > 38) {
            throw new IllegalArgumentException("TCP option " + kind + " cannot carry "
                    + (data == null ? "no data array" : data.length + " data bytes"));
        }
        data = data.clone();
    }

    public static TcpOption nop() {
        return new TcpOption(NOP, new byte[0]);
    }

    /** The MSS option announcing the largest segment payload this end accepts, e.g. 1460. */
    public static TcpOption mss(int mss) {
        Bytes.requireRange("the MSS", mss, 0, 0xffff);
        return new TcpOption(MSS, new byte[] {(byte) (mss >>> 8), (byte) mss});
    }

    public static TcpOption windowScale(int shift) {
        Bytes.requireRange("the window scale shift", shift, 0, 14);
        return new TcpOption(WINDOW_SCALE, new byte[] {(byte) shift});
    }

    public static TcpOption sackPermitted() {
        return new TcpOption(SACK_PERMITTED, new byte[0]);
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** Bytes this option occupies in the header. */
    public int length() {
        return kind == NOP ? 1 : 2 + data.length;
    }

    void write(byte[] target, int at) {
        target[at] = (byte) kind;
        if (kind != NOP) {
            target[at + 1] = (byte) length();
            System.arraycopy(data, 0, target, at + 2, data.length);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TcpOption t && kind == t.kind && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return kind * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case NOP -> "nop";
            case MSS -> data.length == 2 ? "mss " + Bytes.u16(data, 0) : "mss ?";
            case WINDOW_SCALE -> data.length == 1 ? "wscale " + (data[0] & 0xff) : "wscale ?";
            case SACK_PERMITTED -> "sackOK";
            default -> "option " + kind + (data.length == 0 ? "" : " 0x" + HexFormat.of().formatHex(data));
        };
    }
}
