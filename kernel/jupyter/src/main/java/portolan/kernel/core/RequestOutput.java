package portolan.kernel.core;

import com.google.gson.JsonObject;
import java.util.function.UnaryOperator;
import portolan.kernel.protocol.Message;

/**
 * The {@link Output} of one {@code execute_request}: every call becomes an iopub message parented
 * to that request, also after the cell has returned (threads the cell started keep printing into
 * the right cell). A silent request broadcasts nothing.
 */
final class RequestOutput implements Output {

    private final Message request;
    private final Publisher publisher;
    private final Stdin stdin;
    private final int executionCount;
    private final boolean silent;
    private final boolean allowStdin;
    private final UnaryOperator<String> history;
    private volatile String resultText;

    RequestOutput(Message request, Publisher publisher, Stdin stdin, ExecuteOptions options,
            UnaryOperator<String> history) {
        this.request = request;
        this.publisher = publisher;
        this.stdin = stdin;
        this.history = history;
        this.executionCount = options.executionCount();
        this.silent = options.silent();
        this.allowStdin = options.allowStdin();
    }

    /** The text/plain of the cell's result, for the output column of the history; null if none. */
    String resultText() {
        return resultText;
    }

    @Override
    public void stream(String name, String text) {
        if (!"stdout".equals(name) && !"stderr".equals(name)) {
            throw new IllegalArgumentException("a stream is named stdout or stderr, not " + name);
        }
        if (!silent && text != null && !text.isEmpty()) {
            publisher.stream(name, text, request);
        }
    }

    @Override
    public void result(MimeBundle bundle) {
        if (silent) {
            return;
        }
        resultText = bundle.data().get("text/plain").getAsString();
        JsonObject content = bundleContent(bundle);
        content.addProperty("execution_count", executionCount);
        publisher.publish("execute_result", content, request);
    }

    @Override
    public void display(MimeBundle bundle, String displayId, boolean update) {
        if (update && displayId == null) {
            throw new IllegalArgumentException("update_display_data needs the display_id of an earlier display");
        }
        if (silent) {
            return;
        }
        JsonObject content = bundleContent(bundle);
        JsonObject transientData = new JsonObject();
        if (displayId != null) {
            transientData.addProperty("display_id", displayId);
        }
        content.add("transient", transientData);
        publisher.publish(update ? "update_display_data" : "display_data", content, request);
    }

    @Override
    public void clearOutput(boolean wait) {
        if (silent) {
            return;
        }
        JsonObject content = new JsonObject();
        content.addProperty("wait", wait);
        publisher.publish("clear_output", content, request);
    }

    @Override
    public String input(String prompt, boolean password) throws StdinNotAllowedException, InterruptedException {
        if (!allowStdin) {
            throw new StdinNotAllowedException("this cell cannot read input: the front end runs it with "
                    + "allow_stdin=false (for example a headless run with nbconvert or nbclient). "
                    + "Put the value in the code instead of reading it.");
        }
        // Output printed before the prompt should be on screen before the question.
        publisher.flush();
        return stdin.request(request, prompt, password);
    }

    @Override
    public String history(String args) {
        return history.apply(args);
    }

    private static JsonObject bundleContent(MimeBundle bundle) {
        JsonObject content = new JsonObject();
        content.add("data", bundle.data().deepCopy());
        content.add("metadata", bundle.metadata().deepCopy());
        return content;
    }
}
