package portolan.notebook;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import portolan.kernel.core.KernelInfo;

/**
 * Executes a notebook headless, top to bottom, like {@code jupyter nbconvert --execute} but with
 * no Python: each code cell goes through a fresh {@link portolan.kernel.core.Interpreter}, and
 * its outputs and execution count are written into the notebook in nbformat shape. Without
 * {@code allowErrors} the run stops at the first failing cell (its error is kept in the
 * notebook, the cells after it are left unrun); with it every cell is run. The notebook is left
 * as nbclient leaves it, so that both ways of running give the same file: the kernel's
 * {@code language_info} goes into the notebook metadata, consecutive text on one stream is one
 * output; unlike nbclient it records no timestamps and no progress bars (see {@link CellOutputs}).
 */
public final class NotebookRunner {

    /** Run settings; {@code grace} is how long an interrupted cell gets to stop before its worker is killed. */
    public record Options(Duration cellTimeout, boolean allowErrors, Duration grace) {
        public static Options defaults() {
            return new Options(Duration.ofSeconds(30), false, Duration.ofSeconds(5));
        }
    }

    /** What a run did: the run of each executed code cell, by cell index. */
    public record Report(List<Integer> cellIndexes, List<CellRun> runs, boolean stoppedEarly) {
        public int failures() {
            return (int) runs.stream().filter(r -> !r.ok()).count();
        }

        /** The first failed cell's index, or -1. */
        public int firstFailure() {
            for (int i = 0; i < runs.size(); i++) {
                if (!runs.get(i).ok()) {
                    return cellIndexes.get(i);
                }
            }
            return -1;
        }
    }

    private final InterpreterFactory factory;
    private final Options options;

    public NotebookRunner(InterpreterFactory factory, Options options) {
        this.factory = factory;
        this.options = options;
    }

    /** Runs {@code notebook}'s code cells in place, replacing their outputs. */
    public Report run(Notebook notebook) {
        List<Integer> indexes = new ArrayList<>();
        List<CellRun> runs = new ArrayList<>();
        List<Cell> cells = notebook.cells();
        cells.forEach(Cell::clearOutputs);
        notebook.metadata().add("language_info", KernelInfo.languageInfo());
        boolean stopped = false;
        try (CellSession session = new CellSession(factory, options.cellTimeout(), null, options.grace())) {
            for (int i = 0; i < cells.size(); i++) {
                Cell cell = cells.get(i);
                if (!cell.isCode() || cell.source().isBlank()) {
                    continue;
                }
                CellRun run = session.execute(cell.source());
                cell.json().add("outputs", run.outputs());
                cell.setExecutionCount(run.executionCount());
                indexes.add(i);
                runs.add(run);
                if (!run.ok() && !options.allowErrors()) {
                    stopped = i < cells.size() - 1;
                    break;
                }
            }
        }
        return new Report(indexes, runs, stopped);
    }
}
