package portolan.kernel.jshell;

/**
 * Thrown where a cell called {@code System.exit}, {@code Runtime.exit} or {@code Runtime.halt}:
 * the program stops there, but the worker (and the user's variables) stays. An {@link Error},
 * so that {@code catch (Exception e)} in user code does not swallow it, as a real exit would not be.
 */
public final class ProgramExit extends Error {

    private final int status;

    public ProgramExit(String call, int status) {
        super(call + "(" + status + ") was called", null, false, true);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
