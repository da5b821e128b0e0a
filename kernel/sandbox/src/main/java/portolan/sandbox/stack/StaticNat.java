package portolan.sandbox.stack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import portolan.sandbox.wire.Ipv4Address;
import portolan.sandbox.wire.Ipv4Packet;

/**
 * StaticNat is one-to-one NAT (RFC 2663 §4.1 "basic NAT") on a router: each public address maps
 * to exactly one inside address, ports unchanged, so the inside host never sees its public
 * address — what a cloud's edge does for instances' public IPs. Rewrites reuse {@link NatRewrite}.
 */
public final class StaticNat {
    /** One mapping as a plain row. */
    public record Mapping(Ipv4Address publicAddress, Ipv4Address privateAddress) {
    }

    private final Map<Ipv4Address, Ipv4Address> inbound = new TreeMap<>();
    private final Map<Ipv4Address, Ipv4Address> outbound = new TreeMap<>();

    public void map(Ipv4Address publicAddress, Ipv4Address privateAddress) {
        if (inbound.containsKey(publicAddress)) {
            throw new IllegalArgumentException(publicAddress + " is already mapped to " + inbound.get(publicAddress));
        }
        inbound.put(publicAddress, privateAddress);
        outbound.put(privateAddress, publicAddress);
    }

    public void unmap(Ipv4Address publicAddress) {
        Ipv4Address inside = inbound.remove(publicAddress);
        if (inside != null) {
            outbound.remove(inside);
        }
    }

    /** The inside address of {@code publicAddress}, or null. */
    public Ipv4Address inside(Ipv4Address publicAddress) {
        return inbound.get(publicAddress);
    }

    /** The public address of {@code privateAddress}, or null. */
    public Ipv4Address outside(Ipv4Address privateAddress) {
        return outbound.get(privateAddress);
    }

    /** Rewrites the destination of a packet coming in for a mapped public address (else returns it as is). */
    public Ipv4Packet in(Ipv4Packet p) {
        Ipv4Address inside = inbound.get(p.destination());
        return inside == null ? p : rewrite(p, p.source(), inside);
    }

    /** Rewrites the source of a packet leaving from a mapped inside address (else returns it as is). */
    public Ipv4Packet out(Ipv4Packet p) {
        Ipv4Address outside = outbound.get(p.source());
        return outside == null ? p : rewrite(p, outside, p.destination());
    }

    private static Ipv4Packet rewrite(Ipv4Packet p, Ipv4Address src, Ipv4Address dst) {
        if (!NatRewrite.translatable(p)) {
            return p.withSource(src).withDestination(dst);
        }
        return NatRewrite.rewrite(p, new Endpoint(src, NatRewrite.sourcePort(p)), new Endpoint(dst,
                NatRewrite.destinationPort(p)));
    }

    public List<Mapping> mappings() {
        List<Mapping> rows = new ArrayList<>();
        inbound.forEach((pub, priv) -> rows.add(new Mapping(pub, priv)));
        return rows;
    }
}
