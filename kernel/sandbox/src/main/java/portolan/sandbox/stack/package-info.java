/**
 * The sandbox's protocol stack: NICs, links and switches, IP (routing, ARP, forwarding,
 * fragmentation, ICMP), and TCP and UDP with their sockets. Uses {@code portolan.sandbox.wire}
 * for every byte format and {@code portolan.sandbox.sim} for time, events and blocking.
 *
 * <p>The seam between the IP layer and the transports is {@link portolan.sandbox.stack.IpLayer}
 * (down) and {@link portolan.sandbox.stack.TransportProtocol} (up).
 *
 * <h2>Receive path and drop reasons</h2>
 * A frame arriving over a {@link portolan.sandbox.stack.Link} meets, in order:
 * <ol>
 *   <li>the {@link portolan.sandbox.stack.Nic} (or switch port): length and FCS ("bad FCS"), then
 *       the destination MAC ("not my MAC"; broadcasts are accepted);</li>
 *   <li>the {@link portolan.sandbox.stack.IpStack}: ARP goes to the {@link portolan.sandbox.stack.ArpCache};
 *       IPv4 header checks ("bad IP checksum"), ingress hooks, then local delivery (reassembly,
 *       "reassembly timeout"; ICMP echo; transports, "no listener" with ICMP port/protocol
 *       unreachable) or forwarding ("TTL expired" with ICMP time exceeded, "no route to X" with
 *       ICMP network unreachable, MTU with fragmentation or "Don't Fragment" with ICMP
 *       fragmentation needed, "no ARP reply" with ICMP host unreachable);</li>
 *   <li>the transport, which reports its own drops through {@link portolan.sandbox.stack.IpLayer#dropped}.</li>
 * </ol>
 * Every step records into the network's {@link portolan.sandbox.stack.PacketTrace}; a drop
 * turns the frame's "received" row into a "dropped" row with the reason.
 */
package portolan.sandbox.stack;
