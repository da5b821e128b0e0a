package portolan.sandbox.stack;

import java.util.List;
import portolan.sandbox.sim.SimTime;
import portolan.sandbox.sim.Simulator;
import portolan.sandbox.sim.WaitQueue;
import portolan.sandbox.wire.IcmpMessage;
import portolan.sandbox.wire.Ipv4Address;
import portolan.sandbox.wire.Ipv4Packet;

/**
 * A Pinger sends ICMP echo requests from one node and waits, in virtual time, for the matching
 * reply or ICMP error. When nothing comes back it reads the trace to say where the request or
 * its reply was dropped.
 */
public final class Pinger implements IcmpListener {
    /** How long to wait for a reply by default. */
    public static final long DEFAULT_TIMEOUT = 2 * SimTime.SECOND;
    private static final int PAYLOAD = 56; // ping's default data size

    private final IpStack ip;
    private final PacketTrace trace;
    private final int identifier;
    private int sequence;
    private Outstanding waiting;

    private static final class Outstanding {
        final Ipv4Address target;
        final int sequence;
        final long sentAt;
        final WaitQueue replied;
        PingResult result;

        Outstanding(Ipv4Address target, int sequence, long sentAt, WaitQueue replied) {
            this.target = target;
            this.sequence = sequence;
            this.sentAt = sentAt;
            this.replied = replied;
        }
    }

    public Pinger(IpStack ip, PacketTrace trace, int identifier) {
        this.ip = ip;
        this.trace = trace;
        this.identifier = identifier & 0xffff;
        ip.addIcmpListener(this);
    }

    /**
     * Sends one echo request with {@code ttl} and blocks (in virtual time) until the reply, an
     * ICMP error or {@code timeoutNanos}.
     */
    public PingResult ping(Ipv4Address target, int ttl, long timeoutNanos) {
        if (waiting != null) {
            throw new IllegalStateException(ip.hostName() + " is already waiting for a ping reply from " + waiting.target
                    + "; one ping at a time per host");
        }
        Simulator sim = ip.simulator();
        Ipv4Address source = ip.sourceAddressFor(target);
        if (source == null) {
            return new PingResult(target, false, null, -1, -1, ip.hostName() + " has no route to " + target
                    + " (no matching route and no default gateway); see " + ip.hostName() + ".routes()");
        }
        int seq = ++sequence & 0xffff;
        int traceStart = trace.size();
        Outstanding o = new Outstanding(target, seq, sim.now(),
                new WaitQueue(sim, "host " + ip.hostName() + ": ping " + target + " waiting for a reply"));
        waiting = o;
        try {
            byte[] data = new byte[PAYLOAD];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) i;
            }
            ip.send(Ipv4Packet.of(source, target, Ipv4Packet.PROTOCOL_ICMP, ttl, ip.nextId(),
                    IcmpMessage.echoRequest(identifier, seq, data).toBytes()));
            o.replied.awaitUntil(() -> o.result != null, timeoutNanos);
            PingResult r = o.result;
            if (r != null && !r.success()) {
                String where = explain(traceStart, seq);
                return where == null ? r : new PingResult(target, false, r.from(), r.rttNanos(), r.ttl(),
                        r.explanation() + "; " + where);
            }
            if (r != null) {
                return r;
            }
            String where = explain(traceStart, seq);
            return new PingResult(target, false, null, -1, -1, "no reply within " + SimTime.format(timeoutNanos) + ": "
                    + (where != null ? where
                    : "nothing in the trace shows a drop; the reply may simply be slower than the timeout"));
        } finally {
            waiting = null;
        }
    }

    @Override
    public void icmp(Ipv4Packet packet, IcmpMessage message) {
        Outstanding o = waiting;
        if (o == null) {
            return;
        }
        long rtt = ip.simulator().now() - o.sentAt;
        if (message.type() == IcmpMessage.TYPE_ECHO_REPLY && message.identifier() == identifier
                && message.sequence() == o.sequence) {
            o.result = new PingResult(o.target, true, packet.source(), rtt, packet.ttl(), null);
        } else if (message.isError() && quotesOurRequest(message, o)) {
            o.result = new PingResult(o.target, false, packet.source(), rtt, packet.ttl(), packet.source()
                    + " answered: " + message.toString().replaceFirst("^ICMP ", ""));
        }
        if (o.result != null) {
            o.replied.signalAll();
        }
    }

    private boolean quotesOurRequest(IcmpMessage error, Outstanding o) {
        try {
            byte[] quoted = error.body();
            int headerLength = (quoted[0] & 15) * 4;
            Ipv4Address destination = Ipv4Address.of(java.util.Arrays.copyOfRange(quoted, 16, 20));
            int id = (quoted[headerLength + 4] & 0xff) << 8 | (quoted[headerLength + 5] & 0xff);
            int seq = (quoted[headerLength + 6] & 0xff) << 8 | (quoted[headerLength + 7] & 0xff);
            return destination.equals(o.target) && id == identifier && seq == o.sequence;
        } catch (ArrayIndexOutOfBoundsException e) {
            return false;
        }
    }

    /** Finds, in the trace since the request was sent, where our request or its reply was dropped (null if nowhere). */
    private String explain(int traceStart, int seq) {
        List<TraceEntry> entries = trace.entries();
        for (int i = traceStart; i < entries.size(); i++) {
            TraceEntry e = entries.get(i);
            if (!e.isDrop()) {
                continue;
            }
            Ipv4Packet p = e.ipv4();
            if (p != null && p.protocol() == Ipv4Packet.PROTOCOL_ICMP && p.fragmentOffset() == 0) {
                byte[] payload = p.payload();
                if (payload.length >= 8 && (payload[0] == IcmpMessage.TYPE_ECHO_REQUEST
                        || payload[0] == IcmpMessage.TYPE_ECHO_REPLY)
                        && ((payload[4] & 0xff) << 8 | (payload[5] & 0xff)) == identifier
                        && ((payload[6] & 0xff) << 8 | (payload[7] & 0xff)) == seq) {
                    String what = payload[0] == IcmpMessage.TYPE_ECHO_REQUEST ? "the echo request" : "the echo reply";
                    return what + " was dropped at " + e.place() + " (trace #" + e.number() + "): " + e.reason();
                }
            }
        }
        return null;
    }
}
