package portolan.sandbox.stack;

import java.net.ConnectException;
import java.net.SocketException;
import portolan.sandbox.wire.TcpSegment;
import portolan.sandbox.wire.TcpSegmentView;

/**
 * TcpInput is what a connection does when a segment arrives: RFC 9293 §3.10.7 ("SEGMENT
 * ARRIVES") for the LISTEN, SYN-SENT and synchronized states, including out-of-order
 * reassembly, duplicate suppression and the FIN transitions.
 */
final class TcpInput {
    static final byte[] EMPTY = new byte[0];

    /** Out-of-order data held until the gap before it is filled; {@code fin} if a FIN followed it. */
    record Held(byte[] data, boolean fin) {
    }

    private TcpInput() {
    }

    /** Handles a segment for {@code c}; false if it belongs to a new connection instead (SYN in TIME-WAIT). */
    static boolean arrives(TcpConnection c, TcpSegmentView seg, Endpoint to, Endpoint from) {
        switch (c.state()) {
            case CLOSED -> {
                return true;
            }
            case LISTEN -> {
                listen(c, seg, to, from);
                return true;
            }
            case SYN_SENT -> {
                synSent(c, seg);
                return true;
            }
            default -> {
                return synchronizedArrives(c, seg);
            }
        }
    }

    /** §3.10.7.2: a SYN creates a child copied from the listener, in SYN-RECEIVED. */
    private static void listen(TcpConnection l, TcpSegmentView seg, Endpoint to, Endpoint from) {
        // RST is ignored, an ACK is answered with RST by the stack, so only SYN is left
        if (seg.has(TcpSegment.RST)) {
            return;
        }
        if (seg.has(TcpSegment.ACK)) {
            l.stack.sendReset(to, from, seg);
            return;
        }
        if (!seg.has(TcpSegment.SYN)) {
            return;
        }
        l.stack.acceptSyn(l, seg, to, from);
    }

    /** §3.10.7.3. */
    private static void synSent(TcpConnection c, TcpSegmentView seg) {
        boolean ackOk = false;
        if (seg.has(TcpSegment.ACK)) {
            long ack = seg.acknowledgmentNumber();
            if (Seq.leq(ack, c.iss) || Seq.gt(ack, c.sndMax)) {
                if (!seg.has(TcpSegment.RST)) {
                    c.stack.transmitReset(c.local, c.remote, ack, 0, false);
                }
                return;
            }
            ackOk = true;
        }
        if (seg.has(TcpSegment.RST)) {
            if (ackOk) {
                String why = "connection refused: no process on host " + c.remote.address() + " is listening on TCP port "
                        + c.remote.port() + " (it answered the SYN from host " + c.stack.hostName() + " with RST)";
                c.fail(new ConnectException(why), "RST received: connection refused");
            }
            return;
        }
        if (!seg.has(TcpSegment.SYN)) {
            return;
        }
        c.irs = seg.sequenceNumber();
        c.rcvNxt = Seq.add(c.irs, 1);
        c.sendMss = c.stack.peerMss(seg);
        c.sndWnd = seg.window();
        c.sndWl1 = seg.sequenceNumber();
        c.sndWl2 = seg.acknowledgmentNumber();
        if (ackOk) {
            c.sndUna = seg.acknowledgmentNumber();
            c.stopRetransmit();
            c.retries = 0;
            if (c.timing) {
                TcpTimers.rttSample(c, c.stack.sim().now() - c.timedAt);
                c.timing = false;
            }
            c.setState(TcpState.ESTABLISHED, "SYN,ACK received, ACK sent: handshake complete");
            c.sendSegment(c.sndNxt, TcpSegment.ACK, EMPTY, false);
            c.output();
        } else {
            // simultaneous open (§3.5, figure 8)
            c.setState(TcpState.SYN_RECEIVED, "SYN received while our SYN was out (simultaneous open)");
            c.sendSegment(c.iss, TcpSegment.SYN | TcpSegment.ACK, EMPTY, true);
            c.restartRetransmit();
        }
    }

