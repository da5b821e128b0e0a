package portolan.grader;

/** An assignment or submission cannot be processed; the message names the cell and the fix. */
public class GradingException extends RuntimeException {
    public GradingException(String message) {
        super(message);
    }

    public GradingException(String message, Throwable cause) {
        super(message, cause);
    }
}
