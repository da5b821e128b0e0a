package portolan.kernel.engine;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import portolan.kernel.core.ExecuteResult;
import portolan.kernel.jshell.FullHeap;
import portolan.kernel.jshell.GcOverhead;

/** Explains, for a learner, why the worker JVM ended, from its exit status and last words. */
final class WorkerExit {

    private WorkerExit() {
    }

    /**
     * @param status     the process exit status
     * @param exitNotice whether the worker announced a {@code System.exit}/{@code Runtime.exit} on its way out
     * @param heapFull   the worker's notice that its heap stayed full after an OutOfMemoryError, or null
     * @param lastOutput the end of what the JVM wrote to its stdout/stderr
     */
    static String explain(int status, boolean exitNotice, JsonObject heapFull, String lastOutput) {
        if (heapFull != null) {
            return "its heap stayed full after an OutOfMemoryError, " + heapFull.get("used").getAsLong() + " of the "
                    + heapFull.get("max").getAsLong() + " MB it may use held by your variables";
        }
        if (lastOutput.contains("A fatal error has been detected by the Java Runtime Environment")) {
            return "the JVM crashed with a fatal error, probably in native code (exit status " + status + ")";
        }
        if (lastOutput.contains("OutOfMemoryError")) {
            return "it ran out of memory: java.lang.OutOfMemoryError (exit status " + status + "); a larger heap"
                    + " (PORTOLAN_WORKER_OPTS, see the README) may help";
        }
        if (exitNotice) {
            return "System.exit(" + status + ") was called";
        }
        if (status > 128 && status < 160) {
            int signal = status - 128;
            String name = switch (signal) {
                case 9 -> "SIGKILL; the system may have run out of memory";
                case 15 -> "SIGTERM";
                case 6 -> "SIGABRT";
                case 11 -> "SIGSEGV";
                default -> "signal " + signal;
            };
            return "it was killed by signal " + signal + " (" + name + ")";
        }
        return "Runtime.halt(" + status + ") or an exit from native code ended it (exit status " + status + ")";
    }

    /** The full sentence shown in the cell. */
    static String message(String reason) {
        return "The Java process running your code ended (" + reason + "). Your variables and definitions are gone;"
                + " a fresh one has been started.";
    }

    /** {@link #message} as the lines of a traceback. */
    static List<String> lines(String reason) {
        return List.of("\u001b[1;31mThe Java process running your code ended\u001b[0m (" + reason + ").",
                "Your variables and definitions are gone; a fresh one has been started.");
    }

    /**
     * The cell's error when its worker ended because the heap stayed full after an
     * OutOfMemoryError (see {@code FullHeap}): the error, what held the heap, how to give it more,
     * and that the variables are gone.
     */
    static ExecuteResult heapFull(JsonObject notice) {
        long used = notice.get("used").getAsLong();
        long max = notice.get("max").getAsLong();
        boolean overhead = notice.get("overhead").getAsInt() == 1;
        String name = OutOfMemoryError.class.getName();
        String message = overhead ? GcOverhead.MESSAGE : FullHeap.HEAP_SPACE;
        List<String> traceback = new ArrayList<>();
        traceback.add("\u001b[1;31m" + name + "\u001b[0m: " + message);
        if (overhead) {
            traceback.add(GcOverhead.explanation());
        }
        traceback.add("After the error your variables still held " + used + " MB of the " + max
                + " MB the Java heap may use: nothing more could run in that Java process.");
        traceback.add(FullHeap.howToRaise(max));
        traceback.addAll(lines("its heap stayed full after the OutOfMemoryError"));
        return ExecuteResult.error(name, message, traceback);
    }
}
