package portolan.kernel.protocol;

/**
 * A multipart message that cannot be a Jupyter message: missing delimiter, too few frames,
 * a bad signature or JSON that does not parse. The transport logs it and drops the message.
 */
public class MalformedMessageException extends Exception {
    public MalformedMessageException(String message) {
        super(message);
    }

    public MalformedMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
