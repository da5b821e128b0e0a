package portolan.kernel.engine;

/** Explains, for a learner, why the worker JVM ended, from its exit status and last words. */
final class WorkerExit {

    private WorkerExit() {
    }

    /**
     * @param status     the process exit status
     * @param exitNotice whether the worker announced a {@code System.exit}/{@code Runtime.exit} on its way out
     * @param lastOutput the end of what the JVM wrote to its stdout/stderr
     */
    static String explain(int status, boolean exitNotice, String lastOutput) {
        if (lastOutput.contains("A fatal error has been detected by the Java Runtime Environment")) {
            return "the JVM crashed with a fatal error, probably in native code (exit status " + status + ")";
        }
        if (lastOutput.contains("OutOfMemoryError")) {
            return "it ran out of memory: java.lang.OutOfMemoryError (exit status " + status + ")";
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
}
