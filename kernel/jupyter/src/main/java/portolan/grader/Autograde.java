package portolan.grader;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import portolan.notebook.Notebook;
import portolan.notebook.NotebookException;
import portolan.notebook.PythonJson;

/**
 * Grades a folder of submissions in parallel, each in its own worker JVM, and writes for every
 * student {@code OUT/<student>/<notebook>.ipynb} (the notebook as run, with outputs and grades)
 * and {@code OUT/<student>/result.json}. Submissions are {@code SUBMISSIONS/<student>/<notebook>.ipynb}
 * (also {@code SUBMISSIONS/<student>/<assignment>/<notebook>.ipynb} as nbgrader lays them out,
 * or the only notebook in the student's folder) or {@code SUBMISSIONS/<student>.ipynb}.
 * Re-running skips students whose result was made from the same files, unless forced.
 */
public final class Autograde {

    /** What happened to one student in a run. */
    public record Outcome(String student, SubmissionResult result, boolean skipped) {
    }

    private final Assignment assignment;
    private final String notebookName;
    private final Autograder grader;
    private final byte[] instructorBytes;

    public Autograde(Assignment assignment, String notebookName, byte[] instructorBytes, Autograder grader) {
        this.assignment = assignment;
        this.notebookName = notebookName;
        this.grader = grader;
        this.instructorBytes = instructorBytes.clone();
    }

    /** Grades every submission under {@code submissions}, {@code jobs} at a time; results come back sorted by student. */
    public List<Outcome> run(Path submissions, Path output, int jobs, boolean force, PrintStream log) throws IOException {
        List<Path> entries;
        try (Stream<Path> list = Files.list(submissions)) {
            entries = list.filter(p -> Files.isDirectory(p) || p.getFileName().toString().endsWith(".ipynb"))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        }
        if (entries.isEmpty()) {
            throw new GradingException("no submissions in " + submissions + ": expected one folder (or .ipynb file) per student");
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, jobs));
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (Path entry : entries) {
                futures.add(pool.submit(() -> gradeOne(entry, output, force, log)));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> f : futures) {
                try {
                    outcomes.add(f.get());
                } catch (ExecutionException e) {
                    throw new IOException("grading failed: " + e.getCause().getMessage(), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private Outcome gradeOne(Path entry, Path output, boolean force, PrintStream log) throws IOException {
        String file = entry.getFileName().toString();
        String student = Files.isDirectory(entry) ? file : file.substring(0, file.length() - ".ipynb".length());
        Path submitted = Files.isDirectory(entry) ? find(entry) : entry;
        byte[] bytes = submitted == null ? new byte[0] : Files.readAllBytes(submitted);
        String hash = sha256(instructorBytes, bytes);
        Path dir = output.resolve(student);
        Path resultFile = dir.resolve("result.json");
        if (!force && Files.isRegularFile(resultFile)) {
            try {
                SubmissionResult previous = SubmissionResult.fromJson(PythonJson.parse(Files.readString(resultFile)).getAsJsonObject());
                if (hash.equals(previous.inputSha256())) {
                    log.println(student + ": already graded (" + format(previous) + "), skipped; use --force to grade again");
                    return new Outcome(student, previous, true);
                }
            } catch (RuntimeException e) {
                // an unreadable earlier result is simply graded again
            }
        }
        SubmissionResult result;
        if (submitted == null) {
            result = grader.zero(student, notebookName, hash, SubmissionResult.MISSING, "no " + notebookName + " was submitted");
        } else {
            Notebook nb = null;
            String problem = null;
            try {
                nb = Notebook.read(submitted);
            } catch (NotebookException e) {
                problem = e.getMessage();
            }
            if (nb == null) {
                result = grader.zero(student, notebookName, hash, SubmissionResult.UNREADABLE, problem);
            } else {
                Autograder.Graded graded = grader.grade(student, notebookName, hash, nb);
                graded.notebook().write(dir.resolve(notebookName));
                result = graded.result();
            }
        }
        Files.createDirectories(dir);
        Files.writeString(resultFile, result.toJsonText(), StandardCharsets.UTF_8);
        log.println(student + ": " + format(result) + (result.issues().isEmpty() ? "" : ", " + result.issues().size() + " issue(s)"));
        return new Outcome(student, result, false);
    }

    private Path find(Path studentDir) throws IOException {
        for (Path candidate : List.of(studentDir.resolve(notebookName), studentDir.resolve(assignment.name()).resolve(notebookName))) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        try (Stream<Path> list = Files.list(studentDir)) {
            List<Path> notebooks = list.filter(p -> p.getFileName().toString().endsWith(".ipynb")).toList();
            return notebooks.size() == 1 ? notebooks.get(0) : null;
        }
    }

    static String format(SubmissionResult r) {
        return r.status() + " " + Report.points(r.score()) + "/" + Report.points(r.maxScore());
    }

    static String sha256(byte[]... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                sha.update(Integer.toString(part.length).getBytes(StandardCharsets.US_ASCII));
                sha.update((byte) ':');
                sha.update(part);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
