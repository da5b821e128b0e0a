package portolan.sandbox.wire;

/**
 * An Ipv4Address is a 32-bit Internet address (RFC 791), printed as a dotted quad such as
 * {@code 192.168.0.4}. Ordered as an unsigned number, so 10.0.0.1 sorts before 192.168.0.1.
 *
 * <p>Parsing is strict on purpose: exactly four decimal numbers 0-255, no spaces, and no
 * leading zeros. A leading zero is rejected because classic C parsers ({@code inet_aton})
 * read {@code 010} as octal 8 while others read it as decimal 10; refusing it avoids that
 * ambiguity (Python's {@code ipaddress} made the same choice in 3.9.5).
 *
 * @param value the address bits, first octet in the high byte
 */
public record Ipv4Address(int value) implements Comparable<Ipv4Address> {
    /** 0.0.0.0, "this host" / any local address (RFC 1122 §3.2.1.3). */
    public static final Ipv4Address ANY = new Ipv4Address(0);
    /** 255.255.255.255, the limited broadcast address. */
    public static final Ipv4Address BROADCAST = new Ipv4Address(-1);
    /** 127.0.0.1. */
    public static final Ipv4Address LOOPBACK = new Ipv4Address(0x7f000001);
    /** Length of an address on the wire. */
    public static final int LENGTH = 4;

    public static Ipv4Address of(int value) {
        return new Ipv4Address(value);
    }

    /** The address made of 4 bytes in network order. */
    public static Ipv4Address of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("an IPv4 address is 4 bytes, not " + bytes.length);
        }
        return read(bytes, 0);
    }

    /** The address a.b.c.d. */
    public static Ipv4Address of(int a, int b, int c, int d) {
        for (int octet : new int[] {a, b, c, d}) {
            Bytes.requireRange("an IPv4 octet", octet, 0, 255);
        }
        return new Ipv4Address(a << 24 | b << 16 | c << 8 | d);
    }

    static Ipv4Address read(byte[] bytes, int offset) {
        return new Ipv4Address((int) Bytes.u32(bytes, offset));
    }

    /**
     * Parses a dotted quad such as {@code 192.168.0.4}.
     *
     * @throws IllegalArgumentException naming the offending part, e.g. "256 is larger than 255"
     */
    public static Ipv4Address parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("IPv4 address is missing (null)");
        }
        String quoted = "'" + text + "' is not an IPv4 address: ";
        if (text.isEmpty()) {
            throw new IllegalArgumentException("'' is not an IPv4 address: the text is empty");
        }
        if (!text.strip().equals(text) || text.indexOf(' ') >= 0) {
            throw new IllegalArgumentException(quoted + "it contains spaces; remove them");
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException(quoted + "expected 4 numbers separated by dots "
                    + "like 192.168.0.4, found " + parts.length);
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty()) {
                throw new IllegalArgumentException(quoted + "number " + (i + 1) + " is empty");
            }
            if (!p.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                throw new IllegalArgumentException(quoted + "'" + p + "' is not a decimal number");
            }
            if (p.length() > 1 && p.charAt(0) == '0') {
                throw new IllegalArgumentException(quoted + "'" + p + "' has a leading zero; write "
                        + p.replaceFirst("^0+(?=.)", "") + " (some tools would read it as octal)");
            }
            if (p.length() > 3 || Integer.parseInt(p) > 255) {
                throw new IllegalArgumentException(quoted + p + " is larger than 255, the most one byte can hold");
            }
            value = value << 8 | Integer.parseInt(p);
        }
        return new Ipv4Address(value);
    }

    public int toInt() {
        return value;
    }

    /** The 4 bytes in network order. */
    public byte[] toBytes() {
        byte[] b = new byte[LENGTH];
        write(b, 0);
        return b;
    }

    void write(byte[] target, int offset) {
        Bytes.put32(target, offset, value & 0xffffffffL);
    }

    /** True for the RFC 1918 private ranges 10/8, 172.16/12 and 192.168/16. */
    public boolean isPrivate() {
        return (value >>> 24) == 10 || (value >>> 20) == 0xac1 || (value >>> 16) == 0xc0a8;
    }

    /** True for 127.0.0.0/8. */
    public boolean isLoopback() {
        return (value >>> 24) == 127;
    }

    public boolean isAny() {
        return value == 0;
    }

    public boolean isBroadcast() {
        return value == -1;
    }

    /** True for 224.0.0.0/4 (class D). */
    public boolean isMulticast() {
        return (value >>> 28) == 0xe;
    }

    /** The address {@code n} further on, e.g. 192.168.0.1 plus 3 is 192.168.0.4. */
    public Ipv4Address plus(long n) {
        long next = (value & 0xffffffffL) + n;
        Bytes.requireRange("the resulting address", next, 0, 0xffffffffL);
        return new Ipv4Address((int) next);
    }

    @Override
    public int compareTo(Ipv4Address other) {
        return Integer.compareUnsigned(value, other.value);
    }

    /** Same value as the generated one (the address bits), written out: it is hashed per packet. */
    @Override
    public int hashCode() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ipv4Address a && value == a.value;
    }

    @Override
    public String toString() {
        return (value >>> 24) + "." + (value >>> 16 & 0xff) + "." + (value >>> 8 & 0xff) + "." + (value & 0xff);
    }
}
