package portolan.notebook;

import com.google.gson.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import portolan.kernel.core.Completeness;
import portolan.kernel.core.Completion;
import portolan.kernel.core.ExecuteOptions;
import portolan.kernel.core.ExecuteResult;
import portolan.kernel.core.ExpressionValue;
import portolan.kernel.core.Inspection;
import portolan.kernel.core.Interpreter;
import portolan.kernel.core.MimeBundle;
import portolan.kernel.core.Output;

/**
 * A scripted stand-in for the JShell worker. Each line of a cell is one command:
 * {@code print:T} (stdout), {@code err:T} (stderr), {@code value:V} (execute_result),
 * {@code display:MIME:JSON} (display_data), {@code def:N} / {@code use:N} (define a name, fail
 * if a name is undefined), {@code fail:E:M}, {@code loop} (spins until interrupted),
 * {@code hang} (ignores interrupts until closed), {@code exit} (the worker dies),
 * {@code restart} (the worker dies and is replaced, as the real engine reports it). A line with
 * {@code throw new X(} fails with X; blank lines and {@code //} comments do nothing.
 */
public final class FakeInterpreter implements Interpreter {

    /** Counts launches across all fakes made by {@link #factory()}. */
    public static final class Launches {
        public final AtomicInteger count = new AtomicInteger();
    }

    private final Set<String> names = new HashSet<>();
    private volatile boolean interrupted;
    private final CountDownLatch closed = new CountDownLatch(1);

    public static InterpreterFactory factory(Launches launches) {
        return () -> {
            launches.count.incrementAndGet();
            return new FakeInterpreter();
        };
    }

    @Override
    public ExecuteResult execute(String code, ExecuteOptions options, Output out) {
        interrupted = false;
        for (String line : code.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("//")) {
                continue;
            }
            int colon = l.indexOf(':');
            String cmd = colon < 0 ? l : l.substring(0, colon);
            String arg = colon < 0 ? "" : l.substring(colon + 1);
            if (l.contains("throw new ")) {
                String type = l.substring(l.indexOf("throw new ") + 10, l.indexOf('('));
                return ExecuteResult.error("java.lang." + type, "your code here", List.of(type + ": your code here", "\tat cell line 1"));
            }
            switch (cmd) {
                case "print" -> out.stream("stdout", arg + "\n");
                case "err" -> out.stream("stderr", arg + "\n");
                case "value" -> out.result(MimeBundle.text(arg));
                case "display" -> {
                    int c = arg.indexOf(':');
                    JsonObject data = new JsonObject();
                    data.addProperty("text/plain", "results");
                    data.add(arg.substring(0, c), PythonJson.parse(arg.substring(c + 1)));
                    out.display(new MimeBundle(data, null), null, false);
                }
                case "def" -> names.add(arg);
                case "use" -> {
                    if (!names.contains(arg)) {
                        return ExecuteResult.error("CompileError", "cannot find symbol: " + arg, List.of("cannot find symbol: " + arg));
                    }
                }
                case "fail" -> {
                    String[] p = arg.split(":", 2);
                    return ExecuteResult.error(p[0], p.length > 1 ? p[1] : "", List.of(p[0] + ": " + (p.length > 1 ? p[1] : ""), "\tat " + l));
                }
                case "loop" -> {
                    while (!interrupted) {
                        Thread.onSpinWait();
                    }
                    return ExecuteResult.error("jdk.jshell.EvalException", "interrupted", List.of());
                }
                case "hang" -> {
                    try {
                        closed.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new IllegalStateException("worker connection closed");
                }
                case "exit" -> throw new IllegalStateException("the worker JVM exited with status 3");
                case "restart" -> {
                    // what the real engine does when its worker dies: a fresh worker, all state gone
                    names.clear();
                    return ExecuteResult.error(CellSession.PROCESS_ENDED, "System.exit(3) was called", List.of());
                }
                default -> {
                    return ExecuteResult.error("CompileError", "unknown command " + l, List.of());
                }
            }
        }
        return ExecuteResult.success();
    }

    @Override
    public ExpressionValue evaluate(String expression) {
        return ExpressionValue.of(MimeBundle.text(expression));
    }

    @Override
    public Completion complete(String code, int cursor) {
        return new Completion(List.of(), cursor, cursor, null);
    }

    @Override
    public Inspection inspect(String code, int cursor, int detailLevel) {
        return Inspection.notFound();
    }

    @Override
    public Completeness isComplete(String code) {
        return Completeness.COMPLETE;
    }

    @Override
    public void interrupt() {
        interrupted = true;
    }

    @Override
    public void close() {
        closed.countDown();
    }
}
