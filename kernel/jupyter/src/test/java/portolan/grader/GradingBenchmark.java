package portolan.grader;

import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import portolan.kernel.engine.Engine;

/**
 * Grading benchmark (a program, not a test): the seconds {@code grade autograde} takes for 100
 * copies of the home-server example assignment on all cores. The copies cycle through its sample
 * submissions (correct, partial, wrong, endless loop, System.exit, tampered, not compiling), so
 * the figure includes the per-cell timeouts a real class would hit. Run it from the repository
 * root after {@code mvn -DskipTests package test-compile}:
 * <pre>
 * java -cp kernel/jupyter/target/portolan.jar:kernel/jupyter/target/test-classes portolan.grader.GradingBenchmark [COUNT] [correct]
 * </pre>
 * {@code correct} grades copies of the correct submission only.
 */
public final class GradingBenchmark {
    private GradingBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        boolean correctOnly = args.length > 1 && args[1].equals("correct");
        Path assignment = Path.of("notebooks/assignments/home-server");
        if (!Files.isDirectory(assignment)) {
            System.err.println("run this from the repository root: no folder " + assignment.toAbsolutePath());
            System.exit(2);
        }
        List<Path> samples = new ArrayList<>();
        try (Stream<Path> students = Files.list(assignment.resolve("submitted"))) {
            students.sorted().filter(p -> !correctOnly || p.getFileName().toString().equals("ada")).forEach(samples::add);
        }
        Path work = Files.createTempDirectory("portolan-grading-bench");
        try {
            for (int i = 0; i < count; i++) {
                Path student = work.resolve("submitted").resolve(String.format(Locale.ROOT, "s%03d", i));
                Files.createDirectories(student);
                Files.copy(samples.get(i % samples.size()).resolve("home-server.ipynb"), student.resolve("home-server.ipynb"));
            }
            int cores = Runtime.getRuntime().availableProcessors();
            PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
            long start = System.nanoTime();
            int status = GradeCommand.run(List.of("autograde", "--source", assignment.resolve("source/home-server.ipynb").toString(),
                    work.resolve("submitted").toString(), "--output", work.resolve("autograded").toString(), "--jobs", String.valueOf(cores)),
                    Engine::launch, quiet, System.err);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "graded %d copies (%s) of home-server in %.1f s on %d cores, JDK %s (exit status %d)%n",
                    count, correctOnly ? "correct only" : "mix of " + samples.size() + " samples", seconds, cores, Runtime.version(), status);
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
