package portolan.sandbox.wire;

/**
 * A MacAddress is a 48-bit IEEE 802 hardware address, the name of a network card on its
 * link. Printed in the lowercase colon form {@code 02:00:00:00:00:01}.
 *
 * @param bits the 48 address bits in the low bits of a long, first byte on the wire highest
 */
public record MacAddress(long bits) {
    /** ff:ff:ff:ff:ff:ff, delivered to every card on the link. */
    public static final MacAddress BROADCAST = new MacAddress(0xffff_ffff_ffffL);
    /** 00:00:00:00:00:00, e.g. the unknown target of an ARP request. */
    public static final MacAddress ZERO = new MacAddress(0);
    /** Length of an address on the wire. */
    public static final int LENGTH = 6;

    public MacAddress {
        if ((bits >>> 48) != 0) {
            throw new IllegalArgumentException("a MAC address has 48 bits, but 0x" + Long.toHexString(bits)
                    + " needs more");
        }
    }

    /** The address with the given 48 bits. */
    public static MacAddress of(long bits) {
        return new MacAddress(bits);
    }

    /** The address made of 6 bytes. */
    public static MacAddress of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a MAC address is 6 bytes, not " + bytes.length);
        }
        return read(bytes, 0);
    }

    /** Reads 6 bytes at {@code offset}. */
    static MacAddress read(byte[] bytes, int offset) {
        long v = 0;
        for (int i = 0; i < LENGTH; i++) {
            v = v << 8 | (bytes[offset + i] & 0xff);
        }
        return new MacAddress(v);
    }

    /**
     * Parses six two-digit hex bytes separated by colons (or hyphens, as Windows prints them),
     * e.g. {@code 02:00:00:00:00:01}.
     *
     * @throws IllegalArgumentException saying what is wrong with the text
     */
    public static MacAddress parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("MAC address is missing (null)");
        }
        String[] parts = text.split("[:-]", -1);
        if (parts.length != LENGTH) {
            throw new IllegalArgumentException("'" + text + "' is not a MAC address: expected 6 hex bytes like "
                    + "02:00:00:00:00:01, found " + parts.length + " part(s)");
        }
        long v = 0;
        for (String part : parts) {
            if (!part.matches("[0-9A-Fa-f]{2}")) {
                throw new IllegalArgumentException("'" + text + "' is not a MAC address: '" + part
                        + "' is not two hex digits (0-9, a-f)");
            }
            v = v << 8 | Integer.parseInt(part, 16);
        }
        return new MacAddress(v);
    }

    /** The 6 bytes as sent on the wire. */
    public byte[] toBytes() {
        byte[] b = new byte[LENGTH];
        write(b, 0);
        return b;
    }

    void write(byte[] target, int offset) {
        for (int i = 0; i < LENGTH; i++) {
            target[offset + i] = (byte) (bits >>> (8 * (LENGTH - 1 - i)));
        }
    }

    public boolean isBroadcast() {
        return bits == BROADCAST.bits;
    }

    /** True when the group bit (least significant bit of the first byte) is set; broadcast is multicast. */
    public boolean isMulticast() {
        return (bits >>> 40 & 1) == 1;
    }

    /** True for a locally administered address (second-lowest bit of the first byte), like the sandbox's 02:... */
    public boolean isLocallyAdministered() {
        return (bits >>> 40 & 2) == 2;
    }

    /** Same value as the generated one (Long.hashCode of the bits), written out: it is hashed per frame. */
    @Override
    public int hashCode() {
        return Long.hashCode(bits);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MacAddress m && bits == m.bits;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(17);
        for (int i = LENGTH - 1; i >= 0; i--) {
            int octet = (int) (bits >>> (8 * i)) & 0xff;
            s.append(Character.forDigit(octet >> 4, 16)).append(Character.forDigit(octet & 15, 16));
            if (i > 0) {
                s.append(':');
            }
        }
        return s.toString();
    }
}
