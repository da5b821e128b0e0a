package portolan.kernel.jshell;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import jdk.jshell.JShell;

/**
 * Turns the stack frames of snippet code as the JVM records them ({@code REPL.$JShell$4.boom} in
 * {@code $JShell$4.java}, line 7 of JShell's generated wrapper) into the frames JShell itself puts
 * in an {@link jdk.jshell.EvalException} ({@code boom} in snippet {@code #4}, the snippet's own
 * line), which {@link Failures} maps to cell lines.
 *
 * <p>JShell translates only the exception a snippet throws; an exception thrown in a thread the
 * cell started, or one suppressed inside another, keeps the raw frames. The translation is JShell's
 * own, {@code Eval.translateExceptionStack}, a private method reached the way {@link SourceDocs}
 * reaches JShell's internals (the same on JDK 17 and 25); where a JDK has changed it, frames are
 * shown raw, with the wrapper class names taken out.
 */
final class StackTranslator {
    private final Object eval;
    private final Method translate;

    private StackTranslator(Object eval, Method translate) {
        this.eval = eval;
        this.translate = translate;
    }

    static StackTranslator of(JShell shell) {
        try {
            Field field = JShell.class.getDeclaredField("eval");
            field.setAccessible(true);
            Object eval = field.get(shell);
            Method translate = eval.getClass().getDeclaredMethod("translateExceptionStack", Exception.class);
            translate.setAccessible(true);
            return new StackTranslator(eval, translate);
        } catch (ReflectiveOperationException | RuntimeException unavailable) {
            return new StackTranslator(null, null);
        }
    }

    /** Whether this JDK's JShell could be reached (else {@link #translate} gives frames back as they are). */
    boolean works() {
        return translate != null;
    }

    /** {@code frames} in JShell's snippet form, up to the snippet's entry; {@code frames} as they are if that fails. */
    StackTraceElement[] translate(StackTraceElement[] frames) {
        if (translate == null || frames.length == 0) {
            return frames;
        }
        Exception carrier = new Exception();
        carrier.setStackTrace(frames);
        try {
            return (StackTraceElement[]) translate.invoke(eval, carrier);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return frames;
        }
    }
}
