package portolan.kernel.jshell;

import com.google.gson.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.VarSnippet;
import portolan.kernel.core.MimeBundle;

/**
 * The JShell state of one worker: builds JShell on the local engine with the startup imports,
 * splits each cell into snippets and evaluates them one by one, and reports the outcome as a
 * {@code done} message. All JShell access happens on the one thread that calls this class.
 */
final class Session {

    /** The cell being run. */
    static final class Cell {
        final long id;
        final int executionCount;
        final boolean silent;
        final boolean allowStdin;
        volatile boolean interrupted;
        /** Variables JShell re-created (and reset) because this cell redefined what they depend on. */
        final List<Reset> reset = new ArrayList<>();
        /** Stopped by the {@link GcOverhead} limit rather than by the user. */
        volatile boolean gcOverhead;

        Cell(long id, int executionCount, boolean silent, boolean allowStdin) {
            this.id = id;
            this.executionCount = executionCount;
            this.silent = silent;
            this.allowStdin = allowStdin;
        }
    }

    /** One snippet's text and where it starts in the cell. */
    record Piece(String source, int start) {
    }

    /**
     * JShell on the worker's engine with the class path and the startup imports: the slow part
     * of a worker's start, built before the kernel connection exists.
     */
    record Shell(JShell shell, WorkerExecutionControl control) {
        static Shell start(PrintStream log, Thread.UncaughtExceptionHandler handler) {
            WorkerExecutionControl control = new WorkerExecutionControl(handler);
            JShell shell = JShell.builder()
                    .executionEngine(new WorkerExecutionControl.Provider(control), Map.of())
                    .in(new ByteArrayInputStream(new byte[0]))
                    .out(log)
                    .err(log)
                    .build();
            String classPath = System.getProperty("java.class.path", "");
            if (!classPath.isEmpty()) {
                shell.addToClasspath(classPath);
            }
            importStartupPackages(shell, log);
            return new Shell(shell, control);
        }
    }

    private final JShell shell;
    private final SourceCodeAnalysis analysis;
    private final WorkerExecutionControl control;
    private final WorkerChannel channel;
    private final OutputRouter output;
    private final InputRouter input;
    /** Where each snippet's source is; read also by threads the cells started (their uncaught exceptions). */
    private final Map<String, Failures.Origin> origins = new java.util.concurrent.ConcurrentHashMap<>();
    private final StackTranslator translator;
    /** Where the snippet being evaluated now starts: its id is known (and in {@link #origins}) only after it ran. */
    private volatile Failures.Origin evaluating;

    /**
     * How an exception nobody caught in a cell's thread is shown (the worker's uncaught-exception
     * handler prints these lines); null until a session exists.
     */
    static volatile java.util.function.BiFunction<Thread, Throwable, List<String>> uncaughtTrace;
    private volatile Cell running;
    private final Magics magics;
    private final SourceDocs sourceDocs;
    private final GeneratedClasses generated;
    private final ClassIndexing indexing;
    private final PrintStream log;

    Session(Shell started, WorkerChannel channel, OutputRouter output, InputRouter input, HistoryClient history,
            PrintStream log) {
        this.channel = channel;
        this.output = output;
        this.input = input;
        this.control = started.control();
        this.shell = started.shell();
        this.analysis = shell.sourceCodeAnalysis();
        this.indexing = ClassIndexing.pause(analysis);
        this.log = log;
        this.sourceDocs = new SourceDocs(analysis);
        this.magics = new Magics(shell, this::reset, sourceDocs, history);
        this.generated = GeneratedClasses.of(shell);
        this.translator = StackTranslator.of(shell);
        uncaughtTrace = (thread, thrown) -> Failures.uncaught(thread, thrown, translator, id -> {
            Failures.Origin known = origins.get(id);
            return known != null ? known : evaluating; // a thread of the snippet JShell is still running
        }, output.cellOfCurrentThread());
    }

    private static void importStartupPackages(JShell shell, PrintStream log) {
        if (shell.eval(StartupImports.snippet()).stream().allMatch(e -> e.status() == Snippet.Status.VALID)) {
            return;
        }
        // One of them does not compile: import the rest one by one, and say which.
        shell.imports().toList().forEach(shell::drop);
        for (String imp : StartupImports.snippets()) {
            for (SnippetEvent e : shell.eval(imp)) {
                if (e.status() == Snippet.Status.REJECTED) {
                    log.println("portolan worker: startup import failed: " + imp);
                }
            }
        }
    }

    /** {@code %reset}: drops every snippet and registered renderer, then restores the startup imports. */
    private void reset() {
        shell.snippets().toList().forEach(shell::drop);
        origins.clear();
        Renderers.clear();
        importStartupPackages(shell, log);
    }

    JShell shell() {
        return shell;
    }

