package portolan.grader;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import portolan.notebook.InterpreterFactory;
import portolan.notebook.Notebook;
import portolan.notebook.NotebookException;
import portolan.notebook.PythonJson;
import portolan.notebook.RunCommand;

/**
 * The {@code grade} command: {@code grade release|validate|autograde|feedback|gradebook ...}.
 * Exit status: 0 success, 1 a validation or grading found failures, 2 bad arguments or input.
 */
public final class GradeCommand {

    static final String USAGE = """
            usage: portolan grade <command> ...
              release SOURCE.ipynb [--output FILE]
                  make the student version: solutions replaced by placeholders, hidden tests removed,
                  checksums set (default output: release/<name>.ipynb beside SOURCE)
              validate NOTEBOOK [--timeout SECONDS]
                  run NOTEBOOK as the grader would; exit status 1 and a summary if a test fails
              autograde --source SOURCE.ipynb SUBMISSIONS --output DIR [--jobs N]
                        [--cell-timeout SECONDS] [--submission-timeout SECONDS] [--force]
                  grade SUBMISSIONS/<student>/<name>.ipynb (or SUBMISSIONS/<student>.ipynb) in parallel,
                  each in its own JVM; writes DIR/<student>/<name>.ipynb and result.json; students
                  already graded from the same files are skipped unless --force
              feedback AUTOGRADED --output DIR
                  per student DIR/<student>/<name>.html and <name>.ipynb, without hidden test code
              gradebook AUTOGRADED --output DIR
                  DIR/gradebook.csv, DIR/gradebook.json and DIR/gradescope/<student>/results.json
            """;

    private GradeCommand() {
    }

    /** Runs {@code grade ARGS}; returns the exit status. */
    public static int run(List<String> args, InterpreterFactory factory, PrintStream out, PrintStream err) {
        if (args.isEmpty() || List.of("help", "--help", "-h").contains(args.get(0))) {
            (args.isEmpty() ? err : out).print(USAGE);
            return args.isEmpty() ? 2 : 0;
        }
        String command = args.get(0);
        try {
            Options o = Options.parse(args.subList(1, args.size()));
            return switch (command) {
                case "release" -> release(o, out);
                case "validate" -> validate(o, factory, out);
                case "autograde" -> autograde(o, factory, out);
                case "feedback" -> feedback(o, out);
                case "gradebook" -> gradebook(o, out);
                default -> throw new IllegalArgumentException("unknown command '" + command
                        + "'; use release, validate, autograde, feedback or gradebook");
            };
        } catch (IllegalArgumentException e) {
            err.println("portolan grade: " + e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (GradingException | NotebookException e) {
            err.println("portolan grade " + command + ": " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("portolan grade " + command + ": " + e);
            return 2;
        }
    }

    private static int release(Options o, PrintStream out) throws IOException {
        Path source = o.onlyPositional("the instructor notebook");
        Notebook student = Release.studentVersion(read(source));
        Path target = o.path("--output", source.toAbsolutePath().getParent().resolve("release").resolve(source.getFileName()));
        if (target.toAbsolutePath().normalize().equals(source.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("--output must not overwrite the instructor notebook " + source);
        }
        student.write(target);
        out.println("wrote the student version of " + source + " to " + target);
        return 0;
    }

    private static int validate(Options o, InterpreterFactory factory, PrintStream out) throws IOException {
        Path file = o.onlyPositional("the notebook to validate");
        Validator.Validation v = new Validator(factory, o.seconds("--timeout", Duration.ofSeconds(30))).validate(read(file));
        out.print(v.summary());
        return v.passed() ? 0 : 1;
    }

    private static int autograde(Options o, InterpreterFactory factory, PrintStream out) throws IOException {
        Path source = o.required("--source", "the instructor notebook");
        Path submissions = o.onlyPositional("the folder of submissions");
        Path output = o.required("--output", "the folder for graded notebooks");
        if (!Files.isDirectory(submissions)) {
            throw new GradingException("no such folder: " + submissions);
        }
        String name = source.getFileName().toString();
        Assignment assignment = Assignment.of(name.replaceFirst("\\.ipynb$", ""), read(source));
        int jobs = o.integer("--jobs", Runtime.getRuntime().availableProcessors());
        Autograder.Limits limits = new Autograder.Limits(o.seconds("--cell-timeout", Duration.ofSeconds(30)),
                o.seconds("--submission-timeout", Duration.ofMinutes(10)), Duration.ofSeconds(5));
        Autograde run = new Autograde(assignment, name, Files.readAllBytes(source), new Autograder(assignment, factory, limits));
        List<Autograde.Outcome> outcomes = run.run(submissions, output, jobs, o.flag("--force"), out);
        long graded = outcomes.stream().filter(x -> !x.skipped()).count();
        out.println("graded " + graded + " submission(s), skipped " + (outcomes.size() - graded) + " already graded; results in " + output);
        return 0;
    }

    private static int feedback(Options o, PrintStream out) throws IOException {
        Path autograded = o.onlyPositional("the autograded folder");
        Path output = o.required("--output", "the folder for feedback");
        for (Map.Entry<Path, SubmissionResult> e : results(autograded).entrySet()) {
            SubmissionResult r = e.getValue();
            Path nbFile = e.getKey().resolve(r.notebook());
            Notebook nb = Files.isRegularFile(nbFile) ? Notebook.read(nbFile) : null;
            Path dir = output.resolve(r.student());
            Files.createDirectories(dir);
            String stem = r.notebook().replaceFirst("\\.ipynb$", "");
            Files.writeString(dir.resolve(stem + ".html"), Feedback.html(nb, r), StandardCharsets.UTF_8);
            if (nb != null) {
                Feedback.notebook(nb, r).write(dir.resolve(r.notebook()));
            }
            out.println(r.student() + ": feedback in " + dir);
        }
        return 0;
    }

    private static int gradebook(Options o, PrintStream out) throws IOException {
        Path autograded = o.onlyPositional("the autograded folder");
        Path output = o.required("--output", "the folder for the gradebook");
        List<SubmissionResult> results = new ArrayList<>(results(autograded).values());
        Files.createDirectories(output);
        Files.writeString(output.resolve("gradebook.csv"), Gradebook.csv(results), StandardCharsets.UTF_8);
        Files.writeString(output.resolve("gradebook.json"), Gradebook.json(results), StandardCharsets.UTF_8);
        for (SubmissionResult r : results) {
            Path dir = output.resolve("gradescope").resolve(r.student());
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("results.json"), Gradebook.gradescope(r), StandardCharsets.UTF_8);
        }
        out.println("gradebook of " + results.size() + " student(s) written to " + output);
        return 0;
    }

    /** The results under an autograded folder, by student folder, sorted. */
    static Map<Path, SubmissionResult> results(Path autograded) throws IOException {
        if (!Files.isDirectory(autograded)) {
            throw new GradingException("no such folder: " + autograded + " (give the --output folder of autograde)");
        }
        Map<Path, SubmissionResult> results = new LinkedHashMap<>();
        try (Stream<Path> dirs = Files.list(autograded)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                Path file = dir.resolve("result.json");
                if (Files.isRegularFile(file)) {
                    try {
                        results.put(dir, SubmissionResult.fromJson(PythonJson.parse(Files.readString(file)).getAsJsonObject()));
                    } catch (RuntimeException e) {
                        throw new GradingException(file + " is not a result written by autograde (" + e.getMessage() + ")");
                    }
                }
            }
        }
        if (results.isEmpty()) {
            throw new GradingException("no results in " + autograded + ": run `grade autograde` with --output " + autograded + " first");
        }
        return results;
    }

    private static Notebook read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new GradingException("no such notebook: " + file);
        }
        return Notebook.read(file);
    }

