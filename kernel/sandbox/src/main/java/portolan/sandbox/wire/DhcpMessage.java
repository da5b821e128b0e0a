package portolan.sandbox.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.StringJoiner;

/**
 * A DhcpMessage is a Dynamic Host Configuration Protocol message (RFC 2131 §2): the BOOTP
 * layout with a magic cookie and tagged options (RFC 2132), carried in UDP from port 68 to 67
 * and back.
 *
 * <pre>
 *  op | htype | hlen | hops | xid (4) | secs (2) | flags (2) | ciaddr | yiaddr | siaddr | giaddr
 *  chaddr (16) | sname (64) | file (128) | magic cookie 99.130.83.99 | options ... END
 * </pre>
 *
 * <p>The sandbox speaks DHCP over Ethernet only, so htype is 1 and hlen 6 and the client
 * hardware address is a {@link MacAddress}. Options keep their order, so output is
 * deterministic; option 53 (message type) is required, which is what makes a BOOTP packet a
 * DHCP one. {@link #toBytes()} ends the options with END and pads the message with zeros to
 * 300 bytes, the BOOTP minimum that relays and old servers expect (RFC 1542 §2.1). Option
 * overloading (52) and long-option concatenation (RFC 3396) are not interpreted.
 *
 * @param op {@link #BOOTREQUEST} (client to server) or {@link #BOOTREPLY}
 * @param xid transaction id chosen by the client, 32-bit unsigned
 * @param broadcast the flags' B bit: the client cannot receive unicast before it has an address
 * @param ciaddr the client's current address (only when it already has one: RENEWING, INFORM)
 * @param yiaddr "your" address: the one the server offers or assigns
 * @param siaddr next server (boot server), usually 0.0.0.0
 * @param giaddr relay agent address, 0.0.0.0 without a relay
 */
