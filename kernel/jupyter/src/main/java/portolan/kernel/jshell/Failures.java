package portolan.kernel.jshell;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.UnresolvedReferenceException;
import portolan.sandbox.text.Table;

/**
 * Turns what went wrong in a cell into Jupyter's {@code ename}, {@code evalue} and traceback
 * lines, speaking in the cell's own line numbers: compile errors with the line and a caret,
 * exceptions with their causes and a stack trace of cell frames ({@code line 3}, or
 * {@code cell [2], line 3} for code defined by an earlier cell).
 */
final class Failures {

    static final String RED = "\u001b[0;31m";
    static final String BOLD_RED = "\u001b[1;31m";
    static final String RESET = "\u001b[0m";
    /** Frames kept per exception before the rest is summarised. */
    static final int MAX_FRAMES = 40;

    /** Where a snippet's source sits: the cell that defined it and the cell line it starts on. */
    record Origin(long cellId, int executionCount, int firstLine) {
    }

    private Failures() {
    }

    static JsonObject error(String ename, String evalue, List<String> traceback) {
        JsonObject done = WorkerProtocol.message(WorkerProtocol.DONE);
        done.addProperty("ok", false);
        done.addProperty("ename", ename);
        done.addProperty("evalue", evalue);
        JsonArray lines = new JsonArray();
        traceback.forEach(lines::add);
        done.add("traceback", lines);
        return done;
    }

    /** A snippet the compiler rejected: every error with its cell line, the line's text and a caret. */
    static JsonObject compileError(JShell shell, Snippet snippet, String cell, int snippetStart) {
        List<Diag> errors = shell.diagnostics(snippet).filter(Diag::isError).collect(Collectors.toList());
        List<String> traceback = new ArrayList<>();
        String first = "the code does not compile";
        for (Diag d : errors) {
            String message = withoutWrapperNames(d.getMessage(Locale.ENGLISH));
            if (traceback.isEmpty()) {
                first = message.lines().findFirst().orElse(message);
            }
            long pos = d.getPosition() >= 0 ? d.getPosition() : d.getStartPosition();
            int offset = (int) Math.min(cell.length(), snippetStart + Math.max(0, pos));
            int lineStart = cell.lastIndexOf('\n', offset - 1) + 1;
            int lineEnd = cell.indexOf('\n', offset);
            if (lineEnd < 0) {
                lineEnd = cell.length();
            }
            int line = lineNumber(cell, offset);
            traceback.add(BOLD_RED + "Compile error" + RESET + " in line " + line + ": " + message);
            String text = cell.substring(lineStart, lineEnd);
            traceback.add("    " + text);
            StringBuilder caret = new StringBuilder("    ");
            for (int i = lineStart; i < offset; ) {
                int c = cell.codePointAt(i);
                // a tab stays a tab; a wide character (Hangul, CJK, emoji) takes two columns
                caret.append(c == '\t' ? "\t" : " ".repeat(Table.columnsOf(Character.toString(c))));
                i += Character.charCount(c);
            }
            traceback.add(caret.append(RED).append('^').append(RESET).toString());
        }
        if (errors.isEmpty()) {
            traceback.add(BOLD_RED + "Compile error" + RESET + ": the code does not compile");
        }
        return error("CompileError", first, traceback);
    }

    /** An exception thrown by the cell: class, message, causes, and frames in cell lines. */
    static JsonObject exception(JShell shell, Exception thrown, java.util.function.Function<String, Origin> origins, long cellId) {
        return exception(shell, thrown, null, null, origins, cellId);
    }

    /**
     * As above; {@code raw}, when not null, is what the cell threw as the JVM made it, with what
     * JShell's report leaves out (suppressed exceptions), and {@code translator} puts its frames
     * in JShell's snippet form.
     */
    static JsonObject exception(JShell shell, Exception thrown, Throwable raw, StackTranslator translator,
                                java.util.function.Function<String, Origin> origins, long cellId) {
        if (thrown instanceof UnresolvedReferenceException unresolved) {
            return unresolved(shell, unresolved);
        }
        boolean useRaw = raw != null && translator != null && translator.works();
        Throwable top = useRaw ? raw : thrown;
        List<String> traceback = new ArrayList<>();
        describe(traceback, top, useRaw ? t -> translator.translate(t.getStackTrace()) : Throwable::getStackTrace,
                origins, cellId);
        return error(className(top), top.getMessage() == null ? "" : withoutWrapperNames(top.getMessage()), traceback);
    }