    /** Parsed options: {@code --name value}, flags and positional arguments. */
    record Options(Map<String, String> values, List<String> positional) {
        private static final List<String> FLAGS = List.of("--force");
        private static final List<String> VALUED = List.of("--output", "--timeout", "--source", "--jobs", "--cell-timeout", "--submission-timeout");

        static Options parse(List<String> args) {
            Map<String, String> values = new LinkedHashMap<>();
            List<String> positional = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if (FLAGS.contains(a)) {
                    values.put(a, "true");
                } else if (VALUED.contains(a)) {
                    if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                        throw new IllegalArgumentException(a + " needs a value");
                    }
                    values.put(a, args.get(++i));
                } else if (a.startsWith("-")) {
                    throw new IllegalArgumentException("unknown option " + a);
                } else {
                    positional.add(a);
                }
            }
            return new Options(values, positional);
        }

        Path onlyPositional(String what) {
            if (positional.size() != 1) {
                throw new IllegalArgumentException(positional.isEmpty() ? "give " + what : "expected only " + what + ", got " + positional);
            }
            return Path.of(positional.get(0));
        }

        Path required(String option, String what) {
            String v = values.get(option);
            if (v == null) {
                throw new IllegalArgumentException(option + " is required (" + what + ")");
            }
            return Path.of(v);
        }

        Path path(String option, Path fallback) {
            return values.containsKey(option) ? Path.of(values.get(option)) : fallback;
        }

        boolean flag(String option) {
            return values.containsKey(option);
        }

        Duration seconds(String option, Duration fallback) {
            if (!values.containsKey(option)) {
                return fallback;
            }
            return RunCommand.seconds(values.get(option), option);
        }

        int integer(String option, int fallback) {
            if (!values.containsKey(option)) {
                return fallback;
            }
            try {
                int n = Integer.parseInt(values.get(option));
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(option + " wants a positive whole number, not '" + values.get(option) + "'");
        }
    }
}
