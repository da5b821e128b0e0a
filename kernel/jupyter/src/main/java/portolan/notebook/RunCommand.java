package portolan.notebook;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The {@code run} command: {@code run NOTEBOOK [--output FILE] [--timeout SECONDS] [--allow-errors]}.
 * Executes the notebook headless and writes it with its outputs (to NOTEBOOK itself unless
 * {@code --output} is given). Exit status 0 if every cell ran, 1 if a cell failed, 2 for bad
 * arguments or an unreadable notebook.
 */
public final class RunCommand {

    static final String USAGE = """
            usage: portolan run NOTEBOOK [--output FILE] [--timeout SECONDS] [--allow-errors]
              Runs every code cell of NOTEBOOK in a fresh Java worker and saves the outputs.
              --output FILE      write the executed notebook here (default: overwrite NOTEBOOK)
              --timeout SECONDS  time limit per cell (default 30)
              --allow-errors     keep going after a failing cell (default: stop at the first one)
            """;

    private RunCommand() {
    }

    /** Runs the command; returns the process exit status. */
    public static int run(List<String> args, InterpreterFactory factory, PrintStream out, PrintStream err) {
        Path input = null;
        Path output = null;
        Duration timeout = Duration.ofSeconds(30);
        boolean allowErrors = false;
        try {
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                switch (a) {
                    case "--output", "-o" -> output = Path.of(value(args, ++i, a));
                    case "--timeout" -> timeout = seconds(value(args, ++i, a), a);
                    case "--allow-errors" -> allowErrors = true;
                    case "--help", "-h" -> {
                        out.print(USAGE);
                        return 0;
                    }
                    default -> {
                        if (a.startsWith("-")) {
                            throw new IllegalArgumentException("unknown option " + a);
                        }
                        if (input != null) {
                            throw new IllegalArgumentException("only one notebook at a time (got " + input + " and " + a + ")");
                        }
                        input = Path.of(a);
                    }
                }
            }
            if (input == null) {
                throw new IllegalArgumentException("which notebook? give the .ipynb file to run");
            }
        } catch (IllegalArgumentException e) {
            err.println("portolan run: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        Notebook notebook;
        try {
            if (!Files.isRegularFile(input)) {
                err.println("portolan run: no such notebook: " + input);
                return 2;
            }
            notebook = Notebook.read(input);
        } catch (IOException | NotebookException e) {
            err.println("portolan run: " + e.getMessage());
            return 2;
        }
        NotebookRunner.Report report = new NotebookRunner(factory,
                new NotebookRunner.Options(timeout, allowErrors, Duration.ofSeconds(5))).run(notebook);
        Path target = output == null ? input : output;
        try {
            notebook.write(target);
        } catch (IOException e) {
            err.println("portolan run: cannot write " + target + ": " + e.getMessage());
            return 2;
        }
        out.println("ran " + report.runs().size() + " code cell(s) of " + input + ", wrote " + target);
        if (report.failures() > 0) {
            int cell = report.firstFailure();
            var run = report.runs().get(report.cellIndexes().indexOf(cell));
            var error = run.outputs().get(run.outputs().size() - 1).getAsJsonObject();
            err.println("cell " + (cell + 1) + " failed: " + error.get("ename").getAsString() + ": " + error.get("evalue").getAsString());
            if (report.stoppedEarly()) {
                err.println("stopped there; use --allow-errors to run the remaining cells anyway");
            } else if (report.failures() > 1) {
                err.println(report.failures() + " cells failed in all");
            }
            return 1;
        }
        return 0;
    }

    static String value(List<String> args, int i, String option) {
        if (i >= args.size() || args.get(i).startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    /** Parses a positive number of seconds given to {@code option}, with an error that names the option. */
    public static Duration seconds(String text, String option) {
        try {
            double s = Double.parseDouble(text);
            if (!(s > 0) || Double.isInfinite(s)) {
                throw new NumberFormatException();
            }
            return Duration.ofMillis((long) Math.ceil(s * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " wants a positive number of seconds, not '" + text + "'");
        }
    }
}
