package portolan.kernel.jshell;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Resolves {@code %maven group:artifact:version} coordinates, with their transitive
 * dependencies, to jar files by running the installed {@code mvn} on a generated pom
 * ({@code dependency:build-classpath}).
 *
 * <p>Why the {@code mvn} command rather than the Maven Resolver library: it honours
 * {@code ~/.m2/settings.xml} (mirrors, proxies, credentials), the local repository and offline
 * mode exactly as the learner's own builds do, and it adds nothing to the kernel jar (the
 * resolver with its transport stack would add several megabytes). The cost: Maven must be
 * installed, and the error says so when it is not.
 */
final class MavenResolver {

    private static final Pattern COORDINATES = Pattern.compile("[\\w.\\-]+:[\\w.\\-]+(:[\\w.\\-]+){1,3}");
    /** The dependency plugin is pinned so that results do not change with Maven's defaults. */
    static final String DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1";
    static final long TIMEOUT_SECONDS = 300;

    private MavenResolver() {
    }

    /** The jars of {@code args} (coordinates, and {@code -o} for offline), in Maven's order. */
    static List<Path> resolve(List<String> args) throws IOException {
        boolean offline = false;
        StringBuilder deps = new StringBuilder();
        List<String> coords = new ArrayList<>();
        for (String a : args) {
            if (a.isBlank()) {
                continue;
            }
            if (a.equals("-o") || a.equals("--offline")) {
                offline = true;
                continue;
            }
            if (!COORDINATES.matcher(a).matches()) {
                throw new IllegalArgumentException("'" + a + "' is not group:artifact:version, e.g."
                        + " %maven com.google.code.gson:gson:2.13.1");
            }
            String[] p = a.split(":");
            String version = p[p.length - 1];
            deps.append("<dependency><groupId>").append(p[0]).append("</groupId><artifactId>").append(p[1])
                    .append("</artifactId><version>").append(version).append("</version>");
            if (p.length == 4) {
                deps.append("<type>").append(p[2]).append("</type>");
            } else if (p.length == 5) {
                deps.append("<type>").append(p[2]).append("</type><classifier>").append(p[3]).append("</classifier>");
            }
            deps.append("</dependency>");
            coords.add(a);
        }
        if (coords.isEmpty()) {
            throw new IllegalArgumentException("say what to add, e.g. %maven com.google.code.gson:gson:2.13.1"
                    + " (add -o to use only the local repository)");
        }
        String mvn = findMaven();
        Path dir = Files.createTempDirectory("portolan-maven");
        try {
            Files.writeString(dir.resolve("pom.xml"), "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">"
                    + "<modelVersion>4.0.0</modelVersion><groupId>portolan.notebook</groupId>"
                    + "<artifactId>maven-magic</artifactId><version>1</version><packaging>pom</packaging>"
                    + "<dependencies>" + deps + "</dependencies></project>");
            Path out = dir.resolve("classpath.txt");
            List<String> cmd = new ArrayList<>(List.of(mvn, "-B", "-q", "-f", dir.resolve("pom.xml").toString(),
                    DEPENDENCY_PLUGIN + ":build-classpath", "-Dmdep.outputFile=" + out,
                    "-Dmdep.includeScope=runtime", "-Dstyle.color=never"));
            if (offline) {
                cmd.add(1, "-o");
            }
            int exit = run(cmd, dir, coords);
            String log = Files.readString(dir.resolve("mvn.log"), StandardCharsets.UTF_8);
            if (exit != 0 || !Files.exists(out)) {
                throw new IllegalArgumentException("Maven could not resolve " + String.join(" ", coords) + ". "
                        + hint(log, offline) + "\nMaven said: " + firstError(log));
            }
            List<Path> jars = new ArrayList<>();
            for (String entry : Files.readString(out).strip().split(Pattern.quote(File.pathSeparator))) {
                if (!entry.isBlank()) {
                    jars.add(Path.of(entry));
                }
            }
            if (jars.stream().anyMatch(j -> SourceDocs.sourcesJarOf(j) == null)) {
                // Javadoc for Shift-Tab comes from -sources.jar files next to the jars; a missing one is no error.
                int goal = cmd.indexOf(DEPENDENCY_PLUGIN + ":build-classpath");
                List<String> sources = new ArrayList<>(cmd.subList(0, goal));
                sources.addAll(List.of(DEPENDENCY_PLUGIN + ":sources", "-Dmdep.includeScope=runtime",
                        "-Dstyle.color=never"));
                run(sources, dir, coords);
            }
            return jars;
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    /** Runs Maven's {@code cmd} in {@code dir} (output to mvn.log there) and returns its exit status. */
    private static int run(List<String> cmd, Path dir, List<String> coords) throws IOException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("mvn.log").toFile()).start();
        boolean finished;
        try {
            finished = p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while Maven was resolving " + coords);
        }
        if (!finished) {
            p.destroyForcibly();
            throw new IOException("Maven did not finish resolving " + coords + " within " + TIMEOUT_SECONDS + " s");
        }
        return p.exitValue();
    }

    private static String hint(String log, boolean offline) {
        if (log.contains("offline") || offline) {
            return "Working offline, only the local repository (~/.m2/repository) is used and it does not have"
                    + " everything: run once online, without -o.";
        }
        if (log.contains("Could not transfer") || log.contains("UnknownHost") || log.contains("Connect")) {
            return "Maven Central (or your mirror in ~/.m2/settings.xml) cannot be reached: check the network"
                    + " or proxy settings, or use -o if the artifact is already in ~/.m2/repository.";
        }
        return "Check the coordinates on https://central.sonatype.com (group:artifact:version).";
    }

    /** Maven's first error line, without its decorations (the rest is generic advice). */
    private static String firstError(String log) {
        for (String line : log.replaceAll("\u001b\\[[0-9;]*m", "").split("\n")) {
            if (line.startsWith("[ERROR] ") && line.length() > 8) {
                return line.substring(8).replace(" -> [Help 1]", "").strip();
            }
        }
        return log.isBlank() ? "(nothing)" : log.strip();
    }

    private static String findMaven() {
        String home = System.getenv("MAVEN_HOME");
        List<Path> candidates = new ArrayList<>();
        if (home != null) {
            candidates.add(Path.of(home, "bin", "mvn"));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(Pattern.quote(File.pathSeparator))) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, "mvn"));
            }
        }
        for (Path c : candidates) {
            if (Files.isExecutable(c)) {
                return c.toString();
            }
        }
        throw new IllegalArgumentException("%maven runs Apache Maven, and no 'mvn' was found on PATH or in"
                + " MAVEN_HOME: install Maven (e.g. apt-get install maven), or download the jars and use %classpath.");
    }
}
