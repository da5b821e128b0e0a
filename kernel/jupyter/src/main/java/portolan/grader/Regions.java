package portolan.grader;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Marker regions in cell source, as nbgrader finds them: a line that contains
 * {@code BEGIN SOLUTION} opens a region and one that contains {@code END SOLUTION} closes it
 * (likewise {@code BEGIN HIDDEN TESTS} / {@code END HIDDEN TESTS} and {@code BEGIN MARK SCHEME} /
 * {@code END MARK SCHEME}); the marker lines themselves are dropped. In Java cells they are
 * written {@code // BEGIN SOLUTION} etc.
 */
public final class Regions {

    public static final String SOLUTION = "SOLUTION";
    public static final String HIDDEN_TESTS = "HIDDEN TESTS";
    public static final String MARK_SCHEME = "MARK SCHEME";

    private Regions() {
    }

    /** True if {@code source} has a line opening a region of {@code kind}. */
    public static boolean has(String source, String kind) {
        for (String line : source.split("\n", -1)) {
            if (line.contains("BEGIN " + kind)) {
                return true;
            }
        }
        return false;
    }

    /** {@code source} with every region of {@code kind} (markers included) removed. */
    public static String remove(String source, String kind, String where) {
        return replace(source, kind, where, (before, indent) -> List.of());
    }

    /**
     * Replaces every region of {@code kind} by the lines {@code stub} returns, each prefixed with
     * the BEGIN marker's indentation. {@code stub} gets the source before the region (so it can
     * tell a method body from a statement) and the source after it.
     *
     * @throws GradingException for a nested BEGIN or a missing END, naming {@code where}
     */
    public static String replace(String source, String kind, String where, BiFunction<String, String, List<String>> stub) {
        String[] lines = source.split("\n", -1);
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < lines.length) {
            String line = lines[i];
            if (line.contains("END " + kind) ) {
                throw new GradingException(where + ": line " + (i + 1) + " has END " + kind + " without a BEGIN " + kind + " before it");
            }
            if (!line.contains("BEGIN " + kind)) {
                out.add(line);
                i++;
                continue;
            }
            int begin = i;
            int end = -1;
            for (int j = i + 1; j < lines.length; j++) {
                if (lines[j].contains("BEGIN " + kind)) {
                    throw new GradingException(where + ": BEGIN " + kind + " on line " + (j + 1)
                            + " is inside the region opened on line " + (begin + 1) + "; regions cannot be nested");
                }
                if (lines[j].contains("END " + kind)) {
                    end = j;
                    break;
                }
            }
            if (end < 0) {
                throw new GradingException(where + ": BEGIN " + kind + " on line " + (begin + 1) + " has no END " + kind);
            }
            String indent = line.substring(0, line.length() - line.stripLeading().length());
            String before = String.join("\n", out);
            String after = String.join("\n", java.util.Arrays.asList(lines).subList(end + 1, lines.length));
            for (String stubLine : stub.apply(before, after)) {
                out.add(indent + stubLine);
            }
            i = end + 1;
        }
        return String.join("\n", out);
    }
}
