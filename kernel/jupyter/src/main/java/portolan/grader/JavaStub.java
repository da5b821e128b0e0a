package portolan.grader;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Chooses the placeholder for a removed Java solution so that the student's cell still
 * compiles: at the end of a method, constructor or lambda body it throws
 * {@code UnsupportedOperationException} (so a non-void method still compiles and calling it
 * fails with a clear message); anywhere else (top-level JShell statements, class bodies,
 * statement blocks, a method body that goes on after the region) it is only a comment, since a
 * {@code throw} there would make the following code unreachable.
 */
public final class JavaStub {

    public static final String COMMENT = "// YOUR CODE HERE";
    public static final String THROW = "throw new UnsupportedOperationException(\"your code here\");";

    private static final Pattern TYPE_HEADER = Pattern.compile("\\b(class|interface|enum|record)\\b|\\bnew\\s+[\\w.<>\\[\\], ?]+\\([^)]*\\)\\s*$");
    private static final Pattern CONTROL_HEADER = Pattern.compile("^\\s*(if|for|while|switch|catch|synchronized|try)\\b|\\belse\\s+if\\b");
    private static final Pattern CALLABLE_HEADER = Pattern.compile("(\\)|->)\\s*(throws\\s+[\\w.,\\s<>]+)?$");

    private enum Block { TYPE, CALLABLE, STATEMENTS }

    private JavaStub() {
    }

    /** The placeholder lines for a solution region between {@code before} and {@code after}. */
    public static List<String> placeholder(String before, String after) {
        String code = blankCommentsAndLiterals(before);
        Deque<Block> blocks = new ArrayDeque<>();
        int headerStart = 0;
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '{') {
                blocks.push(classify(code.substring(headerStart, i).strip()));
                headerStart = i + 1;
            } else if (c == '}') {
                if (!blocks.isEmpty()) {
                    blocks.pop();
                }
                headerStart = i + 1;
            } else if (c == ';') {
                headerStart = i + 1;
            }
        }
        if (blocks.peek() == Block.CALLABLE && endsBlock(after)) {
            return List.of(COMMENT, THROW);
        }
        return List.of(COMMENT);
    }

    private static Block classify(String header) {
        if (TYPE_HEADER.matcher(header).find()) {
            return Block.TYPE;
        }
        if (CONTROL_HEADER.matcher(header).find()) {
            return Block.STATEMENTS;
        }
        return CALLABLE_HEADER.matcher(header).find() ? Block.CALLABLE : Block.STATEMENTS;
    }

    /** True if the next code in {@code after} closes the current block (nothing follows the region in it). */
    private static boolean endsBlock(String after) {
        String code = blankCommentsAndLiterals(after).strip();
        return code.startsWith("}");
    }

    /** {@code code} with comments and the contents of string, char and text-block literals replaced by spaces. */
    static String blankCommentsAndLiterals(String code) {
        StringBuilder out = new StringBuilder(code.length());
        int i = 0;
        while (i < code.length()) {
            char c = code.charAt(i);
            if (code.startsWith("//", i)) {
                int end = code.indexOf('\n', i);
                end = end < 0 ? code.length() : end;
                out.append(" ".repeat(end - i));
                i = end;
            } else if (code.startsWith("/*", i)) {
                int end = code.indexOf("*/", i + 2);
                end = end < 0 ? code.length() : end + 2;
                out.append(" ".repeat(end - i));
                i = end;
            } else if (code.startsWith("\"\"\"", i)) {
                int end = code.indexOf("\"\"\"", i + 3);
                end = end < 0 ? code.length() : end + 3;
                out.append("\"\"").append(" ".repeat(Math.max(0, end - i - 2)));
                i = end;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < code.length() && code.charAt(j) != c && code.charAt(j) != '\n') {
                    j += code.charAt(j) == '\\' ? 2 : 1;
                }
                int end = Math.min(code.length(), j + 1);
                out.append(c).append(" ".repeat(Math.max(0, end - i - 2))).append(end - i >= 2 ? String.valueOf(c) : "");
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
