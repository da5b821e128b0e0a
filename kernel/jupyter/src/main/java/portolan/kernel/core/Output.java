package portolan.kernel.core;

/**
 * Where a running cell's side effects go. The core implements it by publishing iopub messages
 * parented to the request; tests implement it by recording. Safe to call from any thread.
 */
public interface Output {

    /** Text printed by the cell; {@code name} is {@code stdout} or {@code stderr}. */
    void stream(String name, String text);

    /** The value of the cell's final expression ({@code execute_result}). */
    void result(MimeBundle bundle);

    /**
     * A rich display ({@code display_data}), or with {@code update} true an
     * {@code update_display_data} for an earlier display with the same {@code displayId}.
     * {@code displayId} may be null when not updating.
     */
    void display(MimeBundle bundle, String displayId, boolean update);

    /** {@code clear_output}; with {@code wait} the front end clears when the next output arrives. */
    void clearOutput(boolean wait);

    /**
     * Asks the front end for a line of input ({@code input_request}) and waits for it.
     *
     * @throws StdinNotAllowedException when the request said {@code allow_stdin: false}
     * @throws InterruptedException     when the cell is interrupted while waiting
     */
    String input(String prompt, boolean password) throws StdinNotAllowedException, InterruptedException;

    /**
     * What the {@code %history} magic prints for {@code args} (see {@link HistoryMagic}): the
     * kernel keeps the input history, the engine only runs the magic.
     *
     * @throws IllegalArgumentException saying what in {@code args} is wrong
     * @throws UnsupportedOperationException where there is no input history (a headless run)
     */
    default String history(String args) {
        throw new UnsupportedOperationException("there is no input history here: %history works in a Jupyter kernel");
    }
}
