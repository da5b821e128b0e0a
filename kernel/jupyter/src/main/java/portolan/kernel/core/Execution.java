package portolan.kernel.core;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import portolan.kernel.protocol.Message;

/**
 * The {@code execute_request} handler and the execution counter (messaging spec, "Execute").
 * The counter goes up only for requests that store history; {@code silent} forces
 * {@code store_history} off and suppresses {@code execute_input} and every broadcast output.
 * Runs on the shell thread only.
 */
final class Execution {

    private final KernelCore core;
    private final Publisher publisher;
    private final Stdin stdin;
    private final History history;
    private int executionCount;

    Execution(KernelCore core, Publisher publisher, Stdin stdin, History history) {
        this.core = core;
        this.publisher = publisher;
        this.stdin = stdin;
        this.history = history;
    }

    int executionCount() {
        return executionCount;
    }

    void executeRequest(Message request) throws InterruptedException {
        RequestContent c = new RequestContent(request.content());
        String code = c.string("code", "");
        boolean silent = c.bool("silent", false);
        boolean storeHistory = c.bool("store_history", true) && !silent;
        boolean stopOnError = c.bool("stop_on_error", true);
        if (storeHistory) {
            executionCount++;
        }
        int count = executionCount;
        if (!silent) {
            JsonObject input = new JsonObject();
            input.addProperty("code", code);
            input.addProperty("execution_count", count);
            publisher.publish("execute_input", input, request);
        }
        ExecuteOptions options = new ExecuteOptions(count, silent, c.bool("allow_stdin", true));
        History.Entry current = storeHistory ? new History.Entry(history.session(), count, code, null) : null;
        RequestOutput output = new RequestOutput(request, publisher, stdin, options,
                args -> HistoryMagic.run(history, args, current));
        ExecuteResult result = run(code, options, output);
        if (storeHistory) {
            history.add(count, code, output.resultText());
        }

        JsonObject reply = new JsonObject();
        reply.addProperty("status", result.ok() ? "ok" : "error");
        reply.addProperty("execution_count", count);
        if (result.ok()) {
            reply.add("user_expressions", userExpressions(c.object("user_expressions")));
            JsonArray payload = new JsonArray();
            result.payload().forEach(payload::add);
            reply.add("payload", payload);
        } else {
            JsonObject error = error(result.ename(), result.evalue(), result.traceback());
            if (!silent) {
                JsonObject broadcast = error.deepCopy();
                broadcast.remove("status");
                publisher.publish("error", broadcast, request);
            }
            error.entrySet().forEach(e -> reply.add(e.getKey(), e.getValue()));
            reply.add("user_expressions", new JsonObject());
        }
        // Everything the cell printed goes out before its reply (ipykernel flushes here too).
        publisher.flush();
        if (!result.ok() && stopOnError) {
            // The requests waiting now are aborted; taken before the reply goes out, since a
            // client that has the reply may send its next cell at once, and that one must run.
            core.holdQueuedForAbort();
        }
        core.reply(request, "execute_reply", reply);
    }

    private ExecuteResult run(String code, ExecuteOptions options, RequestOutput output) {
        try {
            ExecuteResult result = core.interpreter().execute(code, options, output);
            if (result == null) {
                return ExecuteResult.error("KernelError", "the execution engine returned no result", List.of());
            }
            return result;
        } catch (KernelCore.EngineUnavailableException e) {
            return ExecuteResult.error("EngineUnavailable", e.getMessage(), List.of(e.getMessage()));
        } catch (RuntimeException e) {
            // A fault of the engine, not of the cell; report it in the cell and keep serving.
            return ExecuteResult.error(e.getClass().getName(), String.valueOf(e.getMessage()), stackTrace(e));
        }
    }

    private JsonObject userExpressions(JsonObject expressions) {
        JsonObject values = new JsonObject();
        for (Map.Entry<String, JsonElement> entry : expressions.entrySet()) {
            JsonObject value;
            try {
                String expression = entry.getValue().isJsonPrimitive() ? entry.getValue().getAsString() : "";
                ExpressionValue result = core.interpreter().evaluate(expression);
                if (result.ok()) {
                    value = new JsonObject();
                    value.addProperty("status", "ok");
                    value.add("data", result.value().data().deepCopy());
                    value.add("metadata", result.value().metadata().deepCopy());
                } else {
                    value = error(result.ename(), result.evalue(), result.traceback());
                }
            } catch (KernelCore.EngineUnavailableException | RuntimeException e) {
                value = error(e.getClass().getSimpleName(), String.valueOf(e.getMessage()), stackTrace(e));
            }
            values.add(entry.getKey(), value);
        }
        return values;
    }

    /** An error dict as used by the error message, the error reply and user_expressions. */
    static JsonObject error(String ename, String evalue, List<String> traceback) {
        JsonObject error = new JsonObject();
        error.addProperty("status", "error");
        error.addProperty("ename", ename == null ? "Error" : ename);
        error.addProperty("evalue", evalue == null ? "" : evalue);
        JsonArray lines = new JsonArray();
        traceback.forEach(lines::add);
        error.add("traceback", lines);
        return error;
    }

    private static List<String> stackTrace(Throwable e) {
        List<String> lines = new ArrayList<>();
        lines.add(e.toString());
        for (StackTraceElement frame : e.getStackTrace()) {
            lines.add("\tat " + frame);
        }
        return lines;
    }
}
