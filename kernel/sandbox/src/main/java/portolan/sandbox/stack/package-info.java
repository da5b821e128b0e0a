/**
 * The sandbox's protocol stack: NICs, links and switches, IP (routing, ARP, forwarding,
 * fragmentation, ICMP), and TCP and UDP with their sockets. Uses {@code portolan.sandbox.wire}
 * for every byte format and {@code portolan.sandbox.sim} for time, events and blocking.
 *
 * <p>The seam between the IP layer and the transports is {@link portolan.sandbox.stack.IpLayer}
 * (down) and {@link portolan.sandbox.stack.TransportProtocol} (up).
 */
package portolan.sandbox.stack;