    /**
     * What an exception nobody caught in a thread the cell started looks like: Java's own layout
     * ({@code Exception in thread "worker-1" ...}), with causes, suppressed exceptions and the
     * frames of cell code in cell lines, without colours (it is printed on the cell's stderr).
     */
    static List<String> uncaught(Thread thread, Throwable thrown, StackTranslator translator,
                                 java.util.function.Function<String, Origin> origins, long cellId) {
        List<String> lines = new ArrayList<>();
        describe(lines, thrown, t -> translator.translate(t.getStackTrace()), origins, cellId);
        lines.set(0, "Exception in thread \"" + thread.getName() + "\" " + lines.get(0));
        lines.replaceAll(l -> ANSI.matcher(l).replaceAll(""));
        return lines;
    }

    private static final java.util.regex.Pattern ANSI = java.util.regex.Pattern.compile("\u001b\\[[0-9;]*m");

    /** {@code top} and all it holds (causes, suppressed exceptions), each exception once. */
    private static void describe(List<String> out, Throwable top,
                                 java.util.function.Function<Throwable, StackTraceElement[]> framesOf,
                                 java.util.function.Function<String, Origin> origins, long cellId) {
        describe(out, top, null, "", "", framesOf, origins, cellId,
                java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
    }

    /**
     * {@code t}'s head line, its frames (those it shares with {@code enclosing} at the bottom
     * summarised), then its suppressed exceptions and its cause, as Java's printStackTrace does.
     */
    private static void describe(List<String> out, Throwable t, StackTraceElement[] enclosing, String indent,
                                 String label, java.util.function.Function<Throwable, StackTraceElement[]> framesOf,
                                 java.util.function.Function<String, Origin> origins, long cellId, java.util.Set<Throwable> seen) {
        seen.add(t);
        String msg = t.getMessage() == null ? null : withoutWrapperNames(t.getMessage());
        String head = label.isEmpty() ? BOLD_RED + className(t) : RED + label + className(t);
        out.add(indent + head + RESET + (msg == null ? "" : ": " + msg));
        StackTraceElement[] frames = framesOf.apply(t);
        int shown = frames.length;
        if (enclosing != null) {
            int i = frames.length - 1;
            int j = enclosing.length - 1;
            while (i >= 0 && j >= 0 && frames[i].equals(enclosing[j])) {
                i--;
                j--;
            }
            shown = i + 1;
        }
        addFrames(out, indent, frames, shown, origins, cellId);
        if (shown < frames.length) {
            out.add(indent + "    ... " + (frames.length - shown) + " more");
        }
        for (Throwable suppressed : t.getSuppressed()) {
            if (!seen.contains(suppressed)) {
                describe(out, suppressed, frames, indent + "    ", "Suppressed: ", framesOf, origins, cellId, seen);
            }
        }
        Throwable cause = t.getCause();
        if (cause != null && !seen.contains(cause)) {
            describe(out, cause, frames, indent, "Caused by: ", framesOf, origins, cellId, seen);
        }
    }

    /**
     * Completes the error of an OutOfMemoryError, when the heap was what ran out, with the
     * heap's limit, how much of it is still in use (the user's variables; what the cell alone
     * held is free again) and how to raise it. (A heap that stays full never gets here: see
     * {@link FullHeap}.)
     */
    static JsonObject outOfMemory(JsonObject error, String message, FullHeap.State heap) {
        if (FullHeap.HEAP_SPACE.equals(message) || GcOverhead.MESSAGE.equals(message)) {
            JsonArray lines = error.getAsJsonArray("traceback");
            lines.add("The Java heap may use at most " + heap.maxMegabytes() + " MB, and " + heap.usedMegabytes()
                    + " MB of it are in use after the error; your variables and definitions are kept.");
            lines.add(FullHeap.howToRaise(heap.maxMegabytes()));
        }
        return error;
    }

    private static void addFrames(List<String> out, String indent, StackTraceElement[] frames, int count,
                                  java.util.function.Function<String, Origin> origins, long cellId) {
        String previous = null;
        int repeats = 0;
        int written = 0;
        for (int i = 0; i < count; i++) {
            if (frames[i].getClassName().isEmpty() && frames[i].getMethodName().equals("do_it$Aux")) {
                continue; // JShell's method for a variable's initializer: the cell's own frame follows, same line
            }
            String line = indent + "    at " + frame(frames[i], origins, cellId);
            if (line.equals(previous)) {
                repeats++;
                continue;
            }
            if (repeats > 0) {
                out.add(repeated(indent, repeats));
                repeats = 0;
            }
            if (written == MAX_FRAMES) {
                out.add(indent + "    ... " + (count - i) + " more frames");
                return;
            }
            out.add(line);
            written++;
            previous = line;
        }
        if (repeats > 0) {
            out.add(repeated(indent, repeats));
        }
    }

    private static String repeated(String indent, int repeats) {
        return indent + "    ... the line above repeats " + repeats + (repeats == 1 ? " more time" : " more times");
    }

    /** One frame; snippet frames ({@code #id} file names) become cell lines. */
    static String frame(StackTraceElement e, java.util.function.Function<String, Origin> origins, long cellId) {
        String file = e.getFileName();
        if (file == null || !file.startsWith("#")) {
            return e.toString();
        }
        Origin origin = origins.apply(file.substring(1));
        String cls = e.getClassName();
        String method = e.getMethodName();
        String where;
        if (cls.isEmpty() && (method.isEmpty() || method.startsWith("lambda$do_it$"))) {
            where = method.isEmpty() ? "cell" : "cell (lambda)"; // the cell's own code, or a lambda written in it
        } else if (cls.isEmpty()) {
            where = method;
        } else {
            where = cls + "." + method;
        }
        if (origin == null || e.getLineNumber() < 0) {
            return where + "(snippet " + file + ")";
        }
        int line = origin.firstLine() + e.getLineNumber() - 1;
        if (origin.cellId() == cellId) {
            return where + "(line " + line + ")";
        }
        return where + "(cell [" + origin.executionCount() + "], line " + line + ")";
    }

    private static JsonObject unresolved(JShell shell, UnresolvedReferenceException e) {
        Snippet snippet = e.getSnippet();
        String missing = shell.unresolvedDependencies(
                (jdk.jshell.DeclarationSnippet) snippet).collect(Collectors.joining(", "));
        String what = describe(snippet);
        String evalue = what + " uses " + (missing.isEmpty() ? "something" : missing)
                + ", which is not defined yet";
        return error("UnresolvedReference", evalue, List.of(
                BOLD_RED + "Unresolved reference" + RESET + ": " + evalue + ".",
                "Define " + (missing.isEmpty() ? "it" : missing) + " (or run the cell that defines it), then run this cell again."));
    }

    static String describe(Snippet snippet) {
        if (snippet instanceof jdk.jshell.MethodSnippet m) {
            return "method " + m.name() + "(" + StartupImports.shorten(m.parameterTypes()) + ")";
        }
        if (snippet instanceof jdk.jshell.TypeDeclSnippet t) {
            return "class " + t.name();
        }
        if (snippet instanceof jdk.jshell.VarSnippet v) {
            return "variable " + v.name();
        }
        return "this code";
    }

    static String className(Throwable t) {
        return withoutWrapperNames(t instanceof EvalException e ? e.getExceptionClassName() : t.getClass().getName());
    }

    /** JShell's wrapper classes in a name or message: {@code REPL.$JShell$5$E1} is the cell's {@code E1}. */
    private static final java.util.regex.Pattern WRAPPER = java.util.regex.Pattern.compile(
            "REPL\\.\\$JShell\\$\\d+[A-Z]?[$.]");
    /** javac's "location: class X" names the wrapper class, which JShell leaves out: an empty line. */
    private static final java.util.regex.Pattern EMPTY_LOCATION = java.util.regex.Pattern.compile(
            "\\n\\s*location: class\\s*(?=\\n|$)");

    /**
     * {@code text} without the names of JShell's wrapper classes, which a notebook never shows:
     * {@code "REPL.$JShell$3.s" is null} becomes {@code "s" is null}, {@code REPL.$JShell$5$E1} becomes
     * {@code E1}, and javac's empty {@code location: class} line goes.
     */
    static String withoutWrapperNames(String text) {
        return EMPTY_LOCATION.matcher(WRAPPER.matcher(text).replaceAll("")).replaceAll("");
    }

    /** 1-based line of {@code offset} in {@code text}. */
    static int lineNumber(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
