package portolan.kernel.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import portolan.kernel.core.MimeBundle;
import portolan.kernel.core.Output;
import portolan.kernel.core.StdinNotAllowedException;

/** An {@link Output} that records everything a cell sends, and answers input from a queue. */
final class RecordingOutput implements Output {

    final StringBuffer stdout = new StringBuffer();
    final StringBuffer stderr = new StringBuffer();
    final List<MimeBundle> results = new ArrayList<>();
    /** Every result, display, update and clear in order: kind ("result", "display", "update", "clear"). */
    final List<Shown> shown = new ArrayList<>();

    /** One rich output event; {@code id} is the display id or, for clear, "wait"/"now". */
    record Shown(String kind, MimeBundle bundle, String id) {
    }
    final List<String> prompts = new ArrayList<>();
    final Deque<String> answers = new ArrayDeque<>();
    volatile int streamCalls;
    /** What %history prints; null: the interface's default (no history here). */
    volatile java.util.function.UnaryOperator<String> history;
    /** When true, input() blocks until interrupted (a front end that never answers). */
    volatile boolean neverAnswer;

    @Override
    public void stream(String name, String text) {
        streamCalls++;
        (name.equals("stdout") ? stdout : stderr).append(text);
    }

    @Override
    public synchronized void result(MimeBundle bundle) {
        results.add(bundle);
        shown.add(new Shown("result", bundle, null));
    }

    @Override
    public synchronized void display(MimeBundle bundle, String displayId, boolean update) {
        results.add(bundle);
        shown.add(new Shown(update ? "update" : "display", bundle, displayId));
    }

    @Override
    public synchronized void clearOutput(boolean wait) {
        shown.add(new Shown("clear", null, wait ? "wait" : "now"));
    }

    @Override
    public String input(String prompt, boolean password) throws StdinNotAllowedException, InterruptedException {
        synchronized (this) {
            prompts.add(prompt);
        }
        if (neverAnswer) {
            Thread.sleep(Long.MAX_VALUE);
        }
        synchronized (this) {
            return answers.isEmpty() ? "" : answers.removeFirst();
        }
    }

    @Override
    public String history(String args) {
        java.util.function.UnaryOperator<String> h = history;
        return h == null ? Output.super.history(args) : h.apply(args);
    }

    synchronized String resultText() {
        return results.isEmpty() ? null : results.get(results.size() - 1).data().get("text/plain").getAsString();
    }
}
