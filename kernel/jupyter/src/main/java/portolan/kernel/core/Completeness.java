package portolan.kernel.core;

/** The answer to an {@code is_complete_request}. {@code indent} is only meaningful for {@code incomplete}. */
public record Completeness(String status, String indent) {

    public static final Completeness COMPLETE = new Completeness("complete", "");
    public static final Completeness INVALID = new Completeness("invalid", "");
    public static final Completeness UNKNOWN = new Completeness("unknown", "");

    public static Completeness incomplete(String indent) {
        return new Completeness("incomplete", indent);
    }
}
