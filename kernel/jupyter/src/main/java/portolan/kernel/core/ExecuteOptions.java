package portolan.kernel.core;

/**
 * The parts of an {@code execute_request} an engine needs.
 *
 * @param executionCount the counter value this cell is shown with
 * @param silent         no output is broadcast and no result is produced
 * @param allowStdin     whether reading {@code System.in} may prompt the front end
 */
public record ExecuteOptions(int executionCount, boolean silent, boolean allowStdin) {
}