    /** §3.10.7.4 for SYN-RECEIVED and the synchronized states. */
    private static boolean synchronizedArrives(TcpConnection c, TcpSegmentView seg) {
        TcpState state = c.state();
        long seq = seg.sequenceNumber();
        if (state == TcpState.TIME_WAIT && seg.has(TcpSegment.SYN) && !seg.has(TcpSegment.ACK)
                && Seq.gt(seq, c.rcvNxt)) {
            // a new incarnation of the same four-tuple (RFC 9293 §3.10.7.4, RFC 6191)
            return false;
        }
        if (state == TcpState.SYN_RECEIVED && seg.has(TcpSegment.SYN) && !seg.has(TcpSegment.ACK) && seq == c.irs) {
            c.sendSegment(c.iss, TcpSegment.SYN | TcpSegment.ACK, EMPTY, true); // our SYN,ACK was lost
            return true;
        }
        if (!acceptable(c, seg)) {
            if (!seg.has(TcpSegment.RST)) {
                if (c.window() == 0 && seg.has(TcpSegment.ACK)) {
                    ack(c, seg); // a zero window still takes ACKs (§3.10.7.4)
                }
                c.stack.duplicates++;
                c.ackNeeded = true;
                c.flushSoon();
            }
            return true;
        }
        if (seg.has(TcpSegment.RST)) {
            reset(c);
            return true;
        }
        if (seg.has(TcpSegment.SYN)) {
            c.ackNeeded = true; // challenge ACK (RFC 5961 §4), the SYN is dropped
            c.flushSoon();
            return true;
        }
        if (!seg.has(TcpSegment.ACK)) {
            return true;
        }
        if (state == TcpState.SYN_RECEIVED) {
            long ack = seg.acknowledgmentNumber();
            if (Seq.leq(ack, c.sndUna) || Seq.gt(ack, c.sndMax)) {
                c.stack.transmitReset(c.local, c.remote, ack, 0, false);
                return true;
            }
            c.sndUna = ack;
            c.sndWnd = seg.window();
            c.sndWl1 = seq;
            c.sndWl2 = ack;
            c.retries = 0;
            c.stopRetransmit();
            c.stack.established(c);
        } else if (!ack(c, seg)) {
            return true;
        }
        if (c.state() == TcpState.CLOSED) {
            return true;
        }
        data(c, seg);
        return true;
    }

    /** §3.10.7.4 first check: does any part of the segment fall inside the receive window? */
    private static boolean acceptable(TcpConnection c, TcpSegmentView seg) {
        long seq = seg.sequenceNumber();
        int len = seg.sequenceLength();
        int wnd = c.window();
        int start = Seq.diff(seq, c.rcvNxt);
        if (len == 0) {
            return wnd == 0 ? start == 0 : start >= 0 && start < wnd || start == 0;
        }
        if (wnd == 0) {
            return false;
        }
        int end = start + len - 1;
        return start >= 0 && start < wnd || end >= 0 && end < wnd;
    }

    private static void reset(TcpConnection c) {
        TcpState state = c.state();
        if (state == TcpState.SYN_RECEIVED && c.listener != null) {
            c.stack.abort(c, "RST received during the handshake");
        } else if (state == TcpState.ESTABLISHED || state == TcpState.FIN_WAIT_1 || state == TcpState.FIN_WAIT_2
                || state == TcpState.CLOSE_WAIT || state == TcpState.SYN_RECEIVED) {
            String why = "connection reset: " + c.remote + " sent RST to host " + c.stack.hostName()
                    + " (the peer aborted or no longer knows the connection " + c.name() + ")";
            c.fail(new SocketException(why), "RST received: connection reset by peer");
        } else {
            c.stack.abort(c, "RST received in " + state);
        }
    }

    /** ACK field processing (§3.10.7.4 fifth check); false if the segment must be dropped. */
    private static boolean ack(TcpConnection c, TcpSegmentView seg) {
        long ack = seg.acknowledgmentNumber();
        if (Seq.gt(ack, c.sndMax)) {
            c.ackNeeded = true; // acknowledges something never sent
            c.flushSoon();
            return false;
        }
        if (Seq.lt(ack, c.sndUna)) {
            return true; // old duplicate ACK: ignore the ACK, keep the data
        }
        c.retries = 0;
        int acked = Seq.diff(ack, c.sndUna);
        if (acked > 0) {
            boolean finAcked = c.finSent && Seq.gt(ack, c.finSeq);
            c.out.remove(Math.min(c.out.size(), acked - (finAcked ? 1 : 0)));
            c.sndUna = ack;
            if (Seq.lt(c.sndNxt, ack)) {
                c.sndNxt = ack;
            }
            if (c.timing && Seq.gt(ack, c.timedSeq)) {
                TcpTimers.rttSample(c, c.stack.sim().now() - c.timedAt);
                c.timing = false;
            }
            if (c.sndUna == c.sndMax) {
                c.stopRetransmit();
            } else {
                c.restartRetransmit();
            }
            c.signalWritable();
        }
        // window update (§3.10.7.4): only from a segment newer than the last one used
        if (Seq.lt(c.sndWl1, seg.sequenceNumber())
                || c.sndWl1 == seg.sequenceNumber() && Seq.leq(c.sndWl2, ack)) {
            c.sndWnd = seg.window();
            c.sndWl1 = seg.sequenceNumber();
            c.sndWl2 = ack;
        }
        boolean ourFinAcked = c.finSent && Seq.gt(c.sndUna, c.finSeq);
        switch (c.state()) {
            case FIN_WAIT_1 -> {
                if (ourFinAcked) {
                    c.setState(TcpState.FIN_WAIT_2, "ACK of our FIN received");
                }
            }
            case CLOSING -> {
                if (ourFinAcked) {
                    c.setState(TcpState.TIME_WAIT, "ACK of our FIN received after both sides sent FIN");
                    c.startTimeWait();
                }
            }
            case LAST_ACK -> {
                if (ourFinAcked) {
                    c.setState(TcpState.CLOSED, "ACK of our FIN received: connection closed");
                    return false;
                }
            }
            default -> {
            }
        }
        c.output();
        return true;
    }