    /** The extra Javadoc sources (sandbox, %maven) JShell's documentation searches. */
    SourceDocs sourceDocs() {
        return sourceDocs;
    }

    /**
     * Throwaway work, in steps, that makes the first real cell and completion quick: javac
     * compiling and running a snippet, a value rendered, the completion analysis.
     */
    List<Runnable> warmUpSteps() {
        return List.of(
                () -> {
                    for (SnippetEvent e : shell.eval("int $portolanWarmUp = java.util.List.of(1, 2).size() + 1;")) {
                        shell.drop(e.snippet());
                    }
                },
                () -> {
                    analysis.analyzeCompletion("Math.max(1, 2)");
                    CellOutput.resultRenderer().render(2, "int", "2");
                },
                () -> analysis.completionSuggestions("System.out.pri", 14, new int[1]),
                FullHeap::prepare,
                indexing::resume);
    }

    /** JShell's class index, held back until the first cell has run or the warm-up is done. */
    ClassIndexing indexing() {
        return indexing;
    }

    /** Runs a cell and returns its {@code done} message. */
    JsonObject execute(Cell cell, String code) {
        control.clearStop();
        running = cell;
        input.setCell(cell);
        output.cellStarted(cell.id);
        OutputRouter.bindCurrentThread(cell.id);
        GcOverhead.watch(() -> {
            cell.gcOverhead = true;
            stop(cell);
        });
        try {
            return magics.run(cell, code, this::run);
        } finally {
            GcOverhead.unwatch();
            output.flush();
            input.setCell(null);
            output.cellEnded();
            running = null;
            control.clearStop();
            OutputRouter.bindCurrentThread(OutputRouter.NO_CELL);
            indexing.resume();
        }
    }

    /** Stops the running cell: JShell's stop, plus waking a read blocked on the front end. */
    void interrupt() {
        Cell cell = running;
        if (cell != null) {
            stop(cell);
        }
    }

    private void stop(Cell cell) {
        if (running != cell) {
            return;
        }
        cell.interrupted = true;
        input.cancel();
        try {
            shell.stop();
        } catch (RuntimeException e) {
            // Nothing to stop between snippets; the flag ends the cell before the next one.
        }
    }

    private JsonObject run(Cell cell, String code) {
        List<Piece> pieces = split(code);
        for (int i = 0; i < pieces.size(); i++) {
            if (cell.interrupted) {
                return interrupted(cell);
            }
            Piece piece = pieces.get(i);
            boolean last = i == pieces.size() - 1;
            Set<String> classesBefore = generated.names();
            // JShell numbers a snippet's lines from its first non-blank character.
            int firstLine = Failures.lineNumber(code, piece.start() + leadingBlanks(piece.source()));
            evaluating = new Failures.Origin(cell.id, cell.executionCount, firstLine);
            List<SnippetEvent> events;
            try {
                events = shell.eval(piece.source());
            } finally {
                evaluating = null;
            }
            SnippetEvent main = null;
            for (SnippetEvent e : events) {
                if (e.causeSnippet() == null) {
                    origins.put(e.snippet().id(), new Failures.Origin(cell.id, cell.executionCount, firstLine));
                    main = e;
                }
            }
            try {
                JsonObject failed = report(cell, code, piece, events);
                if (failed != null) {
                    return failed;
                }
                if (last && main != null && !cell.silent) {
                    showValue(cell, main);
                }
            } finally {
                forgetTemporary(main, events, classesBefore);
            }
        }
        if (cell.interrupted) {
            return interrupted(cell);
        }
        noteResetVariables(cell);
        JsonObject done = WorkerProtocol.message(WorkerProtocol.DONE);
        done.addProperty("ok", true);
        return done;
    }

    /**
     * An expression's value has been shown; the hidden {@code $N} variable JShell made for it
     * is dropped. A notebook never shows those names, and every one kept would be imported into
     * the compilation of every later snippet: after 250 cells ending in an expression, a
     * {@code 1+1} took four times as long to compile. To use a value later, assign it to a variable.
     * The class files compiled for it go too, unless its evaluation also recompiled other
     * snippets (whose new class files would be among them).
     */
    private void forgetTemporary(SnippetEvent main, List<SnippetEvent> events, Set<String> classesBefore) {
        if (main != null && main.snippet().subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND
                && main.status() != Snippet.Status.REJECTED) {
            List<SnippetEvent> dropped = shell.drop(main.snippet());
            if (events.size() == 1 && dropped.stream().allMatch(e -> e.snippet() == main.snippet())) {
                generated.forgetAllBut(classesBefore);
            }
        }
    }

    /** What the snippet of {@code e} threw as thrown, if the engine kept it and it is the same exception. */
    private Throwable raw(SnippetEvent e) {
        Throwable raw = control.takeFailure();
        return raw != null && e.exception() instanceof jdk.jshell.EvalException eval
                && raw.getClass().getName().equals(eval.getExceptionClassName()) ? raw : null;
    }

