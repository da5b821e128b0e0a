package portolan.sandbox.stack;

/**
 * A TcpState is one of the eleven states of a TCP connection (RFC 9293 §3.3.2), printed with
 * the RFC's hyphenated names ("SYN-SENT", "TIME-WAIT").
 */
public enum TcpState {
    /** No connection: a new socket, or one that has ended. */
    CLOSED,
    /** A server socket waiting for SYNs (after listen()). */
    LISTEN,
    /** Our SYN is out (connect()), waiting for the peer's SYN,ACK. */
    SYN_SENT,
    /** A SYN came in and our SYN,ACK is out, waiting for the final ACK of the handshake. */
    SYN_RECEIVED,
    /** The handshake is done; data flows both ways. */
    ESTABLISHED,
    /** We closed first and our FIN is not yet acknowledged. */
    FIN_WAIT_1,
    /** Our FIN is acknowledged; waiting for the peer's FIN. */
    FIN_WAIT_2,
    /** The peer closed first; we may still send until the application closes. */
    CLOSE_WAIT,
    /** Both sides sent FIN at about the same time; waiting for the ACK of ours. */
    CLOSING,
    /** The peer closed first and our own FIN is out, waiting for its ACK. */
    LAST_ACK,
    /** We closed first and everything is acknowledged; waiting 2×MSL so late segments die out. */
    TIME_WAIT;

    /** The RFC name, built once: every state change writes it into the trace. */
    private final String label = name().replace('_', '-');

    /** True in the states where both sides' SYNs are known (RFC 9293 "synchronized states"). */
    public boolean isSynchronized() {
        return ordinal() >= ESTABLISHED.ordinal();
    }

    @Override
    public String toString() {
        return label;
    }
}
