package portolan.kernel.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A scriptable {@link Interpreter}: each test sets {@link #onExecute}; the other methods have
 * small, checkable behaviour. Records the code and options it ran.
 */
final class FakeInterpreter implements Interpreter {

    @FunctionalInterface
    interface Cell {
        ExecuteResult run(String code, ExecuteOptions options, Output out) throws Exception;
    }

    volatile Cell onExecute = (code, options, out) -> ExecuteResult.success();
    final List<String> executed = new ArrayList<>();
    final List<ExecuteOptions> options = new ArrayList<>();
    final CountDownLatch interrupted = new CountDownLatch(1);
    volatile int lastCursor = -1;
    volatile boolean closed;

    @Override
    public ExecuteResult execute(String code, ExecuteOptions options, Output out) {
        synchronized (this) {
            executed.add(code);
            this.options.add(options);
        }
        try {
            return onExecute.run(code, options, out);
        } catch (Exception e) {
            return ExecuteResult.error(e.getClass().getName(), String.valueOf(e.getMessage()), List.of());
        }
    }

    @Override
    public ExpressionValue evaluate(String expression) {
        if (expression.equals("boom")) {
            return ExpressionValue.error("java.lang.ArithmeticException", "/ by zero", List.of("at boom"));
        }
        return ExpressionValue.of(MimeBundle.text("value of " + expression));
    }

    /** Completes the identifier before the cursor to "println" (UTF-16 indices). */
    @Override
    public Completion complete(String code, int cursor) {
        lastCursor = cursor;
        int start = cursor;
        while (start > 0 && Character.isJavaIdentifierPart(code.charAt(start - 1))) {
            start--;
        }
        return new Completion(List.of("println"), start, cursor, null);
    }

    @Override
    public Inspection inspect(String code, int cursor, int detailLevel) {
        lastCursor = cursor;
        return code.isEmpty() ? Inspection.notFound()
                : new Inspection(true, MimeBundle.text("doc of " + code.substring(0, cursor) + " level " + detailLevel));
    }

    @Override
    public Completeness isComplete(String code) {
        return code.trim().endsWith("{") ? Completeness.incomplete("    ") : Completeness.COMPLETE;
    }

    @Override
    public void interrupt() {
        interrupted.countDown();
    }

    @Override
    public void close() {
        closed = true;
    }
}
