package portolan.kernel.jshell;

import portolan.kernel.core.MimeBundle;

/** Turns the value of a cell's final expression into the bundle shown as its result. */
@FunctionalInterface
public interface ResultRenderer {

    /** JShell's own text, as the {@code jshell} tool prints it (strings quoted). */
    ResultRenderer PLAIN = (value, typeName, text) -> MimeBundle.text(text);

    /**
     * @param value    the live object, or null when it is null or out of reach (a bare variable name)
     * @param typeName the expression's static type as JShell names it
     * @param text     JShell's text for the value
     */
    MimeBundle render(Object value, String typeName, String text);
}
