package portolan.kernel.core;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import java.util.List;

/**
 * Answers a {@code history_request} (messaging spec, "History"): {@code hist_access_type}
 * {@code tail}, {@code range} or {@code search}, each entry {@code [session, line, input]} or,
 * with {@code output}, {@code [session, line, [input, output]]}.
 */
final class HistoryQuery {

    private HistoryQuery() {
    }

    static JsonArray answer(History history, RequestContent c) {
        List<History.Entry> entries = switch (c.string("hist_access_type", "tail")) {
            case "range" -> history.range(c.integer("session", 0), c.integer("start", 1), c.integer("stop", 0));
            case "search" -> history.search(c.string("pattern", "*"), c.integer("n", 0), c.bool("unique", false));
            default -> history.tail(c.integer("n", 10));
        };
        boolean output = c.bool("output", false);
        JsonArray result = new JsonArray();
        for (History.Entry e : entries) {
            JsonArray row = new JsonArray();
            row.add(e.session());
            row.add(e.line());
            if (output) {
                JsonArray pair = new JsonArray();
                pair.add(e.input());
                if (e.output() == null) {
                    pair.add(JsonNull.INSTANCE);
                } else {
                    pair.add(e.output());
                }
                row.add(pair);
            } else {
                row.add(e.input());
            }
            result.add(row);
        }
        return result;
    }
}
