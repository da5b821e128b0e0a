package portolan.sandbox.wire;

/**
 * A MalformedPacketException is the one error raised when bytes do not form a valid protocol
 * unit. Its message explains, in a learner's words, which field is wrong and why; the stack
 * catches it, drops the packet and records the reason.
 */
public final class MalformedPacketException extends RuntimeException {
    private final String field;

    /**
     * @param field the header field at fault as a reader would name it, e.g. "FCS", "IHL",
     *              "header checksum", "data offset"
     * @param message a full sentence saying what was found and what it means
     */
    public MalformedPacketException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The name of the header field that was wrong. */
    public String field() {
        return field;
    }
}
