package portolan.kernel.core;

/** The answer to an {@code inspect_request}: nothing found, or a bundle (plain text and HTML). */
public record Inspection(boolean found, MimeBundle bundle) {

    public static Inspection notFound() {
        return new Inspection(false, null);
    }
}
