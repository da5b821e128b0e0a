package portolan.sandbox.stack;

/**
 * A PortForward is one port forwarding rule of a NAT router: traffic of {@code protocol}
 * arriving at the public address on {@code outsidePort} goes to {@code inside} on the LAN.
 */
public record PortForward(IpProtocol protocol, int outsidePort, Endpoint inside) {

    /** "TCP 8081 → 192.168.0.4:80". */
    @Override
    public String toString() {
        return protocol + " " + outsidePort + " → " + inside;
    }
}
