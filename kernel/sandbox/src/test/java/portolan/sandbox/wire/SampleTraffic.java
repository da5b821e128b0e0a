package portolan.sandbox.wire;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small capture built with the wire types, for the capture-file tests: DHCP DISCOVER/OFFER,
 * ARP, a ping, DNS lookups (CNAME and A, then NXDOMAIN with an SOA), UDP and an ICMP port
 * unreachable, a TCP connection (handshake with MSS, an HTTP request and response, FIN both ways) and a
 * UDP datagram sent as two IPv4 fragments. Each packet lists the fields tshark should report.
 */
final class SampleTraffic {
    /** One captured frame and the tshark fields we expect for it ("" = field absent). */
    record Packet(String interfaceName, long timestampNanos, EthernetFrame frame, String comment,
            Map<String, String> expected) {
    }

    static final MacAddress PC_MAC = MacAddress.parse("02:00:00:00:00:04");
    static final MacAddress ROUTER_MAC = MacAddress.parse("02:00:00:00:00:01");
    static final Ipv4Address PC = Ipv4Address.parse("192.168.0.4");
    static final Ipv4Address ROUTER = Ipv4Address.parse("192.168.0.1");
    static final Ipv4Address SERVER = Ipv4Address.parse("59.6.66.238");
    /** 2024-03-01T09:00:00Z, the sandbox's fixed virtual epoch, in nanoseconds. */
    static final long EPOCH = 1_709_283_600L * 1_000_000_000L;

    private final List<Packet> packets = new ArrayList<>();
    private long now = EPOCH;
    private int ipId = 1;

