package portolan.sandbox.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.StringJoiner;

/**
 * A DhcpOption is one tagged entry in the options field of a DHCP message (RFC 2132): a
 * code byte, a length byte and data. PAD (0) and END (255) are framing, not options, and never
 * appear as values. Factories exist for the options the sandbox uses; any other code is kept
 * as raw bytes.
 */
public record DhcpOption(int code, byte[] data) {
    public static final int PAD = 0;
    public static final int SUBNET_MASK = 1;
    public static final int ROUTER = 3;
    public static final int DNS_SERVERS = 6;
    public static final int HOST_NAME = 12;
    public static final int REQUESTED_IP = 50;
    public static final int LEASE_TIME = 51;
    public static final int MESSAGE_TYPE = 53;
    public static final int SERVER_ID = 54;
    public static final int PARAMETER_REQUEST_LIST = 55;
    public static final int RENEWAL_TIME = 58;
    public static final int REBINDING_TIME = 59;
    public static final int CLIENT_ID = 61;
    public static final int END = 255;

    public DhcpOption {
        Bytes.requireRange("the DHCP option code (PAD 0 and END 255 are framing)", code, 1, 254);
        if (data == null || data.length > 255) {
            throw new IllegalArgumentException("DHCP option " + code + " holds 0 to 255 bytes, not "
                    + (data == null ? "none" : data.length));
        }
        data = data.clone();
    }

    public static DhcpOption messageType(DhcpMessageType type) {
        return new DhcpOption(MESSAGE_TYPE, new byte[] {(byte) type.code()});
    }

    public static DhcpOption subnetMask(Ipv4Address mask) {
        return new DhcpOption(SUBNET_MASK, mask.toBytes());
    }

    public static DhcpOption router(Ipv4Address... routers) {
        return addresses(ROUTER, routers);
    }

    public static DhcpOption dnsServers(Ipv4Address... servers) {
        return addresses(DNS_SERVERS, servers);
    }

    public static DhcpOption serverId(Ipv4Address server) {
        return new DhcpOption(SERVER_ID, server.toBytes());
    }

    public static DhcpOption requestedIp(Ipv4Address address) {
        return new DhcpOption(REQUESTED_IP, address.toBytes());
    }

    /** Lease time in seconds (option 51). */
    public static DhcpOption leaseTime(long seconds) {
        return seconds(LEASE_TIME, seconds);
    }

    /** T1, when the client starts renewing with its server (option 58). */
    public static DhcpOption renewalTime(long seconds) {
        return seconds(RENEWAL_TIME, seconds);
    }

    /** T2, when the client starts asking any server (option 59). */
    public static DhcpOption rebindingTime(long seconds) {
        return seconds(REBINDING_TIME, seconds);
    }

