package portolan.sandbox.view;

import java.io.PrintStream;
import java.util.function.BooleanSupplier;

/**
 * A Check is one self-study expectation about a learner's answer: it prints a line starting
 * with {@value #PASS} when the answer meets it, or with {@value #FAIL} and a hint when it does
 * not yet. A notebook's exercise cells end with checks, so a learner sees at once which answers
 * are right; the notebook tests read the same marks to prove that the checks pass with the
 * answers and fail without them.
 */
public final class Check {
    /** The mark that starts the line of a met expectation. */
    public static final String PASS = "✔";
    /** The mark that starts the line of an expectation not met yet. */
    public static final String FAIL = "✘";

    private Check() {
    }

    /** Prints whether {@code ok} holds for the expectation {@code what}, with {@code hint} if not. */
    public static void that(String what, boolean ok, String hint) {
        print(System.out, what, ok ? null : "not yet. " + hint);
    }

    /**
     * Evaluates {@code test} and prints whether it holds. An exception thrown by the learner's
     * code counts as not met and is named in the line, so one broken answer does not stop the
     * other checks of the cell.
     */
    public static void that(String what, BooleanSupplier test, String hint) {
        String problem;
        try {
            problem = test.getAsBoolean() ? null : "not yet. " + hint;
        } catch (RuntimeException | AssertionError e) {
            problem = "your code threw " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")") + ". " + hint;
        }
        print(System.out, what, problem);
    }

    private static void print(PrintStream out, String what, String problem) {
        if (what == null || what.isBlank()) {
            throw new IllegalArgumentException("a check needs a short description of what it expects, e.g. \"the port of http://host:8080/ is 8080\"");
        }
        out.println(problem == null ? PASS + " " + what : FAIL + " " + what + " — " + problem);
    }
}
