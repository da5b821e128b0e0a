package portolan.sandbox.wire;

/**
 * An ArpPacket is an Address Resolution Protocol message for IPv4 over Ethernet (RFC 826):
 * "who has IP X? tell Y" (a request, broadcast) and "X is at MAC M" (a reply, unicast).
 *
 * <pre>
 *  htype=1 (2) | ptype=0x0800 (2) | hlen=6 (1) | plen=4 (1) | op (2)
 *  sender MAC (6) | sender IP (4) | target MAC (6) | target IP (4)      = 28 bytes
 * </pre>
 *
 * @param operation {@link #REQUEST} or {@link #REPLY}
 */
public record ArpPacket(int operation, MacAddress senderMac, Ipv4Address senderIp, MacAddress targetMac,
        Ipv4Address targetIp) {
    public static final int REQUEST = 1;
    public static final int REPLY = 2;
    public static final int LENGTH = 28;
    private static final int HTYPE_ETHERNET = 1;

    public ArpPacket {
        if (operation != REQUEST && operation != REPLY) {
            throw new IllegalArgumentException("ARP operation must be 1 (request) or 2 (reply), not " + operation);
        }
        if (senderMac == null || senderIp == null || targetMac == null || targetIp == null) {
            throw new IllegalArgumentException("an ARP packet needs sender and target MAC and IP addresses");
        }
    }

    /** "Who has {@code targetIp}? Tell {@code senderIp}": the target MAC is unknown, so zero. */
    public static ArpPacket request(MacAddress senderMac, Ipv4Address senderIp, Ipv4Address targetIp) {
        return new ArpPacket(REQUEST, senderMac, senderIp, MacAddress.ZERO, targetIp);
    }

    /** The answer to {@code request} from the owner of the requested address. */
    public static ArpPacket replyTo(ArpPacket request, MacAddress ownerMac) {
        return new ArpPacket(REPLY, ownerMac, request.targetIp, request.senderMac, request.senderIp);
    }

    public boolean isRequest() {
        return operation == REQUEST;
    }

    /**
     * Parses an ARP packet; trailing bytes (Ethernet padding) are ignored.
     *
     * @throws MalformedPacketException naming the field that does not describe Ethernet/IPv4 ARP
     */
    public static ArpPacket parse(byte[] b) {
        Bytes.requireLength(b, LENGTH, "ARP packet", "length");
        expect(b, 0, HTYPE_ETHERNET, "hardware type", "1 (Ethernet)");
        expect(b, 2, EthernetFrame.ETHERTYPE_IPV4, "protocol type", "0x0800 (IPv4)");
        if (Bytes.u8(b, 4) != MacAddress.LENGTH || Bytes.u8(b, 5) != Ipv4Address.LENGTH) {
            throw new MalformedPacketException("address length", "ARP address lengths are " + Bytes.u8(b, 4) + " and "
                    + Bytes.u8(b, 5) + " but Ethernet/IPv4 ARP uses 6 (MAC) and 4 (IP)");
        }
        int op = Bytes.u16(b, 6);
        if (op != REQUEST && op != REPLY) {
            throw new MalformedPacketException("operation", "ARP operation is " + op
                    + " but only 1 (request) and 2 (reply) exist for plain ARP");
        }
        return new ArpPacket(op, MacAddress.read(b, 8), Ipv4Address.read(b, 14), MacAddress.read(b, 18),
                Ipv4Address.read(b, 24));
    }

    private static void expect(byte[] b, int at, int wanted, String field, String meaning) {
        if (Bytes.u16(b, at) != wanted) {
            throw new MalformedPacketException(field, "ARP " + field + " is " + Bytes.u16(b, at) + " but must be " + meaning);
        }
    }

    public byte[] toBytes() {
        byte[] b = new byte[LENGTH];
        Bytes.put16(b, 0, HTYPE_ETHERNET);
        Bytes.put16(b, 2, EthernetFrame.ETHERTYPE_IPV4);
        b[4] = MacAddress.LENGTH;
        b[5] = Ipv4Address.LENGTH;
        Bytes.put16(b, 6, operation);
        senderMac.write(b, 8);
        senderIp.write(b, 14);
        targetMac.write(b, 18);
        targetIp.write(b, 24);
        return b;
    }

    /** tcpdump style: {@code ARP who-has 192.168.0.1 tell 192.168.0.4} or {@code ARP 192.168.0.1 is-at 02:...}. */
    @Override
    public String toString() {
        return isRequest() ? "ARP who-has " + targetIp + " tell " + senderIp
                : "ARP reply " + senderIp + " is-at " + senderMac;
    }
}
