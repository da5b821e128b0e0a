package portolan.sandbox.wire;

/**
 * A Cidr is an IPv4 address with a prefix length (RFC 4632), such as {@code 192.168.0.0/24}
 * (a network) or {@code 192.168.0.4/24} (an interface address together with its subnet, the
 * form {@code ip addr} prints). The first {@code prefixLength} bits name the network, the
 * rest the host.
 *
 * @param address the address as written, which may be any host inside the network
 * @param prefixLength 0 to 32
 */
public record Cidr(Ipv4Address address, int prefixLength) {
    public Cidr {
        if (address == null) {
            throw new IllegalArgumentException("a CIDR block needs an address");
        }
        Bytes.requireRange("the prefix length", prefixLength, 0, 32);
    }

    public static Cidr of(Ipv4Address address, int prefixLength) {
        return new Cidr(address, prefixLength);
    }

    /**
     * Parses {@code address/prefix}, e.g. {@code 192.168.0.0/24} or {@code 192.168.0.4/24}.
     *
     * @throws IllegalArgumentException saying which part is wrong
     */
    public static Cidr parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("CIDR block is missing (null)");
        }
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("'" + text + "' is not a CIDR block: add the prefix length "
                    + "after a slash, e.g. 192.168.0.0/24");
        }
        Ipv4Address address = Ipv4Address.parse(text.substring(0, slash));
        String prefix = text.substring(slash + 1);
        if (!prefix.matches("[0-9]{1,2}") || Integer.parseInt(prefix) > 32) {
            throw new IllegalArgumentException("'" + text + "' is not a CIDR block: the prefix length '" + prefix
                    + "' must be a number from 0 to 32");
        }
        return new Cidr(address, Integer.parseInt(prefix));
    }

    /** The subnet mask, e.g. 255.255.255.0 for /24. */
    public Ipv4Address mask() {
        return Ipv4Address.of(maskBits());
    }

    private int maskBits() {
        return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
    }

    /** The network address (all host bits zero), e.g. 192.168.0.0 for 192.168.0.4/24. */
    public Ipv4Address network() {
        return Ipv4Address.of(address.toInt() & maskBits());
    }

    /** The directed broadcast address (all host bits one), e.g. 192.168.0.255 for /24. */
    public Ipv4Address broadcast() {
        return Ipv4Address.of(address.toInt() | ~maskBits());
    }

    /** The block as a network, e.g. 192.168.0.0/24 for 192.168.0.4/24. */
    public Cidr toNetwork() {
        return new Cidr(network(), prefixLength);
    }

    /** Whether {@code other} lies in this network. */
    public boolean contains(Ipv4Address other) {
        return (other.toInt() & maskBits()) == (address.toInt() & maskBits());
    }

    /** Number of addresses in the block, including network and broadcast addresses. */
    public long size() {
        return 1L << (32 - prefixLength);
    }

    /**
     * The n-th address of the network: host(1) of 192.168.0.0/24 is 192.168.0.1.
     *
     * @throws IllegalArgumentException when n does not fit the host bits
     */
    public Ipv4Address host(long n) {
        if (n < 0 || n >= size()) {
            throw new IllegalArgumentException("host " + n + " does not exist in " + toNetwork() + ", which has "
                    + size() + " addresses numbered 0 to " + (size() - 1));
        }
        return network().plus(n);
    }

    @Override
    public String toString() {
        return address + "/" + prefixLength;
    }
}
