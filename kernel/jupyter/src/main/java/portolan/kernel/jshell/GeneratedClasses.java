package portolan.kernel.jshell;

import java.lang.reflect.Field;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import jdk.jshell.JShell;

/**
 * The class files JShell's compiler keeps for every snippet it ever compiled, so that the
 * ones of a dropped expression value can be forgotten. JShell never removes them, and on
 * JDK 25 every compilation lists them all again (its REPL package is re-read after each
 * task): after 900 cells ending in an expression, a {@code 1+1} took 23 ms instead of 14.
 * Reaches into JShell's file manager (opened to the kernel like {@link SourceDocs}); where
 * that is not possible, nothing is forgotten and JShell works as it always does.
 */
final class GeneratedClasses {

    private final Map<String, ?> classes;

    private GeneratedClasses(Map<String, ?> classes) {
        this.classes = classes;
    }

    static GeneratedClasses of(JShell shell) {
        try {
            Object taskFactory = field(shell, "taskFactory");
            Object fileManager = field(taskFactory, "fileManager");
            @SuppressWarnings("unchecked")
            Map<String, ?> classes = (Map<String, ?>) field(fileManager, "classObjects");
            return new GeneratedClasses(classes);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return new GeneratedClasses(null);
        }
    }

    private static Object field(Object owner, String name) throws ReflectiveOperationException {
        Field f = owner.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return f.get(owner);
    }

    /** The names of the class files there are now; call and forget on JShell's thread only. */
    Set<String> names() {
        return classes == null ? Set.of() : new HashSet<>(classes.keySet());
    }

    /** Forgets the class files made since {@code before} (all of them belong to a dropped snippet). */
    void forgetAllBut(Set<String> before) {
        if (classes != null) {
            classes.keySet().removeIf(name -> !before.contains(name));
        }
    }
}
