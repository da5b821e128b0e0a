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
 *
 * <h2>Transports</h2>
 * <ul>
 *   <li>{@link portolan.sandbox.stack.TcpStack}: one host's TCP — binding (Linux rules, SO_REUSEADDR),
 *       demultiplexing by four-tuple then listener, RST for closed ports, seeded ISNs (RFC 6528) and
 *       ephemeral ports, settings (MSL 1 s by default, RTO, retries, MSS, buffers) and counters.</li>
 *   <li>{@link portolan.sandbox.stack.TcpConnection}: one socket's control block, the eleven
 *       {@link portolan.sandbox.stack.TcpState}s with a {@code history()}, buffers and the blocking
 *       application calls; {@code TcpInput} handles arriving segments (RFC 9293 §3.10.7),
 *       {@code TcpTimers} retransmission with backoff and zero-window probes (RFC 6298).</li>
 *   <li>{@link portolan.sandbox.stack.UdpStack} and {@link portolan.sandbox.stack.UdpEndpoint}: UDP
 *       sockets and their receive queues; a datagram for an unbound port goes to
 *       {@link portolan.sandbox.stack.IpLayer#portUnreachable}.</li>
 * </ul>
 * Segments leave at the end of the current instant ({@code flushSoon}), so a write and the ACK
 * for data that just arrived share one segment, deterministically. The socket faces (BSD calls,
 * java.net-style classes, descriptor table, privileges) are in {@code portolan.sandbox}.
 */
package portolan.sandbox.stack;
