package portolan.sandbox.wire;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * DnsCodec reads and writes the pieces of a DNS message: domain names as length-prefixed
 * labels with message compression (RFC 1035 §3.1, §4.1.4), and big-endian numbers.
 */
final class DnsCodec {
    private static final int MAX_NAME = 255;
    private static final int MAX_LABEL = 63;

    private DnsCodec() {
    }

    /**
     * Checks a domain name in text form and returns it without a trailing dot.
     *
     * @throws IllegalArgumentException naming the bad label
     */
    static String checkName(String name) {
        if (name == null) {
            throw new IllegalArgumentException("a domain name is missing (null); use \"\" for the root");
        }
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (n.isEmpty()) {
            return n;
        }
        int wire = 1;
        for (String label : n.split("\\.", -1)) {
            int length = label.getBytes(StandardCharsets.US_ASCII).length;
            if (label.isEmpty() || length > MAX_LABEL || !label.chars().allMatch(DnsCodec::printable)) {
                throw new IllegalArgumentException("'" + name + "' is not a domain name: the label '" + label
                        + "' must be 1 to 63 visible ASCII characters");
            }
            wire += 1 + length;
        }
        if (wire > MAX_NAME) {
            throw new IllegalArgumentException("'" + name + "' is longer than the 255 bytes a domain name may take");
        }
        return n;
    }

    /** Characters the sandbox allows in a label: visible ASCII except the dot that separates labels. */
    static boolean printable(int c) {
        return c > 0x20 && c < 0x7f && c != '.';
    }

    /** Reads a message front to back; every read checks the bounds first. */
    static final class Reader {
        final byte[] b;
        int at;
        private final String where;

        Reader(byte[] b, int at, String where) {
            this.b = b;
            this.at = at;
            this.where = where;
        }

        private void need(int n, String what) {
            if (at + n > b.length) {
                throw new MalformedPacketException(where, "DNS " + where + " is cut short: " + what + " needs " + n
                        + " bytes at offset " + at + " but the message is " + b.length + " bytes");
            }
        }

        int u16(String what) {
            need(2, what);
            at += 2;
            return Bytes.u16(b, at - 2);
        }

        long u32(String what) {
            need(4, what);
            at += 4;
            return Bytes.u32(b, at - 4);
        }

        byte[] bytes(int n, String what) {
            need(n, what);
            at += n;
            return java.util.Arrays.copyOfRange(b, at - n, at);
        }

        /**
         * Reads a possibly compressed name. A pointer must point before the label that holds
         * it, which rules out loops.
         */
        String name() {
            StringBuilder s = new StringBuilder();
            int pos = at;
            int end = -1;
            int wire = 1;
            while (true) {
                if (pos >= b.length) {
                    throw new MalformedPacketException(where, "DNS name in " + where + " runs past the end of the message");
                }
                int len = b[pos] & 0xff;
                if (len == 0) {
                    pos++;
                    break;
                }
                if ((len & 0xc0) == 0xc0) {
                    if (pos + 1 >= b.length) {
                        throw new MalformedPacketException(where, "DNS compression pointer in " + where + " is cut short");
                    }
                    int target = (len & 0x3f) << 8 | (b[pos + 1] & 0xff);
                    if (target >= pos) {
                        throw new MalformedPacketException(where, "DNS compression pointer in " + where + " at offset " + pos
                                + " points forward to " + target + ": pointers may only point back, or names could loop");
                    }
                    if (end < 0) {
                        end = pos + 2;
                    }
                    pos = target;
                    continue;
                }
                if ((len & 0xc0) != 0) {
                    throw new MalformedPacketException(where, "DNS label length byte 0x" + Integer.toHexString(len) + " in "
                            + where + " uses the reserved label types 01/10 (RFC 6891)");
                }
                if (pos + 1 + len > b.length) {
                    throw new MalformedPacketException(where, "DNS label in " + where + " runs past the end of the message");
                }
                for (int i = pos + 1; i <= pos + len; i++) {
                    if (!printable(b[i] & 0xff)) {
                        throw new MalformedPacketException(where, "DNS name in " + where + " contains the byte 0x"
                                + Integer.toHexString(b[i] & 0xff) + ", which is not a visible ASCII character");
                    }
                }
                wire += 1 + len;
                if (wire > MAX_NAME) {
                    throw new MalformedPacketException(where, "DNS name in " + where + " is longer than 255 bytes");
                }
                if (s.length() > 0) {
                    s.append('.');
                }
                s.append(new String(b, pos + 1, len, StandardCharsets.ISO_8859_1));
                pos += 1 + len;
            }
            at = end >= 0 ? end : pos;
            return s.toString();
        }
    }

    /** Builds a message, compressing each name against the names already written. */
    static final class Writer {
        private byte[] buf = new byte[512];
        private int size;
        // Lookup only, never iterated, so its order cannot leak into the output.
        private final Map<String, Integer> suffixes = new HashMap<>();

        int size() {
            return size;
        }

        private void put(int v) {
            if (size == buf.length) {
                buf = java.util.Arrays.copyOf(buf, buf.length * 2);
            }
            buf[size++] = (byte) v;
        }

        void u16(int v) {
            put(v >>> 8);
            put(v);
        }

        void u32(long v) {
            u16((int) (v >>> 16));
            u16((int) v);
        }

        void bytes(byte[] b) {
            for (byte x : b) {
                put(x);
            }
        }

        /** Overwrites a 16-bit value written earlier, e.g. RDLENGTH once the data is written. */
        void u16At(int offset, int v) {
            Bytes.put16(buf, offset, v);
        }

        void name(String name) {
            String rest = name;
            while (!rest.isEmpty()) {
                Integer known = suffixes.get(rest);
                if (known != null) {
                    u16(0xc000 | known);
                    return;
                }
                if (size < 0x4000) {
                    suffixes.put(rest, size);
                }
                int dot = rest.indexOf('.');
                String label = dot < 0 ? rest : rest.substring(0, dot);
                put(label.length());
                bytes(label.getBytes(StandardCharsets.ISO_8859_1));
                rest = dot < 0 ? "" : rest.substring(dot + 1);
            }
            put(0);
        }

        byte[] toBytes() {
            return java.util.Arrays.copyOf(buf, size);
        }
    }
}
