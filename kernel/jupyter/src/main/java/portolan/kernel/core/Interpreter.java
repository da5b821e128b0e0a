package portolan.kernel.core;

/**
 * A language engine as the kernel core sees it. Plain synchronous Java: no Jupyter messages,
 * no ZeroMQ. {@link #execute} is only ever called by one thread at a time (the shell thread);
 * {@link #interrupt} and {@link #close} may be called from any other thread while it runs.
 *
 * <p>All cursor positions here are UTF-16 indices into {@code code} (Java {@code String}
 * indices); the core converts from and to the protocol's Unicode code points.
 */
public interface Interpreter extends AutoCloseable {

    /**
     * Runs one cell. Output produced while it runs (streams, displays, the final value) goes
     * to {@code out} as it happens. User-code failures are returned as data, never thrown.
     */
    ExecuteResult execute(String code, ExecuteOptions options, Output out);

    /** Evaluates one expression for {@code user_expressions}; never has side effects on output. */
    ExpressionValue evaluate(String expression);

    Completion complete(String code, int cursor);

    Inspection inspect(String code, int cursor, int detailLevel);

    /** One of {@code complete}, {@code incomplete}, {@code invalid}, {@code unknown}, with an indent hint. */
    Completeness isComplete(String code);

    /** Stops the running cell, if any. Returns at once; the running {@link #execute} returns an error result. */
    void interrupt();

    /** Releases everything; any running cell is stopped. Must return promptly. */
    @Override
    void close();

    /**
     * Closes the interpreter {@code engine} holds (or will hold, once it has started) on a thread of
     * its own, waiting at most {@code millis} for it: a stuck engine never holds up an exit.
     */
    static void closeWithin(java.util.concurrent.CompletableFuture<? extends Interpreter> engine, long millis)
            throws InterruptedException {
        Thread closer = new Thread(() -> engine.thenAccept(Interpreter::close), "portolan-engine-close");
        closer.setDaemon(true);
        closer.start();
        closer.join(millis);
    }
}
