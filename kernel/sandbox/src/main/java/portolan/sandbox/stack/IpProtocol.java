package portolan.sandbox.stack;

import java.util.Locale;
import portolan.sandbox.wire.Ipv4Packet;

/** IpProtocol names the transport protocols NAT and port forwarding rules speak of: TCP, UDP, ICMP. */
public enum IpProtocol {
    TCP(Ipv4Packet.PROTOCOL_TCP), UDP(Ipv4Packet.PROTOCOL_UDP), ICMP(Ipv4Packet.PROTOCOL_ICMP);

    private final int number;

    IpProtocol(int number) {
        this.number = number;
    }

    /** The IPv4 protocol number (6, 17, 1). */
    public int number() {
        return number;
    }

    /** The protocol with IPv4 number {@code number}, or null for others. */
    public static IpProtocol of(int number) {
        for (IpProtocol p : values()) {
            if (p.number == number) {
                return p;
            }
        }
        return null;
    }

    /** "TCP" or "tcp" → TCP; anything else is explained. */
    public static IpProtocol parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown protocol \"" + name + "\": use TCP or UDP");
        }
    }
}
