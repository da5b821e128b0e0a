package portolan.kernel.jshell;

import com.google.gson.JsonObject;
import portolan.kernel.core.MimeBundle;

/**
 * Rich output from code running in the worker: {@code display_data}, display updates and
 * {@code clear_output}, sent to the cell the calling thread belongs to (the same rule as
 * {@code System.out}). Text printed before a display is sent first, so order is kept.
 */
public final class CellOutput {

    private static volatile WorkerChannel channel;
    private static volatile OutputRouter router;
    private static volatile ResultRenderer renderer = ResultRenderer.PLAIN;

    private CellOutput() {
    }

    static void init(WorkerChannel c, OutputRouter r) {
        channel = c;
        router = r;
    }

    /** Shows {@code bundle}; with {@code update} replaces the earlier display with {@code displayId}. */
    public static void display(MimeBundle bundle, String displayId, boolean update) {
        send(displayMessage(bundle, displayId, update));
    }

    private static JsonObject displayMessage(MimeBundle bundle, String displayId, boolean update) {
        JsonObject m = WorkerProtocol.message(WorkerProtocol.DISPLAY);
        m.add("data", bundle.data());
        m.add("metadata", bundle.metadata());
        if (displayId != null) {
            m.addProperty("display_id", displayId);
        }
        m.addProperty("update", update);
        return m;
    }

    /** The cell the calling thread's output goes to, or {@link OutputRouter#DISCARD} outside cells. */
    static long currentCell() {
        OutputRouter r = router;
        return r == null ? OutputRouter.DISCARD : r.cellOfCurrentThread();
    }

    /** Like {@link #display} for a given cell: for threads not bound to the cell (timers). */
    static void displayInCell(long cell, MimeBundle bundle, String displayId, boolean update) {
        WorkerChannel c = channel;
        if (c == null || cell == OutputRouter.DISCARD || cell == OutputRouter.NO_CELL) {
            return;
        }
        JsonObject m = displayMessage(bundle, displayId, update);
        m.addProperty("cell", cell);
        c.send(m);
    }

    /** Clears the cell's output; with {@code wait}, only when the next output arrives. */
    public static void clearOutput(boolean wait) {
        JsonObject m = WorkerProtocol.message(WorkerProtocol.CLEAR_OUTPUT);
        m.addProperty("wait", wait);
        send(m);
    }

    /** Replaces how a cell's final value becomes a bundle (the default is JShell's text). */
    public static void setResultRenderer(ResultRenderer r) {
        renderer = r == null ? ResultRenderer.PLAIN : r;
    }

    static ResultRenderer resultRenderer() {
        return renderer;
    }

    private static void send(JsonObject m) {
        OutputRouter r = router;
        WorkerChannel c = channel;
        if (r == null || c == null) {
            throw new IllegalStateException("display output only works inside a Portolan kernel's worker");
        }
        long cell = r.cellOfCurrentThread();
        if (cell == OutputRouter.DISCARD) {
            return;
        }
        r.flush();
        m.addProperty("cell", cell);
        c.send(m);
    }
}