    static List<Packet> build() {
        SampleTraffic t = new SampleTraffic();
        DhcpMessage discover = DhcpMessage.request(DhcpMessageType.DISCOVER, 0x3903f326L, PC_MAC, true,
                List.of(DhcpOption.clientId(PC_MAC), DhcpOption.hostName("pc"), DhcpOption.parameterRequestList(1, 3, 6)));
        t.dhcp(PC_MAC, Ipv4Address.ANY, discover);
        t.dhcp(ROUTER_MAC, ROUTER, DhcpMessage.reply(discover, DhcpMessageType.OFFER, PC, List.of(
                DhcpOption.serverId(ROUTER), DhcpOption.leaseTime(86400), DhcpOption.renewalTime(43200),
                DhcpOption.rebindingTime(75600), DhcpOption.subnetMask(Ipv4Address.parse("255.255.255.0")),
                DhcpOption.router(ROUTER), DhcpOption.dnsServers(ROUTER))));

        ArpPacket who = ArpPacket.request(PC_MAC, PC, ROUTER);
        t.arp("home-lan", MacAddress.BROADCAST, who, null);
        t.arp("home-lan", PC_MAC, ArpPacket.replyTo(who, ROUTER_MAC), null);

        byte[] ping = "abcdefghijklmnopqrstuvwabcdefghi".getBytes(StandardCharsets.US_ASCII);
        t.icmp(PC, SERVER, IcmpMessage.echoRequest(0x77, 1, ping), null);
        t.icmp(SERVER, PC, IcmpMessage.echoReply(0x77, 1, ping), null);

        Ipv4Packet udp = t.udp(PC, ROUTER, new UdpDatagram(40000, 9999, "hello, odd length".getBytes(StandardCharsets.US_ASCII)),
                null);
        t.icmp(ROUTER, PC, IcmpMessage.portUnreachable(udp), "no program listens on UDP port 9999");

        t.tcp(PC, SERVER, new TcpSegment(49152, 80, 1000, 0, TcpSegment.SYN, 64240, 0, List.of(TcpOption.mss(1460),
                TcpOption.nop(), TcpOption.windowScale(7)), new byte[0]), null);
        t.tcp(SERVER, PC, new TcpSegment(80, 49152, 5000, 1001, TcpSegment.SYN | TcpSegment.ACK, 65535, 0,
                List.of(TcpOption.mss(1400)), new byte[0]), null);
        t.tcp(PC, SERVER, TcpSegment.of(49152, 80, 1001, 5001, TcpSegment.ACK, 502, new byte[0]), null);
        HttpRequest get = HttpRequest.get("/", "59.6.66.238");
        byte[] request = get.toBytes();
        t.tcp(PC, SERVER, TcpSegment.of(49152, 80, 1001, 5001, TcpSegment.PSH | TcpSegment.ACK, 502, request), null);
        t.last().put("http.request.method", get.method());
        t.last().put("http.request.uri", get.target());
        t.last().put("http.host", get.headers().get("Host").orElseThrow());
        HttpResponse ok = HttpResponse.text(200, "hello from the sandbox\n");
        byte[] response = ok.toBytes();
        long clientSeq = 1001 + request.length;
        long serverSeq = 5001 + response.length;
        t.tcp(SERVER, PC, TcpSegment.of(80, 49152, 5001, clientSeq, TcpSegment.PSH | TcpSegment.ACK, 512, response),
                null);
        t.last().put("http.response.code", String.valueOf(ok.status()));
        t.last().put("http.response.phrase", ok.reason());
        t.last().put("http.content_length", String.valueOf(ok.body().length));
        t.last().put("http.content_type", ok.headers().get("Content-Type").orElseThrow());
        t.tcp(PC, SERVER, TcpSegment.of(49152, 80, clientSeq, serverSeq, TcpSegment.ACK, 502, new byte[0]), null);
        t.tcp(PC, SERVER, TcpSegment.of(49152, 80, clientSeq, serverSeq, TcpSegment.FIN | TcpSegment.ACK, 502,
                new byte[0]), "active close: the client will sit in TIME-WAIT");
        t.tcp(SERVER, PC, TcpSegment.of(80, 49152, serverSeq, clientSeq + 1, TcpSegment.FIN | TcpSegment.ACK, 512,
                new byte[0]), null);
        t.tcp(PC, SERVER, TcpSegment.of(49152, 80, clientSeq + 1, serverSeq + 1, TcpSegment.ACK, 502, new byte[0]),
                null);

        DnsMessage query = DnsMessage.query(0x1a2b, "www.example.com", DnsRecord.A);
        t.dns(PC, ROUTER, 40002, DnsMessage.PORT, query);
        t.dns(ROUTER, PC, DnsMessage.PORT, 40002, DnsMessage.response(query, false, DnsMessage.NOERROR, List.of(
                DnsRecord.cname("www.example.com", 300, "example.com"),
                DnsRecord.a("example.com", 3600, Ipv4Address.parse("93.184.216.34"))), List.of()));
        DnsMessage missing = DnsMessage.query(0x1a2c, "nosuch.example.com", DnsRecord.A);
        t.dns(PC, ROUTER, 40003, DnsMessage.PORT, missing);
        t.dns(ROUTER, PC, DnsMessage.PORT, 40003, DnsMessage.response(missing, true, DnsMessage.NXDOMAIN, List.of(),
                List.of(DnsRecord.soa("example.com", 3600, new DnsRecord.Soa("ns.example.com", "admin.example.com",
                        2024030101L, 7200, 900, 1209600, 300)))));

        byte[] big = new byte[2000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 7);
        }
        UdpDatagram bigUdp = new UdpDatagram(40001, 9999, big);
        Ipv4Packet whole = Ipv4Packet.of(PC, ROUTER, Ipv4Packet.PROTOCOL_UDP, 64, t.ipId++, bigUdp.toBytes(PC, ROUTER));
        for (Ipv4Packet fragment : whole.fragment(1500)) {
            Map<String, String> fields = t.ipFields(fragment);
            fields.put("ip.flags.mf", fragment.moreFragments() ? "1" : "0");
            fields.put("ip.frag_offset", String.valueOf(fragment.fragmentOffset())); // tshark 4.0 counts 8-byte units
            if (!fragment.moreFragments()) { // tshark shows the reassembled datagram with the last fragment
                fields.put("udp.srcport", "40001");
                fields.put("udp.length", String.valueOf(bigUdp.length()));
                fields.put("udp.checksum.status", "1");
            }
            t.add("home-lan", fragment, fields, null);
        }
        return List.copyOf(t.packets);
    }

    /** Writes the packets as a classic pcap file and closes {@code out}. */
    static void writePcap(List<Packet> packets, OutputStream out) throws IOException {
        try (PcapWriter pcap = new PcapWriter(out)) {
            for (Packet p : packets) {
                pcap.write(p.timestampNanos(), p.frame());
            }
        }
    }

    /** Writes the packets, with their interfaces and comments, as a pcapng file and closes {@code out}. */
    static void writePcapng(List<Packet> packets, OutputStream out) throws IOException {
        try (PcapngWriter pcapng = new PcapngWriter(out)) {
            for (Packet p : packets) {
                pcapng.write(p.interfaceName(), p.timestampNanos(), p.frame(), p.comment());
            }
        }
    }

    /** The expected fields of the packet added last, to add protocol-specific ones. */
    private Map<String, String> last() {
        return packets.get(packets.size() - 1).expected();
    }

    private void arp(String link, MacAddress to, ArpPacket arp, String comment) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("eth.src", arp.senderMac().toString());
        fields.put("eth.dst", to.toString());
        fields.put("arp.opcode", String.valueOf(arp.operation()));
        fields.put("arp.src.proto_ipv4", arp.senderIp().toString());
        fields.put("arp.dst.proto_ipv4", arp.targetIp().toString());
        packets.add(new Packet(link, tick(), new EthernetFrame(to, arp.senderMac(), EthernetFrame.ETHERTYPE_ARP,
                arp.toBytes()), comment, fields));
    }

    private void icmp(Ipv4Address from, Ipv4Address to, IcmpMessage m, String comment) {
        Ipv4Packet ip = Ipv4Packet.of(from, to, Ipv4Packet.PROTOCOL_ICMP, 64, ipId++, m.toBytes());
        Map<String, String> fields = ipFields(ip);
        fields.put("icmp.type", String.valueOf(m.type()));
        fields.put("icmp.code", String.valueOf(m.code()));
        fields.put("icmp.checksum.status", "1");
        add(link(from, to), ip, fields, comment);
    }

    private Ipv4Packet udp(Ipv4Address from, Ipv4Address to, UdpDatagram d, String comment) {
        Ipv4Packet ip = Ipv4Packet.of(from, to, Ipv4Packet.PROTOCOL_UDP, 64, ipId++, d.toBytes(from, to));
        add(link(from, to), ip, udpFields(ip, d), comment);
        return ip;
    }

    private Map<String, String> udpFields(Ipv4Packet ip, UdpDatagram d) {
        Map<String, String> fields = ipFields(ip);
        fields.put("udp.srcport", String.valueOf(d.sourcePort()));
        fields.put("udp.dstport", String.valueOf(d.destinationPort()));
        fields.put("udp.length", String.valueOf(d.length()));
        fields.put("udp.checksum.status", "1");
        return fields;
    }

    private void dhcp(MacAddress srcMac, Ipv4Address from, DhcpMessage m) {
        int srcPort = m.op() == DhcpMessage.BOOTREQUEST ? DhcpMessage.CLIENT_PORT : DhcpMessage.SERVER_PORT;
        int dstPort = m.op() == DhcpMessage.BOOTREQUEST ? DhcpMessage.SERVER_PORT : DhcpMessage.CLIENT_PORT;
        UdpDatagram d = new UdpDatagram(srcPort, dstPort, m.toBytes());
        Ipv4Packet ip = Ipv4Packet.of(from, Ipv4Address.BROADCAST, Ipv4Packet.PROTOCOL_UDP, 64, ipId++,
                d.toBytes(from, Ipv4Address.BROADCAST));
        Map<String, String> fields = udpFields(ip, d);
        fields.put("dhcp.option.dhcp", String.valueOf(m.messageType().code()));
        fields.put("dhcp.id", String.format("0x%08x", m.xid()));
        fields.put("dhcp.flags.bc", m.broadcast() ? "1" : "0");
        fields.put("dhcp.hw.mac_addr", m.chaddr().toString());
        fields.put("dhcp.ip.your", m.yiaddr().toString());
        fields.put("dhcp.option.dhcp_server_id", m.serverId().map(Ipv4Address::toString).orElse(""));
        fields.put("dhcp.option.ip_address_lease_time", m.leaseTime().isPresent() ? String.valueOf(m.leaseTime()
                .getAsLong()) : "");
        fields.put("dhcp.option.subnet_mask", m.subnetMask().map(Ipv4Address::toString).orElse(""));
        fields.put("dhcp.option.router", m.routers().isEmpty() ? "" : m.routers().get(0).toString());
        fields.put("dhcp.option.hostname", m.hostName().orElse(""));
        add("home-lan", srcMac, MacAddress.BROADCAST, ip, fields, null);
    }

    private void dns(Ipv4Address from, Ipv4Address to, int srcPort, int dstPort, DnsMessage m) {
        UdpDatagram d = new UdpDatagram(srcPort, dstPort, m.toBytes());
        Ipv4Packet ip = Ipv4Packet.of(from, to, Ipv4Packet.PROTOCOL_UDP, 64, ipId++, d.toBytes(from, to));
        Map<String, String> fields = udpFields(ip, d);
        fields.put("dns.id", String.format("0x%04x", m.id()));
        fields.put("dns.flags.response", m.isResponse() ? "1" : "0");
        fields.put("dns.flags.rcode", m.isResponse() ? String.valueOf(m.rcode()) : "");
        fields.put("dns.qry.name", m.questions().get(0).name());
        fields.put("dns.count.answers", String.valueOf(m.answers().size()));
        fields.put("dns.cname", m.answers().stream().filter(r -> r.type() == DnsRecord.CNAME)
                .map(r -> ((DnsRecord.Name) r.data()).target()).findFirst().orElse(""));
        fields.put("dns.a", m.answers().stream().filter(r -> r.type() == DnsRecord.A)
                .map(r -> ((DnsRecord.Address) r.data()).address().toString()).findFirst().orElse(""));
        fields.put("dns.soa.mname", m.authorities().stream().filter(r -> r.type() == DnsRecord.SOA)
                .map(r -> ((DnsRecord.Soa) r.data()).mname()).findFirst().orElse(""));
        add(link(from, to), ip, fields, m.rcode() == DnsMessage.NXDOMAIN ? "the name does not exist" : null);
    }

    private void tcp(Ipv4Address from, Ipv4Address to, TcpSegment s, String comment) {
        Ipv4Packet ip = new Ipv4Packet(0, 0, ipId++, true, false, 0, 64, Ipv4Packet.PROTOCOL_TCP, from, to, new byte[0],
                s.toBytes(from, to));
        Map<String, String> fields = ipFields(ip);
        fields.put("tcp.srcport", String.valueOf(s.sourcePort()));
        fields.put("tcp.dstport", String.valueOf(s.destinationPort()));
        fields.put("tcp.seq_raw", String.valueOf(s.sequenceNumber()));
        fields.put("tcp.ack_raw", String.valueOf(s.acknowledgmentNumber()));
        fields.put("tcp.flags", String.format("0x%04x", s.flags()));
        fields.put("tcp.options.mss_val", s.mss().isPresent() ? String.valueOf(s.mss().getAsInt()) : "");
        fields.put("tcp.len", String.valueOf(s.payload().length));
        fields.put("tcp.checksum.status", "1");
        add(link(from, to), ip, fields, comment);
    }

    private Map<String, String> ipFields(Ipv4Packet ip) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("ip.src", ip.source().toString());
        fields.put("ip.dst", ip.destination().toString());
        fields.put("ip.id", String.format("0x%04x", ip.identification()));
        fields.put("ip.ttl", String.valueOf(ip.ttl()));
        fields.put("ip.checksum.status", "1");
        return fields;
    }

    private void add(String link, Ipv4Packet ip, Map<String, String> fields, String comment) {
        boolean fromPc = ip.source().equals(PC);
        add(link, fromPc ? PC_MAC : ROUTER_MAC, fromPc ? ROUTER_MAC : PC_MAC, ip, fields, comment);
    }

    private void add(String link, MacAddress src, MacAddress dst, Ipv4Packet ip, Map<String, String> fields,
            String comment) {
        fields.put("eth.src", src.toString());
        fields.put("eth.dst", dst.toString());
        packets.add(new Packet(link, tick(), new EthernetFrame(dst, src, EthernetFrame.ETHERTYPE_IPV4, ip.toBytes()),
                comment, fields));
    }

    /** Traffic to or from the public server is recorded on the WAN link, the rest on the LAN. */
    private static String link(Ipv4Address from, Ipv4Address to) {
        return from.isPrivate() && to.isPrivate() ? "home-lan" : "internet";
    }

    private long tick() {
        now += 1_234_567L; // 1.234567 ms apart, so sub-microsecond digits show the ns resolution
        return now;
    }
}