    public static DhcpOption hostName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a DHCP host name must not be empty");
        }
        return new DhcpOption(HOST_NAME, name.getBytes(StandardCharsets.US_ASCII));
    }

    /** Client identifier as most clients send it: hardware type 1 (Ethernet) and the MAC (RFC 2132 §9.14). */
    public static DhcpOption clientId(MacAddress mac) {
        byte[] b = new byte[7];
        b[0] = 1;
        mac.write(b, 1);
        return new DhcpOption(CLIENT_ID, b);
    }

    /** The option codes the client asks the server to include (option 55). */
    public static DhcpOption parameterRequestList(int... codes) {
        byte[] b = new byte[codes.length];
        for (int i = 0; i < codes.length; i++) {
            Bytes.requireRange("a requested option code", codes[i], 1, 254);
            b[i] = (byte) codes[i];
        }
        return new DhcpOption(PARAMETER_REQUEST_LIST, b);
    }

    private static DhcpOption addresses(int code, Ipv4Address... addresses) {
        if (addresses.length == 0) {
            throw new IllegalArgumentException("DHCP option " + code + " needs at least one address");
        }
        byte[] b = new byte[4 * addresses.length];
        for (int i = 0; i < addresses.length; i++) {
            addresses[i].write(b, 4 * i);
        }
        return new DhcpOption(code, b);
    }

    private static DhcpOption seconds(int code, long seconds) {
        Bytes.requireRange("a DHCP time in seconds", seconds, 0, 0xffffffffL);
        byte[] b = new byte[4];
        Bytes.put32(b, 0, seconds);
        return new DhcpOption(code, b);
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The data read as IPv4 addresses (options 1, 3, 6, 50, 54). */
    public List<Ipv4Address> addresses() {
        List<Ipv4Address> list = new ArrayList<>();
        for (int i = 0; i + 4 <= data.length; i += 4) {
            list.add(Ipv4Address.read(data, i));
        }
        return List.copyOf(list);
    }

    /** The data read as a 32-bit unsigned number (options 51, 58, 59). */
    public long number() {
        return Bytes.u32(data, 0);
    }

    /**
     * Checks the length the RFC fixes for known codes, so accessors never read past the data.
     *
     * @throws MalformedPacketException naming the option
     */
    void validate() {
        boolean ok = switch (code) {
            case SUBNET_MASK, REQUESTED_IP, SERVER_ID, LEASE_TIME, RENEWAL_TIME, REBINDING_TIME -> data.length == 4;
            case ROUTER, DNS_SERVERS -> data.length >= 4 && data.length % 4 == 0;
            case MESSAGE_TYPE -> data.length == 1;
            case HOST_NAME, PARAMETER_REQUEST_LIST -> data.length >= 1;
            case CLIENT_ID -> data.length >= 2;
            default -> true;
        };
        if (!ok) {
            throw new MalformedPacketException("option " + code, "DHCP option " + code + " (" + name() + ") is "
                    + data.length + " bytes long, which RFC 2132 does not allow for it");
        }
        if (code == MESSAGE_TYPE) {
            DhcpMessageType.of(data[0] & 0xff);
        }
    }

    private String name() {
        return switch (code) {
            case SUBNET_MASK -> "subnet mask";
            case ROUTER -> "router";
            case DNS_SERVERS -> "DNS servers";
            case HOST_NAME -> "host name";
            case REQUESTED_IP -> "requested IP address";
            case LEASE_TIME -> "lease time";
            case MESSAGE_TYPE -> "message type";
            case SERVER_ID -> "server identifier";
            case PARAMETER_REQUEST_LIST -> "parameter request list";
            case RENEWAL_TIME -> "renewal time T1";
            case REBINDING_TIME -> "rebinding time T2";
            case CLIENT_ID -> "client identifier";
            default -> "option " + code;
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DhcpOption d && code == d.code && Arrays.equals(data, d.data);
    }

    @Override
    public int hashCode() {
        return code * 31 + Arrays.hashCode(data);
    }

    /** e.g. {@code router 192.168.0.1} or {@code lease time 86400}. */
    @Override
    public String toString() {
        return name() + " " + switch (code) {
            case SUBNET_MASK, ROUTER, DNS_SERVERS, REQUESTED_IP, SERVER_ID -> {
                StringJoiner j = new StringJoiner(",");
                addresses().forEach(a -> j.add(a.toString()));
                yield j.toString();
            }
            case LEASE_TIME, RENEWAL_TIME, REBINDING_TIME -> String.valueOf(number());
            case MESSAGE_TYPE -> DhcpMessageType.of(data[0] & 0xff).name();
            case HOST_NAME -> new String(data, StandardCharsets.US_ASCII);
            case PARAMETER_REQUEST_LIST -> {
                StringJoiner j = new StringJoiner(",");
                for (byte b : data) {
                    j.add(String.valueOf(b & 0xff));
                }
                yield j.toString();
            }
            default -> "0x" + HexFormat.of().formatHex(data);
        };
    }
}
