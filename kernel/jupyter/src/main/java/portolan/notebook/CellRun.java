package portolan.notebook;

import com.google.gson.JsonArray;

/**
 * What running one cell produced: its nbformat outputs (an {@code error} output included when
 * it failed) and how it ended.
 */
public record CellRun(Status status, JsonArray outputs, int executionCount, long millis) {

    /** How a cell ended. Only {@link #OK} counts as success. */
    public enum Status {
        /** Ran to the end without an error. */
        OK,
        /** User code failed (exception, compile error); the worker is fine. */
        ERROR,
        /** Ran past its time limit and was stopped. */
        TIMEOUT,
        /** The worker JVM died or stopped answering (System.exit, OutOfMemoryError, crash). */
        CRASHED,
        /** Not run: the whole run's time limit was already used up. */
        SKIPPED
    }

    public boolean ok() {
        return status == Status.OK;
    }
}
