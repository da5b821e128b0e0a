package portolan.kernel.jshell;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jdk.jshell.SourceCodeAnalysis;

/**
 * SourceDocs makes JShell's documentation (inspection, Shift-Tab) show the Javadoc of the
 * sandbox's classes and of jars added with {@code %maven}, not only the JDK's.
 *
 * <p>Why reflection: JShell reads Javadoc from source files only, and looks for them only in the
 * JDK's {@code lib/src.zip} ({@code SourceCodeAnalysisImpl.findSources()}, the same on JDK 17 and
 * 25); neither the class path nor a {@code --source-path} compiler option is consulted. So the
 * list it computed is extended with more source roots: the sandbox sources bundled in the kernel
 * jar under {@value #BUNDLED}, and {@code -sources.jar} files. The worker is started with
 * {@code --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED} for this; where a JDK has changed its
 * internals, nothing breaks: the extra Javadoc is missing and inspection says why.
 */
final class SourceDocs {
    /** Where the kernel jar (and the build's classes directory) holds the sandbox's sources. */
    static final String BUNDLED = "portolan-sources";

    private final SourceCodeAnalysis analysis;
    private final List<Path> extra = new ArrayList<>();
    private final List<FileSystem> open = new ArrayList<>();
    private List<Path> jdkSources;
    private boolean bundledPending = true;
    private boolean applied;
    private String failure;

    /** The sources for {@code analysis}: the sandbox's bundled ones, and whatever is added later. */
    SourceDocs(SourceCodeAnalysis analysis) {
        this.analysis = analysis;
    }

    /** The root of the bundled sandbox sources, or null when this build has none. */
    static Path bundledRoot() {
        URL marker = SourceDocs.class.getResource("/" + BUNDLED + "/portolan/sandbox/Network.java");
        if (marker == null) {
            return null;
        }
        try {
            URI uri = marker.toURI();
            if (uri.getScheme().equals("jar")) {
                FileSystem fs;
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException already) {
                    fs = FileSystems.getFileSystem(uri);
                }
                return fs.getPath("/" + BUNDLED);
            }
            return Path.of(uri).getParent().getParent().getParent();
        } catch (URISyntaxException | IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Adds the source root {@code root} (a directory, or a directory inside a zip file system);
     * JShell sees it from the next {@link #ensure()} (lazily: reading the JDK's src.zip index
     * costs time a starting worker should not spend).
     */
    synchronized void addRoot(Path root) {
        if (root != null && !extra.contains(root)) {
            extra.add(root);
            applied = false;
        }
    }

    /** Makes JShell's next documentation lookup search every added root (call before asking it). */
    synchronized void ensure() {
        // Found only now: opening the kernel jar as a file system would cost a starting worker time.
        if (bundledPending) {
            bundledPending = false;
            Path bundled = bundledRoot();
            if (bundled != null) {
                extra.add(0, bundled);
            }
        }
        if (!applied) {
            applied = true;
            apply();
        }
    }

    /** Adds the sources of a {@code -sources.jar} file. */
    synchronized void addSourcesJar(Path jar) throws IOException {
        FileSystem fs = FileSystems.newFileSystem(jar);
        open.add(fs);
        addRoot(fs.getRootDirectories().iterator().next());
    }

    /** The {@code -sources.jar} next to {@code jar} in a Maven repository, or null if there is none. */
    static Path sourcesJarOf(Path jar) {
        String name = jar.getFileName().toString();
        if (!name.endsWith(".jar") || name.endsWith("-sources.jar")) {
            return null;
        }
        Path sources = jar.resolveSibling(name.substring(0, name.length() - 4) + "-sources.jar");
        return Files.isRegularFile(sources) ? sources : null;
    }

    /** Why the extra sources could not be installed, or null if they were. */
    synchronized String failure() {
        return failure;
    }

    private void apply() {
        try {
            Method find = analysis.getClass().getDeclaredMethod("findSources");
            find.setAccessible(true);
            Field cached = analysis.getClass().getDeclaredField("availableSources");
            cached.setAccessible(true);
            if (jdkSources == null) {
                @SuppressWarnings("unchecked")
                List<Path> jdk = (List<Path>) find.invoke(analysis); // the JDK's own list, computed once
                jdkSources = List.copyOf(jdk);
            }
            List<Path> all = new ArrayList<>(jdkSources);
            all.addAll(extra);
            cached.set(analysis, List.copyOf(all));
            failure = null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            failure = "this JDK's JShell does not let the kernel add Javadoc sources (" + e + ")";
        }
    }
}
