package portolan.sandbox.stack;

import portolan.sandbox.wire.Ipv4Packet;

/**
 * An IpHook sees every IPv4 packet at one point of a node's IP stack — on ingress before the
 * routing decision, or on egress after it — and may pass it on unchanged, rewrite it (NAT) or
 * stop it (a firewall), like a netfilter hook. Returning null stops the packet; the hook should
 * then call {@link IpStack#drop} with a reason so the trace explains it.
 */
@FunctionalInterface
public interface IpHook {

    /**
     * @param packet the packet as it is now
     * @param nic the interface it arrived on (ingress) or will leave by (egress)
     * @return the packet to continue with, or null to stop it
     */
    Ipv4Packet process(Ipv4Packet packet, Nic nic);
}
