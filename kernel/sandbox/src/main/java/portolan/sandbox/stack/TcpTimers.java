package portolan.sandbox.stack;

import java.net.ConnectException;
import java.net.SocketException;
import portolan.sandbox.sim.SimTime;
import portolan.sandbox.wire.TcpSegment;

/**
 * TcpTimers is what a connection does when its retransmission timer expires (RFC 6298 §5 with
 * exponential backoff and a retry limit, RFC 9293 §3.8.6.1 zero-window probes) and how a round
 * trip sample updates the RTO (RFC 6298 §2).
 */
final class TcpTimers {
    private TcpTimers() {
    }

    /** RFC 6298 §5.4–5.6: resend from the oldest unacknowledged byte, double the RTO, give up after the limit. */
    static void expired(TcpConnection c) {
        // Persist mode (RFC 9293 §3.8.6.1): the peer's window is closed; probing never gives up.
        boolean probe = c.state().isSynchronized() && c.sndWnd == 0 && c.out.size() > 0;
        if (!probe) {
            c.retries++;
            boolean handshake = c.state() == TcpState.SYN_SENT || c.state() == TcpState.SYN_RECEIVED;
            int limit = handshake ? c.stack.synRetries : c.stack.maxRetries;
            if (c.retries > limit) {
                long waited = c.stack.sim().now() - c.connectStarted;
                String what = (c.state() == TcpState.SYN_SENT ? "connection timed out: host " + c.stack.hostName()
                        + " sent SYN to " + c.remote + " " + c.retries + " times over " + SimTime.format(waited)
                        + " and never got an answer (is the host up and reachable?)"
                        : "connection timed out: " + c.remote + " stopped acknowledging data from host "
                        + c.stack.hostName() + " after " + (c.retries - 1) + " retransmissions")
                        + (c.softError == null ? "" : "; the last error reported on the way: " + c.softError);
                c.fail(c.state() == TcpState.SYN_SENT ? new ConnectException(what) : new SocketException(what), what);
                return;
            }
        }
        c.timing = false; // Karn's algorithm: no RTT sample from a retransmitted segment
        c.rto = Math.min(c.rto * 2, c.stack.maxRto);
        c.stack.retransmissions++;
        switch (c.state()) {
            case SYN_SENT -> c.sendSegment(c.iss, TcpSegment.SYN, TcpInput.EMPTY, true);
            case SYN_RECEIVED -> c.sendSegment(c.iss, TcpSegment.SYN | TcpSegment.ACK, TcpInput.EMPTY, true);
            default -> {
                c.sndNxt = c.sndUna; // go back: resend everything not acknowledged
                if (c.finSent && Seq.leq(c.sndUna, c.finSeq)) {
                    c.finSent = false;
                }
                if (probe) {
                    // One byte into the closed window makes the peer answer with its current window.
                    // SND.NXT stays at the byte (as in 4.4BSD's persist): a peer whose window is still
                    // closed rejects it, and once the window opens sending resumes with that same byte,
                    // not after it. SND.MAX covers it, so an ACK of the byte is still acceptable.
                    c.sendSegment(c.sndNxt, TcpSegment.ACK, c.out.copy(0, 1), false);
                    long probed = Seq.add(c.sndNxt, 1);
                    if (Seq.gt(probed, c.sndMax)) {
                        c.sndMax = probed;
                    }
                } else {
                    c.output();
                }
            }
        }
        c.armRetransmit();
    }

    /** RFC 6298 §2: a new round-trip sample updates SRTT, RTTVAR and the RTO. */
    static void rttSample(TcpConnection c, long sample) {
        if (c.srtt < 0) {
            c.srtt = sample;
            c.rttvar = sample / 2;
        } else {
            c.rttvar = (3 * c.rttvar + Math.abs(c.srtt - sample)) / 4;
            c.srtt = (7 * c.srtt + sample) / 8;
        }
        c.rto = Math.max(c.stack.minRto, Math.min(c.stack.maxRto, c.srtt + Math.max(SimTime.MILLISECOND, 4 * c.rttvar)));
    }
}
