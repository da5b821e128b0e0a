package portolan.kernel.core;

import com.google.gson.JsonObject;
import java.util.List;

/** Completion matches replacing {@code code[cursorStart, cursorEnd)} (UTF-16 indices). */
public record Completion(List<String> matches, int cursorStart, int cursorEnd, JsonObject metadata) {

    public Completion {
        matches = List.copyOf(matches);
        if (metadata == null) {
            metadata = new JsonObject();
        }
    }
}
