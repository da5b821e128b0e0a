package portolan.kernel.core;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import portolan.kernel.protocol.Session;

/**
 * The content of {@code kernel_info_reply}: protocol and implementation versions, the language
 * (lowercase {@code java}, so front ends pick the right highlighting), a banner and links to the
 * API documentation of the JDK the kernel runs on.
 */
public final class KernelInfo {

    private KernelInfo() {
    }

    /**
     * The {@code language_info} of the reply, which Jupyter clients (nbclient, the notebook
     * front ends) copy into the notebook's metadata; the headless runner does the same.
     */
    public static JsonObject languageInfo() {
        JsonObject language = new JsonObject();
        language.addProperty("name", "java");
        language.addProperty("version", javaVersion());
        language.addProperty("mimetype", "text/x-java-source");
        language.addProperty("file_extension", ".jshell");
        language.addProperty("pygments_lexer", "java");
        language.addProperty("codemirror_mode", "text/x-java");
        language.addProperty("nbconvert_exporter", "script");
        return language;
    }

    private static String javaVersion() {
        return System.getProperty("java.version", String.valueOf(Runtime.version().feature()));
    }

    static JsonObject content() {
        int feature = Runtime.version().feature();
        String javaVersion = javaVersion();
        JsonObject language = languageInfo();

        JsonArray links = new JsonArray();
        links.add(link("Java " + feature + " API", "https://docs.oracle.com/en/java/javase/" + feature
                + "/docs/api/index.html"));
        links.add(link("JShell guide", "https://docs.oracle.com/en/java/javase/" + feature
                + "/jshell/introduction-jshell.html"));

        JsonObject content = new JsonObject();
        content.addProperty("status", "ok");
        content.addProperty("protocol_version", Session.PROTOCOL_VERSION);
        content.addProperty("implementation", "portolan");
        content.addProperty("implementation_version", implementationVersion());
        content.add("language_info", language);
        content.addProperty("banner", "Portolan " + implementationVersion() + " — Java " + javaVersion
                + " (JShell) with a simulated network sandbox");
        content.add("help_links", links);
        return content;
    }

    private static String implementationVersion() {
        String version = KernelInfo.class.getPackage().getImplementationVersion();
        // Classes run from target/classes (tests) have no manifest.
        return version == null ? "dev" : version;
    }

    private static JsonObject link(String text, String url) {
        JsonObject link = new JsonObject();
        link.addProperty("text", text);
        link.addProperty("url", url);
        return link;
    }
}
