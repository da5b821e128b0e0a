package portolan.kernel.jshell;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;

/**
 * Completion, inspection and the is-complete check on JShell's {@link SourceCodeAnalysis}.
 * JShell analyses one snippet at a time, so each request first finds the snippet of the cell
 * the cursor is in; positions are UTF-16 indices into the whole cell.
 */
final class Assist {

    /** Keywords offered when a bare word is being typed (JShell itself only completes names). */
    static final List<String> KEYWORDS = List.of("abstract", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "continue", "default", "do", "double", "else", "enum", "extends", "false",
            "final", "finally", "float", "for", "if", "implements", "import", "instanceof", "int", "interface",
            "long", "new", "null", "private", "protected", "public", "record", "return", "short", "static",
            "super", "switch", "synchronized", "this", "throw", "throws", "true", "try", "var", "void",
            "while", "yield");

    private final SourceCodeAnalysis analysis;
    private final SourceDocs sources;

    Assist(SourceCodeAnalysis analysis, SourceDocs sources) {
        this.analysis = analysis;
        this.sources = sources;
    }

    /** The snippet of {@code code} containing {@code cursor}: its start and its text. */
    private Session.Piece pieceAt(String code, int cursor) {
        String remaining = code;
        int start = 0;
        while (true) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (!info.completeness().isComplete() || info.remaining().isEmpty()) {
                return new Session.Piece(remaining, start);
            }
            int end = start + remaining.length() - info.remaining().length();
            if (end >= cursor) {
                return new Session.Piece(code.substring(start, end), start);
            }
            start = end;
            remaining = info.remaining();
        }
    }

    JsonObject complete(String code, int cursor) {
        cursor = Math.max(0, Math.min(cursor, code.length()));
        JsonObject magic = completeMagic(code, cursor);
        if (magic != null) {
            return magic;
        }
        Session.Piece piece = pieceAt(code.substring(0, cursor), cursor);
        int[] anchor = new int[1];
        Set<String> matches = new LinkedHashSet<>();
        String source = piece.source();
        int at = cursor - piece.start();
        for (SourceCodeAnalysis.Suggestion s : analysis.completionSuggestions(source, at, anchor)) {
            matches.add(s.continuation());
        }
        if (matches.isEmpty()) {
            completePackage(source.substring(0, at), matches, anchor);
        }
        // JShell does not complete keywords; a bare word (not after a dot) may be one.
        int wordStart = at;
        while (wordStart > 0 && Character.isJavaIdentifierPart(source.charAt(wordStart - 1))) {
            wordStart--;
        }
        String word = source.substring(wordStart, at);
        boolean afterDot = wordStart > 0 && source.substring(0, wordStart).stripTrailing().endsWith(".");
        if (!word.isEmpty() && !afterDot) {
            boolean any = false;
            for (String k : KEYWORDS) {
                if (k.startsWith(word) && !k.equals(word)) {
                    matches.add(k);
                    any = true;
                }
            }
            if (any && anchor[0] != wordStart && matches.size() > 0 && matches.stream().allMatch(KEYWORDS::contains)) {
                anchor[0] = wordStart;
            }
        }
        JsonObject reply = WorkerProtocol.message(WorkerProtocol.REPLY);
        JsonArray list = new JsonArray();
        matches.forEach(list::add);
        reply.add("matches", list);
        reply.addProperty("cursor_start", matches.isEmpty() ? cursor : piece.start() + anchor[0]);
        reply.addProperty("cursor_end", cursor);
        return reply;
    }

    /** {@code import [static] a.b.pre} up to the cursor: the package name typed so far is group 1. */
    private static final java.util.regex.Pattern IMPORT = java.util.regex.Pattern.compile(
            "(?s).*\\bimport\\s+(?:static\\s+)?((?:[\\p{javaJavaIdentifierPart}]+\\.)+)[\\p{javaJavaIdentifierPart}]*");

    /**
     * Package names in an {@code import}, from the packages the JDK's modules export and the
     * kernel's own: JShell completes them from its class index, which is still being built in a
     * just-started kernel (its first seconds), and answers nothing until then.
     */
    static void completePackage(String before, Set<String> matches, int[] anchor) {
        java.util.regex.Matcher m = IMPORT.matcher(before);
        if (!m.matches()) {
            return;
        }
        String parent = m.group(1);
        String typed = before.substring(m.end(1));
        java.util.SortedSet<String> found = new java.util.TreeSet<>();
        for (String p : knownPackages()) {
            if (p.startsWith(parent + typed) && p.length() > parent.length()) {
                String rest = p.substring(parent.length());
                int dot = rest.indexOf('.');
                found.add((dot < 0 ? rest : rest.substring(0, dot)) + "."); // an import goes on after a package
            }
        }
        if (!found.isEmpty()) {
            matches.addAll(found);
            anchor[0] = before.length() - typed.length();
        }
    }

    private static volatile List<String> packages;

    /** Every package the boot layer's modules export to all, and the sandbox's, once. */
    private static List<String> knownPackages() {
        List<String> known = packages;
        if (known == null) {
            java.util.Set<String> all = new java.util.TreeSet<>(StartupImports.PACKAGES);
            for (Module module : ModuleLayer.boot().modules()) {
                module.getDescriptor().exports().stream().filter(e -> !e.isQualified())
                        .forEach(e -> all.add(e.source()));
            }
            all.add("portolan.sandbox.stack");
            all.add("portolan.sandbox.sim");
            all.add("portolan.sandbox.text");
            known = List.copyOf(all);
            packages = known;
        }
        return known;
    }

    /** After {@code %} or {@code %%} at the start of a line: the magic names; else null. */
    private static JsonObject completeMagic(String code, int cursor) {
        int lineStart = code.lastIndexOf('\n', cursor - 1) + 1;
        String typed = code.substring(lineStart, cursor).stripLeading();
        if (!typed.matches("%%?\\w*")) {
            return null;
        }
        JsonObject reply = WorkerProtocol.message(WorkerProtocol.REPLY);
        JsonArray list = new JsonArray();
        Magics.names().stream().filter(n -> n.startsWith(typed)).forEach(list::add);
        reply.add("matches", list);
        reply.addProperty("cursor_start", cursor - typed.length());
        reply.addProperty("cursor_end", cursor);
        return reply;
    }

    JsonObject inspect(String code, int cursor) {
        cursor = Math.max(0, Math.min(cursor, code.length()));
        Session.Piece piece = pieceAt(code, cursor);
        String text = piece.source();
        int at = cursor - piece.start();
        int end = at;
        while (end < text.length() && Character.isJavaIdentifierPart(text.charAt(end))) {
            end++;
        }
        sources.ensure();
        List<SourceCodeAnalysis.Documentation> docs = analysis.documentation(text, end, true);
        if (docs.isEmpty() && end > 0 && Character.isJavaIdentifierPart(text.charAt(end - 1))) {
            // A method name without its parenthesis: ask as if the call had been opened.
            docs = analysis.documentation(text.substring(0, end) + "(", end + 1, true);
        }
        JsonObject reply = WorkerProtocol.message(WorkerProtocol.REPLY);
        reply.addProperty("found", !docs.isEmpty());
        if (docs.isEmpty()) {
            return reply;
        }
        StringBuilder plain = new StringBuilder();
        StringBuilder html = new StringBuilder();
        boolean anyJavadoc = false;
        for (SourceCodeAnalysis.Documentation d : docs) {
            if (plain.length() > 0) {
                plain.append("\n\n");
            }
            // A type's own header stays qualified, as JShell writes it; members name types briefly.
            String signature = d.signature().contains("(") || d.signature().contains(" ")
                    ? StartupImports.shorten(d.signature()) : d.signature();
            plain.append(signature);
            html.append("<pre>").append(Javadoc.escape(signature)).append("</pre>\n");
            String javadoc = d.javadoc();
            if (javadoc != null && !javadoc.isBlank()) {
                anyJavadoc = true;
                plain.append("\n\n").append(Javadoc.toPlainText(javadoc));
                html.append("<div>").append(Javadoc.toHtml(javadoc)).append("</div>\n");
            }
        }
        if (!anyJavadoc && sources.failure() != null) {
            String note = "(No javadoc for the sandbox or added jars: " + sources.failure() + ".)";
            plain.append("\n\n").append(note);
            html.append("<p><i>").append(Javadoc.escape(note)).append("</i></p>");
        } else if (!anyJavadoc && !hasSourceZip()) {
            String note = "(No javadoc: this JDK has no lib/src.zip. Install the JDK's sources, e.g. the"
                    + " openjdk-" + Runtime.version().feature() + "-source package, to see it here.)";
            plain.append("\n\n").append(note);
            html.append("<p><i>").append(Javadoc.escape(note)).append("</i></p>");
        }
        JsonObject data = new JsonObject();
        data.addProperty("text/plain", plain.toString());
        data.addProperty("text/html", html.toString());
        reply.add("data", data);
        return reply;
    }

    private static boolean hasSourceZip() {
        return Files.isRegularFile(Path.of(System.getProperty("java.home"), "lib", "src.zip"));
    }

    JsonObject isComplete(String code) {
        JsonObject reply = WorkerProtocol.message(WorkerProtocol.REPLY);
        String remaining = code;
        String status = "complete";
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            Completeness c = info.completeness();
            if (c == Completeness.EMPTY) {
                break;
            }
            if (c == Completeness.DEFINITELY_INCOMPLETE || c == Completeness.CONSIDERED_INCOMPLETE) {
                status = "incomplete";
                break;
            }
            if (c == Completeness.UNKNOWN) {
                status = "invalid";
                break;
            }
            remaining = info.remaining();
        }
        reply.addProperty("status", status);
        reply.addProperty("indent", status.equals("incomplete") ? "    ".repeat(openBlocks(code)) : "");
        return reply;
    }

    /** Unclosed braces and parentheses outside string and char literals and comments. */
    static int openBlocks(String code) {
        int depth = 0;
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < code.length() && code.charAt(j) != c && code.charAt(j) != '\n') {
                    j += code.charAt(j) == '\\' ? 2 : 1;
                }
                i = j;
            } else if (c == '/' && i + 1 < code.length() && code.charAt(i + 1) == '/') {
                int nl = code.indexOf('\n', i);
                i = nl < 0 ? code.length() : nl;
            } else if (c == '/' && i + 1 < code.length() && code.charAt(i + 1) == '*') {
                int close = code.indexOf("*/", i + 2);
                i = close < 0 ? code.length() : close + 1;
            } else if (c == '{' || c == '(') {
                depth++;
            } else if ((c == '}' || c == ')') && depth > 0) {
                depth--;
            }
        }
        return depth;
    }
}
