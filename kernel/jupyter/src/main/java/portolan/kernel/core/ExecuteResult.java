package portolan.kernel.core;

import com.google.gson.JsonObject;
import java.util.List;

/**
 * How a cell ended: {@code ok}, or an error with the exception's class name, message and a
 * traceback (lines of text, cell-relative). {@code payload} carries deprecated-but-used
 * payloads such as {@code set_next_input} (for {@code %load}).
 */
public record ExecuteResult(boolean ok, String ename, String evalue, List<String> traceback, List<JsonObject> payload) {

    public ExecuteResult {
        traceback = List.copyOf(traceback);
        payload = List.copyOf(payload);
    }

    public static ExecuteResult success() {
        return new ExecuteResult(true, null, null, List.of(), List.of());
    }

    public static ExecuteResult success(List<JsonObject> payload) {
        return new ExecuteResult(true, null, null, List.of(), payload);
    }

    public static ExecuteResult error(String ename, String evalue, List<String> traceback) {
        return new ExecuteResult(false, ename, evalue, traceback, List.of());
    }
}
