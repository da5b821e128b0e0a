package portolan.sandbox.wire;

import java.util.HexFormat;

/** Bytes holds the big-endian (network byte order) field accessors shared by the formats. */
final class Bytes {
    private Bytes() {
    }

    static int u8(byte[] b, int at) {
        return b[at] & 0xff;
    }

    static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }

    static long u32(byte[] b, int at) {
        return (long) u16(b, at) << 16 | u16(b, at + 2);
    }

    static void put16(byte[] b, int at, int value) {
        b[at] = (byte) (value >>> 8);
        b[at + 1] = (byte) value;
    }

    static void put32(byte[] b, int at, long value) {
        put16(b, at, (int) (value >>> 16));
        put16(b, at + 2, (int) value);
    }

    /** Throws when {@code b} is shorter than {@code needed} bytes. */
    static void requireLength(byte[] b, int needed, String unit, String field) {
        if (b == null) {
            throw new MalformedPacketException(field, unit + " is missing: got no bytes at all");
        }
        if (b.length < needed) {
            throw new MalformedPacketException(field, unit + " is " + b.length + " bytes long but needs at least "
                    + needed + " bytes: it was cut short");
        }
    }

    /** Formats a 16-bit value the way packet tools print checksums, e.g. 0x0abc. */
    static String hex16(int value) {
        return "0x" + HexFormat.of().toHexDigits((short) value);
    }

    static void requireRange(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " is " + value + " but must be between " + min + " and " + max);
        }
    }
}
