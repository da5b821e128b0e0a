package portolan.sandbox.stack;

import portolan.sandbox.wire.IcmpMessage;
import portolan.sandbox.wire.Ipv4Packet;

/**
 * An IcmpListener hears the ICMP messages that reach its host other than echo requests (which
 * the IP stack answers itself): echo replies for ping, and errors that a transport may turn
 * into a socket error ("port unreachable" ⇒ connection refused).
 */
@FunctionalInterface
public interface IcmpListener {

    /** An ICMP message arrived in {@code packet}. */
    void icmp(Ipv4Packet packet, IcmpMessage message);
}
