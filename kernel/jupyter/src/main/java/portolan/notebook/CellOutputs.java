package portolan.notebook;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import portolan.kernel.core.MimeBundle;
import portolan.kernel.core.Output;
import portolan.kernel.core.StdinNotAllowedException;

/**
 * Collects what a running cell emits into an nbformat {@code outputs} list, the way a notebook
 * front end does: consecutive text on the same stream is merged into one output,
 * {@code clear_output(wait)} clears when the next output arrives, and display updates replace
 * the earlier display with the same id. The live progress bar of a long simulation run is not
 * kept ({@link Outputs#isProgressBar}): nobody watches a headless run, and whether the bar
 * appears depends on the machine's speed. Headless runs have no user to type input, so
 * {@link #input} refuses.
 */
public final class CellOutputs implements Output {

    private final int executionCount;
    private final List<JsonObject> outputs = new ArrayList<>();
    private final Map<String, List<JsonObject>> displays = new HashMap<>();
    private boolean clearPending;

    public CellOutputs(int executionCount) {
        this.executionCount = executionCount;
    }

    @Override
    public synchronized void stream(String name, String text) {
        flushClear();
        if (!outputs.isEmpty()) {
            JsonObject last = outputs.get(outputs.size() - 1);
            if (Outputs.type(last).equals("stream") && last.get("name").getAsString().equals(name)) {
                last.addProperty("text", last.get("text").getAsString() + text);
                return;
            }
        }
        outputs.add(Outputs.stream(name, text));
    }

    @Override
    public synchronized void result(MimeBundle bundle) {
        flushClear();
        outputs.add(Outputs.executeResult(executionCount, bundle));
    }

    @Override
    public synchronized void display(MimeBundle bundle, String displayId, boolean update) {
        if (Outputs.isProgressBar(bundle.data())) {
            return;
        }
        if (update) {
            for (JsonObject earlier : displays.getOrDefault(displayId, List.of())) {
                JsonObject replacement = Outputs.displayData(bundle);
                earlier.add("data", replacement.get("data"));
                earlier.add("metadata", replacement.get("metadata"));
            }
            return;
        }
        flushClear();
        JsonObject o = Outputs.displayData(bundle);
        outputs.add(o);
        if (displayId != null) {
            displays.computeIfAbsent(displayId, k -> new ArrayList<>()).add(o);
        }
    }

    @Override
    public synchronized void clearOutput(boolean wait) {
        if (wait) {
            clearPending = true;
        } else {
            outputs.clear();
            clearPending = false;
        }
    }

    @Override
    public String input(String prompt, boolean password) throws StdinNotAllowedException {
        throw new StdinNotAllowedException("this notebook runs without a user, so it cannot read input"
                + " (remove the Scanner/System.in call or give the value in the code)");
    }

    /** Appends an {@code error} output (the runner adds one for a failed cell). */
    public synchronized void error(String ename, String evalue, List<String> traceback) {
        flushClear();
        outputs.add(Outputs.error(ename, evalue, traceback));
    }

    /** A copy of the outputs collected so far. */
    public synchronized JsonArray toJson() {
        JsonArray array = new JsonArray();
        outputs.forEach(o -> array.add(o.deepCopy()));
        return array;
    }

    private void flushClear() {
        if (clearPending) {
            outputs.clear();
            clearPending = false;
        }
    }
}
