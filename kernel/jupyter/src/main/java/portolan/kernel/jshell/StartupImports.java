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

    private StartupImports() {
    }

    /** The import statements, one snippet each. */
    public static List<String> snippets() {
        List<String> all = new java.util.ArrayList<>(PACKAGES.stream().map(p -> "import " + p + ".*;").toList());
        STATIC_MEMBERS_OF.forEach(c -> all.add("import static " + c + ".*;"));
        STATIC_MEMBERS.forEach(m -> all.add("import static " + m + ";"));
        return List.copyOf(all);
    }
}
