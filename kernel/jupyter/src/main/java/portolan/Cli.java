package portolan;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import portolan.grader.GradeCommand;
import portolan.kernel.engine.Engine;
import portolan.notebook.InterpreterFactory;
import portolan.notebook.RunCommand;

/**
 * The jar's tool commands, {@code run} (execute a notebook headless) and {@code grade}
 * (nbgrader-compatible grading), each running notebook code in fresh worker JVMs of the
 * kernel's engine. {@code portolan.kernel.Main} hands these commands over to {@link #dispatch}.
 */
public final class Cli {

    /** The first arguments handled here. */
    public static final Set<String> COMMANDS = Set.of("run", "grade");

    private Cli() {
    }

    /** Runs the command named by {@code args[0]}; returns its exit status, or -1 if the command is not one of ours. */
    public static int dispatch(String[] args) {
        if (args.length == 0 || !COMMANDS.contains(args[0])) {
            return -1;
        }
        InterpreterFactory engine = Engine::launch;
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        return args[0].equals("run")
                ? RunCommand.run(rest, engine, System.out, System.err)
                : GradeCommand.run(rest, engine, System.out, System.err);
    }

    /** Lets the commands run on their own: {@code java -cp portolan.jar portolan.Cli grade ...}. */
    public static void main(String[] args) {
        int status = dispatch(args);
        if (status < 0) {
            System.err.println("usage: portolan run NOTEBOOK ... | portolan grade <release|validate|autograde|feedback|gradebook> ...");
            status = 2;
        }
        System.exit(status);
    }
}
