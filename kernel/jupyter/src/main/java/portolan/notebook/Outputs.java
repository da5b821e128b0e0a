package portolan.notebook;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.List;
import portolan.kernel.core.MimeBundle;

/** Builders for the four nbformat 4 output types, in the shape Jupyter stores them. */
public final class Outputs {

    /** The CSS class of the kernel's progress bar ({@code portolan.kernel.jshell.SimulationProgress}). */
    public static final String PROGRESS_CLASS = "portolan-progress";

    private Outputs() {
    }

    public static JsonObject stream(String name, String text) {
        JsonObject o = new JsonObject();
        o.addProperty("name", name);
        o.addProperty("output_type", "stream");
        o.addProperty("text", text);
        return o;
    }

    public static JsonObject executeResult(int executionCount, MimeBundle bundle) {
        JsonObject o = new JsonObject();
        o.add("data", bundle.data().deepCopy());
        o.addProperty("execution_count", executionCount);
        o.add("metadata", bundle.metadata().deepCopy());
        o.addProperty("output_type", "execute_result");
        return o;
    }

    public static JsonObject displayData(MimeBundle bundle) {
        JsonObject o = new JsonObject();
        o.add("data", bundle.data().deepCopy());
        o.add("metadata", bundle.metadata().deepCopy());
        o.addProperty("output_type", "display_data");
        return o;
    }

    public static JsonObject error(String ename, String evalue, List<String> traceback) {
        JsonObject o = new JsonObject();
        o.addProperty("ename", ename == null ? "Error" : ename);
        o.addProperty("evalue", evalue == null ? "" : evalue);
        o.addProperty("output_type", "error");
        JsonArray tb = new JsonArray();
        traceback.forEach(tb::add);
        o.add("traceback", tb);
        return o;
    }

    /** The output's type: {@code stream}, {@code execute_result}, {@code display_data} or {@code error}. */
    public static String type(JsonObject output) {
        return output.get("output_type").getAsString();
    }

    /**
     * True if {@code data} is the kernel's live progress bar of a long simulation run (HTML with
     * the class {@value #PROGRESS_CLASS}). It appears only when a run lasts more than a second of
     * real time, so it depends on the machine's speed: notebooks written by the runner leave it out.
     */
    public static boolean isProgressBar(JsonObject data) {
        return data != null && data.get("text/html") instanceof JsonPrimitive html && html.isString()
                && html.getAsString().startsWith("<div class='" + PROGRESS_CLASS + "'");
    }

    /** True if any output is an {@code error}. */
    public static boolean hasError(JsonArray outputs) {
        for (var o : outputs) {
            if (o.isJsonObject() && type(o.getAsJsonObject()).equals("error")) {
                return true;
            }
        }
        return false;
    }
}