public record DhcpMessage(int op, int hops, long xid, int secs, boolean broadcast, Ipv4Address ciaddr,
        Ipv4Address yiaddr, Ipv4Address siaddr, Ipv4Address giaddr, MacAddress chaddr, String sname, String file,
        List<DhcpOption> options) {
    public static final int BOOTREQUEST = 1;
    public static final int BOOTREPLY = 2;
    public static final int SERVER_PORT = 67;
    public static final int CLIENT_PORT = 68;
    public static final long MAGIC_COOKIE = 0x63825363L;
    private static final int FIXED = 236;
    private static final int MIN_MESSAGE = 300;

    public DhcpMessage {
        if (op != BOOTREQUEST && op != BOOTREPLY) {
            throw new IllegalArgumentException("DHCP op must be 1 (BOOTREQUEST) or 2 (BOOTREPLY), not " + op);
        }
        Bytes.requireRange("hops", hops, 0, 255);
        Bytes.requireRange("the transaction id", xid, 0, 0xffffffffL);
        Bytes.requireRange("secs", secs, 0, 0xffff);
        if (ciaddr == null || yiaddr == null || siaddr == null || giaddr == null || chaddr == null || options == null) {
            throw new IllegalArgumentException("a DHCP message needs all four addresses, chaddr and options");
        }
        sname = checkText("sname", sname, 64);
        file = checkText("file", file, 128);
        options = List.copyOf(options);
        if (options.stream().filter(o -> o.code() == DhcpOption.MESSAGE_TYPE).count() != 1) {
            throw new IllegalArgumentException("a DHCP message needs exactly one message type option (53)");
        }
    }

    /** A client message with no addresses known except, optionally, later via {@link #withCiaddr}. */
    public static DhcpMessage request(DhcpMessageType type, long xid, MacAddress chaddr, boolean broadcast,
            List<DhcpOption> options) {
        return new DhcpMessage(BOOTREQUEST, 0, xid, 0, broadcast, Ipv4Address.ANY, Ipv4Address.ANY, Ipv4Address.ANY,
                Ipv4Address.ANY, chaddr, "", "", withType(type, options));
    }

    /** A server answer to {@code request}: same xid, flags, relay and client hardware address (RFC 2131 §4.3). */
    public static DhcpMessage reply(DhcpMessage request, DhcpMessageType type, Ipv4Address yiaddr,
            List<DhcpOption> options) {
        return new DhcpMessage(BOOTREPLY, 0, request.xid, 0, request.broadcast, Ipv4Address.ANY, yiaddr, Ipv4Address.ANY,
                request.giaddr, request.chaddr, "", "", withType(type, options));
    }

    private static List<DhcpOption> withType(DhcpMessageType type, List<DhcpOption> options) {
        List<DhcpOption> all = new ArrayList<>();
        all.add(DhcpOption.messageType(type));
        all.addAll(options);
        return all;
    }

    public DhcpMessage withCiaddr(Ipv4Address address) {
        return new DhcpMessage(op, hops, xid, secs, broadcast, address, yiaddr, siaddr, giaddr, chaddr, sname, file,
                options);
    }

    private static String checkText(String field, String text, int size) {
        String t = text == null ? "" : text;
        if (t.getBytes(StandardCharsets.US_ASCII).length >= size || !StandardCharsets.US_ASCII.newEncoder().canEncode(t)) {
            throw new IllegalArgumentException("DHCP " + field + " must be ASCII shorter than " + size + " bytes: " + t);
        }
        return t;
    }

    public DhcpMessageType messageType() {
        return DhcpMessageType.of(option(DhcpOption.MESSAGE_TYPE).orElseThrow().data()[0] & 0xff);
    }

    /** The first option with {@code code}. */
    public Optional<DhcpOption> option(int code) {
        return options.stream().filter(o -> o.code() == code).findFirst();
    }

    public Optional<Ipv4Address> subnetMask() {
        return address(DhcpOption.SUBNET_MASK);
    }

    public List<Ipv4Address> routers() {
        return option(DhcpOption.ROUTER).map(DhcpOption::addresses).orElse(List.of());
    }

    public List<Ipv4Address> dnsServers() {
        return option(DhcpOption.DNS_SERVERS).map(DhcpOption::addresses).orElse(List.of());
    }

    public Optional<Ipv4Address> serverId() {
        return address(DhcpOption.SERVER_ID);
    }

    public Optional<Ipv4Address> requestedIp() {
        return address(DhcpOption.REQUESTED_IP);
    }

    public OptionalLong leaseTime() {
        return number(DhcpOption.LEASE_TIME);
    }

    public OptionalLong renewalTime() {
        return number(DhcpOption.RENEWAL_TIME);
    }

    public OptionalLong rebindingTime() {
        return number(DhcpOption.REBINDING_TIME);
    }

    public Optional<String> hostName() {
        return option(DhcpOption.HOST_NAME).map(o -> new String(o.data(), StandardCharsets.US_ASCII));
    }

    public List<Integer> parameterRequestList() {
        return option(DhcpOption.PARAMETER_REQUEST_LIST).map(o -> {
            List<Integer> codes = new ArrayList<>();
            for (byte b : o.data()) {
                codes.add(b & 0xff);
            }
            return List.copyOf(codes);
        }).orElse(List.of());
    }

    private Optional<Ipv4Address> address(int code) {
        return option(code).map(o -> o.addresses().get(0));
    }

    private OptionalLong number(int code) {
        Optional<DhcpOption> o = option(code);
        return o.isPresent() ? OptionalLong.of(o.get().number()) : OptionalLong.empty();
    }

    /**
     * Parses a DHCP message (the UDP payload).
     *
     * @throws MalformedPacketException naming "length", "op", "htype", "hlen", "magic cookie",
     *         "options" or the offending option
     */
    public static DhcpMessage parse(byte[] b) {
        Bytes.requireLength(b, FIXED + 4, "DHCP message", "length");
        int op = Bytes.u8(b, 0);
        if (op != BOOTREQUEST && op != BOOTREPLY) {
            throw new MalformedPacketException("op", "DHCP op is " + op + " but must be 1 (request) or 2 (reply)");
        }
        if (Bytes.u8(b, 1) != 1) {
            throw new MalformedPacketException("htype", "DHCP hardware type is " + Bytes.u8(b, 1)
                    + " but the sandbox only speaks Ethernet (1)");
        }
        if (Bytes.u8(b, 2) != MacAddress.LENGTH) {
            throw new MalformedPacketException("hlen", "DHCP hardware address length is " + Bytes.u8(b, 2)
                    + " but an Ethernet MAC address is 6 bytes");
        }
        if (Bytes.u32(b, FIXED) != MAGIC_COOKIE) {
            throw new MalformedPacketException("magic cookie", "DHCP magic cookie is 0x" + Long.toHexString(Bytes.u32(b, FIXED))
                    + " but must be 0x63825363 (99.130.83.99): without it the options cannot be read");
        }
        List<DhcpOption> options = parseOptions(b);
        if (options.stream().noneMatch(o -> o.code() == DhcpOption.MESSAGE_TYPE)) {
            throw new MalformedPacketException("option 53", "DHCP message type option (53) is missing: this is a plain "
                    + "BOOTP message, not DHCP");
        }
        if (options.stream().filter(o -> o.code() == DhcpOption.MESSAGE_TYPE).count() > 1) {
            throw new MalformedPacketException("option 53", "DHCP message type option (53) appears more than once");
        }
        return new DhcpMessage(op, Bytes.u8(b, 3), Bytes.u32(b, 4), Bytes.u16(b, 8), (Bytes.u8(b, 10) & 0x80) != 0,
                Ipv4Address.read(b, 12), Ipv4Address.read(b, 16), Ipv4Address.read(b, 20), Ipv4Address.read(b, 24),
                MacAddress.read(b, 28), text(b, 44, 64), text(b, 108, 128), options);
    }

    private static List<DhcpOption> parseOptions(byte[] b) {
        List<DhcpOption> options = new ArrayList<>();
        int i = FIXED + 4;
        while (true) {
            if (i >= b.length) {
                throw new MalformedPacketException("options", "DHCP options end at byte " + b.length
                        + " without the END option (255) that must close them");
            }
            int code = Bytes.u8(b, i);
            if (code == DhcpOption.END) {
                return options;
            }
            if (code == DhcpOption.PAD) {
                i++;
                continue;
            }
            if (i + 1 >= b.length || i + 2 + Bytes.u8(b, i + 1) > b.length) {
                throw new MalformedPacketException("options", "DHCP option " + code + " at byte " + i
                        + " runs past the end of the message");
            }
            DhcpOption option = new DhcpOption(code, Arrays.copyOfRange(b, i + 2, i + 2 + Bytes.u8(b, i + 1)));
            option.validate();
            options.add(option);
            i += 2 + Bytes.u8(b, i + 1);
        }
    }

    private static String text(byte[] b, int at, int size) {
        int end = at;
        while (end < at + size && b[end] != 0) {
            end++;
        }
        byte[] chars = Arrays.copyOfRange(b, at, end);
        for (byte c : chars) {
            if (c < 0x20 || c > 0x7e) {
                return ""; // not text (e.g. overloaded options): not interpreted, see the class comment
            }
        }
        return new String(chars, StandardCharsets.US_ASCII);
    }

    /** The message as sent: fixed part, cookie, options, END, zero padding to 300 bytes. */
    public byte[] toBytes() {
        int length = FIXED + 4 + options.stream().mapToInt(o -> 2 + o.data().length).sum() + 1;
        byte[] b = new byte[Math.max(length, MIN_MESSAGE)];
        b[0] = (byte) op;
        b[1] = 1;
        b[2] = MacAddress.LENGTH;
        b[3] = (byte) hops;
        Bytes.put32(b, 4, xid);
        Bytes.put16(b, 8, secs);
        Bytes.put16(b, 10, broadcast ? 0x8000 : 0);
        ciaddr.write(b, 12);
        yiaddr.write(b, 16);
        siaddr.write(b, 20);
        giaddr.write(b, 24);
        chaddr.write(b, 28);
        byte[] s = sname.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(s, 0, b, 44, s.length);
        byte[] f = file.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(f, 0, b, 108, f.length);
        Bytes.put32(b, FIXED, MAGIC_COOKIE);
        int i = FIXED + 4;
        for (DhcpOption o : options) {
            byte[] data = o.data();
            b[i] = (byte) o.code();
            b[i + 1] = (byte) data.length;
            System.arraycopy(data, 0, b, i + 2, data.length);
            i += 2 + data.length;
        }
        b[i] = (byte) DhcpOption.END;
        return b;
    }

    /** e.g. {@code DHCP OFFER xid 0x3903f326 02:00:00:00:00:04 yiaddr 192.168.0.100 [server identifier 192.168.0.1, ...]}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("DHCP ").append(messageType()).append(" xid 0x")
                .append(Long.toHexString(xid)).append(' ').append(chaddr);
        if (!ciaddr.isAny()) {
            s.append(" ciaddr ").append(ciaddr);
        }
        if (!yiaddr.isAny()) {
            s.append(" yiaddr ").append(yiaddr);
        }
        StringJoiner j = new StringJoiner(", ", " [", "]");
        options.stream().filter(o -> o.code() != DhcpOption.MESSAGE_TYPE).forEach(o -> j.add(o.toString()));
        return s.append(options.size() > 1 ? j.toString() : "").toString();
    }
}
