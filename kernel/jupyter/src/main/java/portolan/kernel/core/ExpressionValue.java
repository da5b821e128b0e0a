package portolan.kernel.core;

import java.util.List;

/** The outcome of one {@code user_expressions} entry: a bundle, or an error like {@link ExecuteResult}'s. */
public record ExpressionValue(MimeBundle value, String ename, String evalue, List<String> traceback) {

    public static ExpressionValue of(MimeBundle value) {
        return new ExpressionValue(value, null, null, List.of());
    }

    public static ExpressionValue error(String ename, String evalue, List<String> traceback) {
        return new ExpressionValue(null, ename, evalue, List.copyOf(traceback));
    }

    public boolean ok() {
        return value != null;
    }
}
