package portolan.sandbox.stack;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import portolan.sandbox.sim.Event;
import portolan.sandbox.sim.SimTime;
import portolan.sandbox.sim.Simulator;
import portolan.sandbox.wire.Ipv4Address;
import portolan.sandbox.wire.Ipv4Packet;

/**
 * A Reassembler puts IPv4 fragments back together (RFC 791 §3.2, "reassembly"): fragments of
 * one datagram share (source, destination, protocol, identification); each is placed at its
 * offset, and when the fragment without "more fragments" has arrived and no gap remains, the
 * whole datagram goes up. A datagram still incomplete after the timeout is given up.
 */
public final class Reassembler {
    /** Linux's default (ipfrag_time); RFC 791 suggests 15 s as a lower bound. */
    public static final long DEFAULT_TIMEOUT = 30 * SimTime.SECOND;

    private record Key(Ipv4Address source, Ipv4Address destination, int protocol, int identification) {
    }

    private static final class Buffer {
        final TreeMap<Integer, byte[]> pieces = new TreeMap<>();
        Ipv4Packet first;
        Ipv4Packet any;
        int totalPayload = -1;
        Event timer;
    }

    private final String node;
    private final Simulator sim;
    private final Consumer<Ipv4Packet> complete;
    private final BiConsumer<Ipv4Packet, String> expired;
    private final Map<Key, Buffer> buffers = new LinkedHashMap<>();
    private long timeout = DEFAULT_TIMEOUT;

    /**
     * @param complete receives each reassembled datagram
     * @param expired receives, for a datagram given up, its first fragment (or another one if the
     *        first never came) and the reason
     */
    public Reassembler(String node, Simulator sim, Consumer<Ipv4Packet> complete, BiConsumer<Ipv4Packet, String> expired) {
        this.node = node;
        this.sim = sim;
        this.complete = complete;
        this.expired = expired;
    }

    public Reassembler timeout(long nanos) {
        if (nanos <= 0) {
            throw new IllegalArgumentException(node + ": the reassembly timeout must be positive, not " + nanos + " ns");
        }
        timeout = nanos;
        return this;
    }

    /** Datagrams currently waiting for fragments. */
    public int waiting() {
        return buffers.size();
    }

    /** Takes one fragment. */
    public void add(Ipv4Packet fragment) {
        Key key = new Key(fragment.source(), fragment.destination(), fragment.protocol(), fragment.identification());
        Buffer b = buffers.get(key);
        if (b == null) {
            b = new Buffer();
            buffers.put(key, b);
            Buffer started = b;
            b.timer = sim.schedule(timeout, node + ": reassembly timeout", () -> giveUp(key, started));
        }
        byte[] payload = fragment.payload();
        b.any = fragment;
        b.pieces.put(fragment.payloadOffset(), payload);
        if (fragment.fragmentOffset() == 0) {
            b.first = fragment;
        }
        if (!fragment.moreFragments()) {
            b.totalPayload = fragment.payloadOffset() + payload.length;
        }
        byte[] whole = assemble(b);
        if (whole != null) {
            buffers.remove(key);
            b.timer.cancel();
            Ipv4Packet f = b.first;
            complete.accept(new Ipv4Packet(f.dscp(), f.ecn(), f.identification(), f.dontFragment(), false, 0, f.ttl(),
                    f.protocol(), f.source(), f.destination(), f.options(), whole));
        }
    }

    private static byte[] assemble(Buffer b) {
        if (b.first == null || b.totalPayload < 0) {
            return null;
        }
        byte[] whole = new byte[b.totalPayload];
        int covered = 0;
        for (Map.Entry<Integer, byte[]> piece : b.pieces.entrySet()) {
            int start = piece.getKey();
            if (start > covered) {
                return null; // a gap
            }
            byte[] data = piece.getValue();
            int length = Math.min(data.length, whole.length - start);
            if (length > 0) {
                System.arraycopy(data, 0, whole, start, length);
                covered = Math.max(covered, start + length);
            }
        }
        return covered == whole.length ? whole : null;
    }

    private void giveUp(Key key, Buffer b) {
        if (buffers.get(key) != b) {
            return;
        }
        buffers.remove(key);
        int have = b.pieces.values().stream().mapToInt(p -> p.length).sum();
        String of = b.totalPayload < 0 ? "the last fragment never came" : "of " + b.totalPayload + " bytes";
        expired.accept(b.first != null ? b.first : b.any, "reassembly timeout: after " + SimTime.format(timeout)
                + " only " + have + " payload bytes of IP id " + key.identification + " from " + key.source + " had arrived ("
                + of + "), so " + node + " gives the datagram up");
    }
}
