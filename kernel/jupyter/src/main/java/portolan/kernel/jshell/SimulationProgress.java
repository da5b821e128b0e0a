package portolan.kernel.jshell;

import com.google.gson.JsonObject;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import portolan.kernel.core.MimeBundle;
import portolan.notebook.Outputs;
import portolan.sandbox.sim.Progress;
import portolan.sandbox.sim.SimTime;

/**
 * The live progress bar of long simulation runs: a {@link Progress.Listener} that, once a run
 * has lasted {@link #SHOW_AFTER_MILLIS} of real time, shows an HTML bar under a display id and
 * updates it at most every {@link #UPDATE_MILLIS}, ending at 100 % (or "stopped"). Real time is
 * only read here, in the kernel's worker, so the simulation itself stays deterministic.
 */
final class SimulationProgress implements Progress.Listener {

    static final long SHOW_AFTER_MILLIS = 1000;
    /**
     * The CSS class of the bar's HTML. Whether a bar appears depends on the machine's speed, so
     * the notebook runner leaves such outputs out of the notebooks it writes, and the notebook
     * tests ignore them, recognising them by this class ({@link Outputs#isProgressBar}).
     */
    static final String HTML_CLASS = Outputs.PROGRESS_CLASS;
    static final long UPDATE_MILLIS = 100;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "portolan-progress");
        t.setDaemon(true);
        return t;
    });
    private final ThreadLocal<Shown> current = new ThreadLocal<>();

    /** One run being watched; {@code id} is set once its bar is shown. */
    private static final class Shown {
        final Progress.Run run;
        final long cell;
        final String id = "portolan-progress-" + UUID.randomUUID();
        volatile boolean visible;
        volatile ScheduledFuture<?> task;

        Shown(Progress.Run run, long cell) {
            this.run = run;
            this.cell = cell;
        }
    }

    @Override
    public void started(Progress.Run run) {
        if (current.get() != null) {
            return; // a nested run: the outer bar covers it
        }
        long cell = CellOutput.currentCell();
        if (cell == OutputRouter.DISCARD || cell == OutputRouter.NO_CELL) {
            return;
        }
        Shown s = new Shown(run, cell);
        current.set(s);
        s.task = timer.scheduleAtFixedRate(() -> tick(s), SHOW_AFTER_MILLIS, UPDATE_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void ended(Progress.Run run) {
        Shown s = current.get();
        if (s == null || s.run != run) {
            return;
        }
        current.remove();
        s.task.cancel(false);
        boolean interrupted = Thread.currentThread().isInterrupted();
        boolean complete = !interrupted && (run.until() == Long.MAX_VALUE || run.simulator().now() >= run.until());
        // On the timer thread, after any tick in flight, and before the cell ends (so it is its last output).
        try {
            timer.submit(() -> {
                if (s.visible) {
                    send(s, complete ? 1.0 : fraction(run), complete ? " done" : " stopped");
                }
            }).get(UPDATE_MILLIS * 10, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // The bar keeps its last state; the run's own outcome matters more.
        }
    }

    private void tick(Shown s) {
        try {
            send(s, fraction(s.run), "");
        } catch (RuntimeException kernelGone) {
            s.task.cancel(false);
        }
    }

    private static double fraction(Progress.Run run) {
        if (run.until() == Long.MAX_VALUE) {
            return -1;
        }
        double span = (double) run.until() - run.from();
        return span <= 0 ? 1 : Math.max(0, Math.min(1, (run.simulator().now() - run.from()) / span));
    }

    private static void send(Shown s, double fraction, String end) {
        long virtual = s.run.simulator().now() - s.run.from();
        String label = s.run.purpose() + ": " + SimTime.format(virtual) + " of virtual time";
        String percent = fraction < 0 ? (end.equals(" done") ? "100 %" : "running") : Math.round(fraction * 100) + " %";
        String html = "<div class='" + HTML_CLASS + "' style='font-family:monospace'>" + Javadoc.escape(label) + " <progress max='100' value='"
                + (fraction < 0 ? (end.equals(" done") ? "100" : "") : String.valueOf(Math.round(fraction * 100))) + "'></progress> "
                + percent + end + "</div>";
        JsonObject data = new JsonObject();
        data.addProperty("text/plain", label + " " + percent + end);
        data.addProperty("text/html", html);
        boolean update = s.visible;
        s.visible = true;
        CellOutput.displayInCell(s.cell, new MimeBundle(data, null), s.id, update);
    }
}
