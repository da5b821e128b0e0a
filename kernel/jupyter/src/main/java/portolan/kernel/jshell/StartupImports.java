package portolan.kernel.jshell;

import java.util.List;

/**
 * The packages every cell sees without an import. Only packages that contain classes belong
 * here (an on-demand import of an empty package does not compile), and no two of them may
 * export the same simple name, also together with {@code java.net} (StartupImportsTest checks
 * both). The sandbox adds its public packages here as they gain classes.
 */
public final class StartupImports {

    public static final List<String> PACKAGES = List.of(
            "java.util",
            "java.util.function",
            "java.util.stream",
            "java.io",
            "java.nio.file",
            "java.time",
            "java.math",
            "portolan.sandbox",
            "portolan.sandbox.apps",
            "portolan.sandbox.view",
            "portolan.sandbox.wire");

    /** Classes whose static members every cell sees: the display functions. */
    public static final List<String> STATIC_MEMBERS_OF = List.of(Display.class.getName());

    /** Single static members every cell sees: the protocol names of port-forwarding rules ({@code TCP}). */
    public static final List<String> STATIC_MEMBERS = List.of(
            "portolan.sandbox.stack.IpProtocol.TCP",
            "portolan.sandbox.stack.IpProtocol.UDP",
            "portolan.sandbox.stack.IpProtocol.ICMP");

    /** A startup package's name before a class name, not inside a longer name. */
    private static final java.util.regex.Pattern QUALIFIER = java.util.regex.Pattern.compile(
            "(?<![\\w.$])(" + String.join("|", PACKAGES.stream()
                    .sorted(java.util.Comparator.comparing(String::length).reversed())
                    .map(java.util.regex.Pattern::quote).toList()) + ")\\.(?=[A-Z])");

    private StartupImports() {
    }

    /**
     * Type text with the startup packages' names dropped ({@code java.util.List<portolan.sandbox.Host>}
     * becomes {@code List<Host>}), as JShell itself writes names of imported classes. JShell only
     * knows an import by the first statement of its snippet (see {@link #snippet()}), so for the
     * others the kernel does it.
     */
    public static String shorten(String typeText) {
        return QUALIFIER.matcher(typeText).replaceAll("");
    }

    /** The import statements, one snippet each. */
    public static List<String> snippets() {
        List<String> all = new java.util.ArrayList<>();
        STATIC_MEMBERS_OF.forEach(c -> all.add("import static " + c + ".*;"));
        PACKAGES.forEach(p -> all.add("import " + p + ".*;"));
        STATIC_MEMBERS.forEach(m -> all.add("import static " + m + ";"));
        return List.copyOf(all);
    }

    /**
     * All the import statements as one snippet, which JShell compiles once instead of fifteen
     * times (about 150 ms less before the first cell can run). JShell keeps an import snippet's
     * text as it is and puts it into every later compilation, so every import in it takes
     * effect; it files the snippet under its first import only — the display functions', which
     * a notebook has no reason to import again, so a cell importing {@code java.util.*} itself
     * does not replace the others.
     */
    public static String snippet() {
        return String.join(" ", snippets());
    }
}
