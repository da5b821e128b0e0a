package portolan.kernel.core;

/** Reading input was attempted in a cell whose request said {@code allow_stdin: false}. */
public class StdinNotAllowedException extends Exception {
    public StdinNotAllowedException(String message) {
        super(message);
    }
}
