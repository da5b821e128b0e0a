package portolan.sandbox.stack;

import portolan.sandbox.wire.Cidr;
import portolan.sandbox.wire.Ipv4Address;

/**
 * An IpInterface is a NIC together with the IPv4 address and prefix configured on it
 * ("192.168.0.4/24" on eth0).
 */
public record IpInterface(Nic nic, Cidr cidr) {

    public Ipv4Address address() {
        return cidr.address();
    }

    @Override
    public String toString() {
        return nic.name() + " " + cidr + " " + nic.mac();
    }
}
