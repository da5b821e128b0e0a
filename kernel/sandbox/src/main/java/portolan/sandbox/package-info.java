/**
 * The network sandbox's public API: a deterministic simulated internet. Plain Java that
 * depends on {@code java.base} only; no wall clock, no unseeded randomness, no hash-order
 * iteration in anything observable.
 *
 * <h2>Building and running a network</h2>
 * <pre>{@code
 * var net = new Network(42);                       // owns the virtual clock; same seed => same run
 * var home = net.lan("home");                      // a learning switch
 * var wan = net.link("wan", Duration.ofMillis(5)).bandwidth(20_000_000).mtu(1400);   // point-to-point
 * var pc = net.host("pc").attach(home, "192.168.0.4/24").gateway("192.168.0.1");
 * var r = net.router("r1").attach(home, "192.168.0.1/24").attach(wan, "10.0.0.1/30")
 *            .route("172.16.0.0/16", "10.0.0.2");  // or .defaultRoute("10.0.0.2")
 * pc.ping("172.16.0.10");                          // PingResult: RTT and TTL, or why it failed and where
 * pc.traceroute("172.16.0.10");
 * net.runFor(Duration.ofSeconds(1)); net.runUntilIdle();
 * }</pre>
 *
 * <h2>Looking inside</h2>
 * <pre>{@code
 * net.trace();                          // every frame: No., time, place, event, source, destination, protocol, info, drop reason
 * net.trace().at("r1"); net.trace().protocol("ICMP"); net.trace().drops();
 * pc.arpTable(); pc.routes(); home.macTable(); pc.nic("eth0");      // readable tables and counters
 * net.capture().writePcapng(Path.of("all.pcapng"));   // one interface per place, drop reasons as comments
 * pc.nic("eth0").capture().writePcap(Path.of("pc.pcap"));   // byte-identical on every run
 * net.fingerprint();                    // SHA-256 of everything that happened
 * }</pre>
 *
 * <p>Faults are per link and seeded: {@code link.loss(0.1).duplication(0.01).reordering(0.05).corruption(0.01)};
 * the cable of a host on a switch is {@code host.nic("eth0").link()}. Routers take packet hooks
 * ({@link portolan.sandbox.Router#onIngress}, {@link portolan.sandbox.Router#onEgress}) for NAT
 * and firewalls.
 */
package portolan.sandbox;
