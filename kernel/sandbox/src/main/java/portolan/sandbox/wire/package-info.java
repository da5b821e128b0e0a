/**
 * The sandbox's byte formats: one type per protocol unit ({@code EthernetFrame},
 * {@code Ipv4Packet}, {@code TcpSegment}, ...) with {@code static parse(byte[])} and
 * {@code toBytes()}, plus the capture file writers.
 *
 * <p>Rules of this layer: it imports nothing from the rest of the sandbox; it has no
 * behaviour, no state and no clock (timestamps are passed in); every value is immutable;
 * malformed bytes raise exactly one exception type, {@link MalformedPacketException}, whose
 * {@code field()} names the header field that was wrong. Checksums are computed by
 * {@code toBytes()} and verified by {@code parse}, so a parsed value is always a valid one.
 *
 * <pre>
 *   EthernetFrame ─ etherType 0x0806 ─> ArpPacket
 *        └─ etherType 0x0800 ─> Ipv4Packet ─ protocol 1 ─> IcmpMessage
 *                                    ├─ protocol 17 ─> UdpDatagram ─ port 67/68 ─> DhcpMessage
 *                                    │                     └─ port 53 ────> DnsMessage
 *                                    └─ protocol 6 ──> TcpSegment ─ byte stream ─> HttpRequest / HttpResponse (Http1)
 * </pre>
 *
 * <p>Text that people type, such as {@link Ipv4Address}, {@link Cidr}, {@link MacAddress} and
 * {@link Url}, is parsed with {@code parse(String)} and rejected with an
 * {@link IllegalArgumentException} that says what to change. Capture files
 * ({@link PcapWriter}, {@link PcapngWriter}) store frames without their FCS, as
 * {@code LINKTYPE_ETHERNET} expects.
 */
package portolan.sandbox.wire;