    /** The error that ends the cell after a snippet, or null when the cell goes on. */
    private JsonObject report(Cell cell, String code, Piece piece, List<SnippetEvent> events) {
        for (SnippetEvent e : events) {
            if (e.causeSnippet() != null) {
                continue;
            }
            if (e.status() == Snippet.Status.REJECTED) {
                return Failures.compileError(shell, e.snippet(), code, piece.start());
            }
            if (cell.interrupted) {
                return interrupted(cell);
            }
            if (e.exception() != null) {
                String thrown = Failures.className(e.exception());
                if (ProgramExit.class.getName().equals(thrown)) {
                    return programExit(cell, e.exception());
                }
                if (OutOfMemoryError.class.getName().equals(thrown)) {
                    FullHeap.State heap = FullHeap.assessment();
                    return Failures.outOfMemory(Failures.exception(shell, e.exception(), raw(e), translator, origins::get, cell.id),
                            e.exception().getMessage(), heap);
                }
                return Failures.exception(shell, e.exception(), raw(e), translator, origins::get, cell.id);
            }
            warnIfUnresolved(e);
        }
        for (SnippetEvent e : events) {
            if (e.causeSnippet() != null && e.snippet() instanceof VarSnippet v && e.previousStatus() == Snippet.Status.VALID
                    && e.status() != Snippet.Status.OVERWRITTEN && e.status() != Snippet.Status.DROPPED) {
                cell.reset.add(new Reset(v, e.causeSnippet()));
            }
        }
        return null;
    }

    /**
     * Like the jshell tool: when a snippet redefines a class, method or variable, JShell re-creates
     * the variables made from it, which loses their values. The cell ends with one note about those
     * it did not declare again itself, instead of leaving a surprise {@code null} for later.
     */
    private void noteResetVariables(Cell cell) {
        Map<String, String> reset = new java.util.LinkedHashMap<>(); // name -> its value now
        java.util.Set<String> causes = new java.util.LinkedHashSet<>();
        List<String> unusable = new ArrayList<>();
        for (Reset r : cell.reset) {
            Snippet.Status now = shell.status(r.variable());
            if (now == Snippet.Status.VALID) {
                reset.putIfAbsent(r.variable().name(), shell.varValue(r.variable()));
                causes.add(Failures.describe(r.cause()));
            } else if ((now == Snippet.Status.RECOVERABLE_DEFINED || now == Snippet.Status.RECOVERABLE_NOT_DEFINED)
                    && !unusable.contains(r.variable().name())) {
                unusable.add(r.variable().name());
            }
        }
        String because = String.join(", ", causes) + " changed";
        if (reset.size() == 1) {
            var only = reset.entrySet().iterator().next();
            System.err.println("Note: variable " + only.getKey() + " was reset to " + only.getValue() + ", because "
                    + because + "; run its declaration again to get its value back.");
        } else if (reset.size() > 1) {
            List<String> names = new ArrayList<>(reset.keySet());
            int shown = Math.min(names.size(), 8);
            System.err.println("Note: " + names.size() + " variables were reset to null (or 0), because " + because + ": "
                    + String.join(", ", names.subList(0, shown))
                    + (shown < names.size() ? " and " + (names.size() - shown) + " more" : "")
                    + "; run their declarations again to get their values back.");
        }
        if (!unusable.isEmpty()) {
            System.err.println("Note: " + (unusable.size() == 1 ? "variable " : "variables ") + String.join(", ", unusable)
                    + " can no longer be used after what they were made from changed; run their declarations again.");
        }
    }

    /** A variable JShell re-created because {@code cause} redefined something it was made from. */
    record Reset(VarSnippet variable, Snippet cause) {
    }