    /** Data and FIN (§3.10.7.4 seventh and eighth checks), with out-of-order segments held. */
    private static void data(TcpConnection c, TcpSegmentView seg) {
        TcpState state = c.state();
        int len = seg.sequenceLength() - (seg.has(TcpSegment.FIN) ? 1 : 0);
        if (len == 0 && !seg.has(TcpSegment.FIN)) {
            return;
        }
        if (state == TcpState.TIME_WAIT) {
            if (seg.has(TcpSegment.FIN)) {
                c.ackNeeded = true; // the peer missed our last ACK: repeat it and restart 2×MSL
                c.flushSoon();
                c.startTimeWait();
            }
            return;
        }
        if (c.finReceived) {
            c.ackNeeded = true; // data or FIN after the peer's FIN: only a repeat, acknowledge again
            c.flushSoon();
            return;
        }
        // the payload is copied once: into the receive buffer or a held part
        int length = seg.payloadLength();
        int start = Seq.diff(seg.sequenceNumber(), c.rcvNxt);
        int skip = Math.max(0, -start);
        int room = c.window() - Math.max(0, start);
        int keep = Math.max(0, Math.min(length - skip, room));
        boolean fin = seg.has(TcpSegment.FIN) && keep == length - skip;
        if (skip > 0) {
            c.stack.duplicates++;
        }
        if (start > 0) {
            if (keep == 0 && !fin) {
                c.ackNeeded = true;
                c.flushSoon();
                return;
            }
            // out of order: hold it until the gap is filled, and repeat our ACK (a duplicate ACK)
            byte[] part = new byte[keep];
            seg.copyPayload(skip, part, 0, keep);
            c.held.merge(c.delivered + start, new Held(part, fin), (a, b) -> a.data().length >= b.data().length ? a : b);
            c.stack.outOfOrder++;
        } else {
            if (keep > 0) {
                c.in.add(seg, skip, keep);
            }
            delivered(c, keep, fin);
            drainHeld(c);
        }
        c.ackNeeded = true;
        c.signalReadable();
        c.flushSoon();
    }

    private static void deliver(TcpConnection c, byte[] data, int from, int length, boolean fin) {
        if (length > 0) {
            c.in.add(data, from, length);
        }
        delivered(c, length, fin);
    }

    /** Accounts for {@code length} bytes just added to the receive buffer, and a FIN after them. */
    private static void delivered(TcpConnection c, int length, boolean fin) {
        if (length > 0) {
            c.rcvNxt = Seq.add(c.rcvNxt, length);
            c.delivered += length;
        }
        if (fin) {
            finArrives(c);
        }
    }

    /** Moves held segments that now start at or before {@code rcvNxt} into the receive buffer. */
    private static void drainHeld(TcpConnection c) {
        while (!c.held.isEmpty() && !c.finReceived) {
            var first = c.held.firstEntry();
            long offset = first.getKey();
            if (offset > c.delivered) {
                return;
            }
            c.held.pollFirstEntry();
            byte[] data = first.getValue().data();
            int skip = (int) (c.delivered - offset);
            if (skip > data.length || skip == data.length && !first.getValue().fin()) {
                continue;
            }
            int keep = Math.min(data.length - skip, c.window());
            deliver(c, data, skip, keep, first.getValue().fin() && keep == data.length - skip);
        }
    }

    private static void finArrives(TcpConnection c) {
        c.finReceived = true;
        c.rcvNxt = Seq.add(c.rcvNxt, 1);
        c.held.clear();
        switch (c.state()) {
            case SYN_RECEIVED, ESTABLISHED -> c.setState(TcpState.CLOSE_WAIT, "FIN received: the peer has closed its side");
            case FIN_WAIT_1 -> {
                if (c.finSent && Seq.gt(c.sndUna, c.finSeq)) {
                    c.setState(TcpState.TIME_WAIT, "FIN received, our FIN already acknowledged");
                    c.startTimeWait();
                } else {
                    c.setState(TcpState.CLOSING, "FIN received while our own FIN is unacknowledged (simultaneous close)");
                }
            }
            case FIN_WAIT_2 -> {
                c.setState(TcpState.TIME_WAIT, "FIN received after our FIN was acknowledged");
                c.startTimeWait();
            }
            default -> {
            }
        }
    }
}
