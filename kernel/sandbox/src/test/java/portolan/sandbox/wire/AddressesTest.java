package portolan.sandbox.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class AddressesTest {
    @Test
    void macParsesAndPrintsLowercase() {
        MacAddress mac = MacAddress.parse("02:00:00:00:00:0A");
        assertEquals(0x02000000000aL, mac.bits());
        assertEquals("02:00:00:00:00:0a", mac.toString());
        assertEquals(mac, MacAddress.parse("02-00-00-00-00-0a"));
        assertArrayEquals(Hex.bytes("02000000000a"), mac.toBytes());
        assertEquals(mac, MacAddress.of(mac.toBytes()));
        assertTrue(mac.isLocallyAdministered());
        assertFalse(mac.isMulticast());
    }

    @Test
    void macBroadcastAndMulticast() {
        assertEquals("ff:ff:ff:ff:ff:ff", MacAddress.BROADCAST.toString());
        assertTrue(MacAddress.parse("ff:ff:ff:ff:ff:ff").isBroadcast());
        assertTrue(MacAddress.BROADCAST.isMulticast());
        assertTrue(MacAddress.parse("01:00:5e:00:00:01").isMulticast());
        assertFalse(MacAddress.parse("01:00:5e:00:00:01").isBroadcast());
    }

    @Test
    void macRejectsBadText() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MacAddress.parse("02:00:00:00:00"))
                .getMessage().contains("found 5 part"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MacAddress.parse("02:00:00:00:00:zz"))
                .getMessage().contains("'zz' is not two hex digits"));
        assertThrows(IllegalArgumentException.class, () -> MacAddress.of(1L << 48));
    }

    @Test
    void ipv4ParsesAndPrints() {
        Ipv4Address a = Ipv4Address.parse("192.168.0.4");
        assertEquals(0xc0a80004, a.toInt());
        assertEquals("192.168.0.4", a.toString());
        assertArrayEquals(Hex.bytes("c0a80004"), a.toBytes());
        assertEquals(a, Ipv4Address.of(192, 168, 0, 4));
        assertEquals("255.255.255.255", Ipv4Address.BROADCAST.toString());
        assertEquals("0.0.0.0", Ipv4Address.ANY.toString());
        assertEquals(Ipv4Address.parse("0.0.0.0"), Ipv4Address.ANY);
    }

    @Test
    void ipv4ErrorsSayWhatIsWrong() {
        assertEquals("'256.1.1.1' is not an IPv4 address: 256 is larger than 255, the most one byte can hold",
                assertThrows(IllegalArgumentException.class, () -> Ipv4Address.parse("256.1.1.1")).getMessage());
        assertEquals("'1.2.3' is not an IPv4 address: expected 4 numbers separated by dots like 192.168.0.4, found 3",
                assertThrows(IllegalArgumentException.class, () -> Ipv4Address.parse("1.2.3")).getMessage());
        assertEquals("' 1.2.3.4' is not an IPv4 address: it contains spaces; remove them",
                assertThrows(IllegalArgumentException.class, () -> Ipv4Address.parse(" 1.2.3.4")).getMessage());
        assertEquals("'192.168.010.1' is not an IPv4 address: '010' has a leading zero; write 10 (some tools would read "
                + "it as octal)", assertThrows(IllegalArgumentException.class, () -> Ipv4Address.parse("192.168.010.1"))
                .getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Ipv4Address.parse("1.2..4")).getMessage()
                .contains("number 3 is empty"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Ipv4Address.parse("1.2.3.x")).getMessage()
                .contains("'x' is not a decimal number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Ipv4Address.parse("1.2.3.99999999999"))
                .getMessage().contains("larger than 255"));
        assertThrows(IllegalArgumentException.class, () -> Ipv4Address.parse(""));
        assertThrows(IllegalArgumentException.class, () -> Ipv4Address.parse(null));
    }

    @Test
    void ipv4ClassifiesAndOrdersUnsigned() {
        assertTrue(Ipv4Address.parse("10.1.2.3").isPrivate());
        assertTrue(Ipv4Address.parse("172.16.0.1").isPrivate());
        assertTrue(Ipv4Address.parse("172.31.255.255").isPrivate());
        assertFalse(Ipv4Address.parse("172.32.0.1").isPrivate());
        assertTrue(Ipv4Address.parse("192.168.255.1").isPrivate());
        assertFalse(Ipv4Address.parse("59.6.66.238").isPrivate());
        assertTrue(Ipv4Address.parse("127.0.0.53").isLoopback());
        assertFalse(Ipv4Address.parse("128.0.0.1").isLoopback());
        List<Ipv4Address> sorted = List.copyOf(new TreeSet<>(List.of(Ipv4Address.parse("192.168.0.1"),
                Ipv4Address.parse("10.0.0.1"), Ipv4Address.parse("200.0.0.1"))));
        assertEquals("[10.0.0.1, 192.168.0.1, 200.0.0.1]", sorted.toString());
    }

    @Test
    void cidrNetworkForm() {
        Cidr lan = Cidr.parse("192.168.0.0/24");
        assertEquals("192.168.0.0", lan.network().toString());
        assertEquals("192.168.0.255", lan.broadcast().toString());
        assertEquals("255.255.255.0", lan.mask().toString());
        assertEquals(24, lan.prefixLength());
        assertEquals("192.168.0.1", lan.host(1).toString());
        assertEquals(256, lan.size());
        assertTrue(lan.contains(Ipv4Address.parse("192.168.0.200")));
        assertFalse(lan.contains(Ipv4Address.parse("192.168.1.1")));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> lan.host(256)).getMessage()
                .contains("host 256 does not exist in 192.168.0.0/24"));
    }

    @Test
    void cidrInterfaceFormKeepsTheAddress() {
        Cidr iface = Cidr.parse("192.168.0.4/24");
        assertEquals("192.168.0.4", iface.address().toString());
        assertEquals("192.168.0.4/24", iface.toString());
        assertEquals("192.168.0.0/24", iface.toNetwork().toString());
        assertTrue(iface.contains(Ipv4Address.parse("192.168.0.1")));
    }

    @Test
    void cidrEdgePrefixes() {
        Cidr all = Cidr.parse("0.0.0.0/0");
        assertTrue(all.contains(Ipv4Address.parse("8.8.8.8")));
        assertEquals("0.0.0.0", all.mask().toString());
        Cidr one = Cidr.parse("10.0.0.7/32");
        assertEquals("10.0.0.7", one.broadcast().toString());
        assertFalse(one.contains(Ipv4Address.parse("10.0.0.8")));
        assertEquals("255.255.240.0", Cidr.parse("172.16.0.0/20").mask().toString());
    }

    @Test
    void cidrErrors() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Cidr.parse("192.168.0.0")).getMessage()
                .contains("add the prefix length"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Cidr.parse("192.168.0.0/33")).getMessage()
                .contains("'33' must be a number from 0 to 32"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Cidr.parse("192.168.0.300/24")).getMessage()
                .contains("300 is larger than 255"));
    }
}