    private static int leadingBlanks(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /**
     * The cell called {@code System.exit} (rewritten by {@link ExitGuard}): the program ends there
     * and the state is kept. Status 0 is a normal end; any other status fails the cell, as a
     * failing program would in a terminal.
     */
    private JsonObject programExit(Cell cell, Exception exit) {
        String call = exit.getMessage() == null ? "System.exit" : exit.getMessage().replace(" was called", "");
        String where = "";
        for (StackTraceElement f : exit.getStackTrace()) {
            if (f.getFileName() != null && f.getFileName().startsWith("#")) {
                where = " at " + Failures.frame(f, origins::get, cell.id);
                break;
            }
        }
        String kept = "The kernel keeps running, and your variables and definitions are kept.";
        if (call.endsWith("(0)")) {
            if (!cell.silent) {
                System.out.println("(" + call + " was called" + where + ": the program ended there. " + kept + ")");
            }
            JsonObject done = WorkerProtocol.message(WorkerProtocol.DONE);
            done.addProperty("ok", true);
            return done;
        }
        return Failures.error("SystemExit", call + " was called" + where, List.of(
                Failures.BOLD_RED + call + Failures.RESET + " was called" + where + ": the program ended there.",
                kept));
    }

    private JsonObject interrupted(Cell cell) {
        if (cell.gcOverhead) {
            FullHeap.State heap = FullHeap.assess(true);
            String name = OutOfMemoryError.class.getName();
            return Failures.outOfMemory(Failures.error(name, GcOverhead.MESSAGE, List.of(
                    Failures.BOLD_RED + name + Failures.RESET + ": " + GcOverhead.MESSAGE, GcOverhead.explanation())),
                    GcOverhead.MESSAGE, heap);
        }
        return Failures.error("Interrupted", "the cell was interrupted", List.of(
                Failures.BOLD_RED + "Interrupted" + Failures.RESET
                        + ": the cell was stopped at your request.",
                "Variables and definitions made before it was stopped are kept."));
    }

    /** Like the jshell tool: a definition that uses something undefined is created but not yet usable. */
    private void warnIfUnresolved(SnippetEvent e) {
        if (e.status() != Snippet.Status.RECOVERABLE_DEFINED && e.status() != Snippet.Status.RECOVERABLE_NOT_DEFINED) {
            return;
        }
        if (e.snippet() instanceof jdk.jshell.DeclarationSnippet d) {
            List<String> missing = shell.unresolvedDependencies(d).toList();
            if (!missing.isEmpty()) {
                System.err.println("Note: " + Failures.describe(d) + " was created, but it cannot be used until "
                        + String.join(", ", missing) + " is defined.");
            }
        }
    }

    private void showValue(Cell cell, SnippetEvent e) {
        Snippet s = e.snippet();
        String text = e.value();
        if (text == null || e.status() != Snippet.Status.VALID) {
            return;
        }
        Object value = null;
        String typeName = "";
        if (s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND && s instanceof VarSnippet v) {
            value = control.lastValue(v.name());
            typeName = v.typeName();
        } else if (s.subKind() == Snippet.SubKind.VAR_VALUE_SUBKIND && s instanceof jdk.jshell.ExpressionSnippet x) {
            value = control.lastVariableValue();
            typeName = x.typeName();
        } else {
            return;
        }
        MimeBundle bundle;
        try {
            bundle = CellOutput.resultRenderer().render(value, typeName, text);
        } catch (RuntimeException rendererFailed) {
            bundle = MimeBundle.text(text);
        }
        output.flush();
        JsonObject m = WorkerProtocol.message(WorkerProtocol.RESULT);
        m.addProperty("cell", cell.id);
        m.add("data", bundle.data());
        m.add("metadata", bundle.metadata());
        channel.send(m);
    }

    /**
     * Cuts a cell into complete snippets with {@code analyzeCompletion}; a last, incomplete
     * piece is kept as is, so that JShell reports what is missing.
     */
    List<Piece> split(String code) {
        List<Piece> pieces = new ArrayList<>();
        String remaining = code;
        int start = 0;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            SourceCodeAnalysis.Completeness c = info.completeness();
            if (c == SourceCodeAnalysis.Completeness.EMPTY) {
                break;
            }
            if (!c.isComplete() || info.source() == null) {
                pieces.add(new Piece(remaining, start));
                break;
            }
            pieces.add(new Piece(info.source(), start));
            start += remaining.length() - info.remaining().length();
            remaining = info.remaining();
        }
        return pieces;
    }

    /** user_expressions: the value of one expression, with no output at all. */
    JsonObject evaluate(String expression) {
        OutputRouter.bindCurrentThread(OutputRouter.DISCARD);
        JsonObject reply = WorkerProtocol.message(WorkerProtocol.REPLY);
        try {
            List<SnippetEvent> events = shell.eval(expression);
            for (SnippetEvent e : events) {
                if (e.causeSnippet() != null) {
                    continue;
                }
                JsonObject failure = null;
                if (e.status() == Snippet.Status.REJECTED) {
                    failure = Failures.compileError(shell, e.snippet(), expression, 0);
                } else if (e.exception() != null) {
                    failure = Failures.exception(shell, e.exception(), origins::get, OutputRouter.DISCARD);
                }
                if (e.snippet().kind() == Snippet.Kind.VAR || e.snippet().kind() == Snippet.Kind.EXPRESSION) {
                    shell.drop(e.snippet());
                }
                if (failure != null) {
                    failure.addProperty("t", WorkerProtocol.REPLY);
                    return failure;
                }
                reply.addProperty("ok", true);
                reply.addProperty("text", e.value() == null ? "" : e.value());
                return reply;
            }
            return Failures.error("EvaluationError", "nothing to evaluate", List.of("nothing to evaluate"));
        } finally {
            OutputRouter.bindCurrentThread(OutputRouter.NO_CELL);
        }
    }
}
