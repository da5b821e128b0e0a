package portolan.sandbox.wire;

/**
 * A DhcpMessageType is the value of DHCP option 53 (RFC 2132 §9.6), which turns a BOOTP
 * packet into a step of the DHCP conversation DISCOVER → OFFER → REQUEST → ACK (RFC 2131 §3.1).
 */
public enum DhcpMessageType {
    DISCOVER(1), OFFER(2), REQUEST(3), DECLINE(4), ACK(5), NAK(6), RELEASE(7), INFORM(8);

    private final int code;

    DhcpMessageType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /**
     * The type with the given code.
     *
     * @throws MalformedPacketException for a code outside 1-8
     */
    public static DhcpMessageType of(int code) {
        for (DhcpMessageType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new MalformedPacketException("option 53", "DHCP message type is " + code
                + " but only 1 (DISCOVER) to 8 (INFORM) exist");
    }
}
