package portolan.kernel.jshell;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * JShell's in-process ("local") execution engine, extended to turn exit calls into a
 * {@link ProgramExit} ({@link ExitGuard}), to keep the snippet's real value object within reach
 * (for rich display), and to run each snippet in a thread group of its own ({@link SnippetThreads}),
 * so that what the threads a cell starts throw reaches the worker's uncaught-exception handler and
 * the cell's output, and a stop reaches the snippet on every JDK.
 */
final class WorkerExecutionControl extends LocalExecutionControl {

    /** Whether {@code Thread.stop} works (JDK 17–19); JDK 20 and later throw instead. */
    static final boolean THREAD_STOP = Runtime.version().feature() < 20;
    /** How often, and for how long, threads a JDK 17 stop has not yet ended are nudged (see {@link SnippetThreads#stopThreads}). */
    static final long NUDGE_MILLIS = 20;
    static final long NUDGE_FOR_MILLIS = 3000;

    private static final Method RUN_SNIPPET;

    static {
        try {
            RUN_SNIPPET = WorkerExecutionControl.class.getDeclaredMethod("runSnippet");
            RUN_SNIPPET.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The snippet {@link #runSnippet} runs next; snippets run one at a time. */
    private static volatile SnippetThreads next;

    private final Thread.UncaughtExceptionHandler handler;
    /** The parent of every snippet's group. */
    private final ThreadGroup cells = new ThreadGroup("portolan-cells");
    private volatile Class<?> lastWrapper;
    private volatile SnippetThreads running;
    /** A stop that came while the cell was still compiling, when there was nothing to stop yet. */
    private volatile boolean stopPending;
    /** What the last snippet threw, for {@link #takeFailure}. */
    private volatile Throwable lastFailure;

    WorkerExecutionControl(Thread.UncaughtExceptionHandler handler) {
        this.handler = handler;
    }

    /** Snippet classes get their exit calls redirected (see {@link ExitGuard}) before JShell's own instrumentation. */
    @Override
    public void load(ClassBytecodes[] cbcs) throws ClassInstallException, NotImplementedException, EngineTerminationException {
        ClassBytecodes[] guarded = new ClassBytecodes[cbcs.length];
        for (int i = 0; i < cbcs.length; i++) {
            guarded[i] = new ClassBytecodes(cbcs[i].name(), ExitGuard.rewrite(cbcs[i].bytecodes()));
        }
        super.load(guarded);
    }

    /** Stops the snippet running now or, if javac is still compiling the cell, its next snippet before it starts. */
    @Override
    public void stop() throws EngineTerminationException, InternalException {
        stopPending = true;
        super.stop();
        SnippetThreads run = running;
        if (run != null) {
            run.stopThreads();
        }
    }

    /** A cell starts or ends: a stop meant for an earlier cell does not apply to the next one. */
    void clearStop() {
        stopPending = false;
        lastFailure = null;
    }

    /**
     * What the last snippet threw, as thrown (JShell's report of it has no suppressed exceptions),
     * once; null if it threw nothing since.
     */
    Throwable takeFailure() {
        Throwable failure = lastFailure;
        lastFailure = null;
        return failure;
    }

    /**
     * Runs the snippet through JShell's engine (its thread, its stop), but on a thread of a group
     * of ours: JShell hands {@link #runSnippet} to its thread, which runs the snippet on that
     * group's first thread and waits for it. What the snippet threw is rethrown here as JShell
     * expects it; a snippet ended by our stop is reported stopped.
     */
    @Override
    protected String invoke(Method doitMethod) throws Exception {
        if (stopPending) {
            throw new StoppedException();
        }
        lastWrapper = doitMethod.getDeclaringClass();
        SnippetThreads run = new SnippetThreads(cells, doitMethod, handler);
        next = run;
        running = run;
        String value;
        Throwable failure;
        try {
            value = super.invoke(RUN_SNIPPET);
        } finally {
            running = null;
            next = null;
            failure = run.failure;
            // JDK 17 keeps every thread group, and so what it refers to, for good.
            run.failure = null;
            run.value = null;
            // JDK 17's engine makes a handler of its own the default on every call.
            Thread.setDefaultUncaughtExceptionHandler(handler);
        }
        if (failure instanceof ThreadDeath && run.stopped) {
            throw new StoppedException();
        }
        if (failure instanceof OutOfMemoryError) {
            // Before JShell reports it, which takes memory: a heap that stays full ends the worker here.
            FullHeap.assessSnippet();
        }
        if (failure != null) {
            lastFailure = failure;
            throw new InvocationTargetException(failure);
        }
        return value;
    }

    /**
     * Called by JShell's engine on its snippet thread (by reflection, see {@link #RUN_SNIPPET}):
     * starts the snippet's own thread and waits for it, however the stop reaches this thread
     * too (an interrupt on JDK 20+, a ThreadDeath on 17). Returns the snippet's value; what it
     * threw waits in {@link SnippetThreads#failure}.
     */
    @SuppressWarnings("unused")
    private static Object runSnippet() {
        SnippetThreads run = next;
        run.main.start();
        while (true) {
            try {
                run.main.join();
                return run.value;
            } catch (InterruptedException | ThreadDeath stopped) {
                // The stop reached this waiting thread as well: the snippet's thread ends by itself.
            }
        }
    }

    /**
     * The value of the last snippet when it was a bare variable name: its wrapper's method only
     * reads the variable, so calling it again has no side effects. Null when out of reach.
     */
    Object lastVariableValue() {
        Class<?> wrapper = lastWrapper;
        if (wrapper == null) {
            return null;
        }
        try {
            Method doIt = wrapper.getDeclaredMethod("do_it$");
            doIt.setAccessible(true);
            return doIt.invoke(null);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** The value of static field {@code name} of the last snippet run (its {@code $N} temp), or null. */
    Object lastValue(String name) {
        Class<?> wrapper = lastWrapper;
        if (wrapper == null) {
            return null;
        }
        try {
            Field f = wrapper.getDeclaredField(name);
            f.setAccessible(true);
            return f.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The threads of one snippet: the one that runs it and those it starts. Their uncaught
     * exceptions go to the worker's handler (JShell's own group drops them on JDK 25, and JDK 17's
     * engine swaps the default handler for one that does while a snippet runs), except the
     * ThreadDeath of a stop. Not a child of JShell's group, whose threads its engine joins.
     */
    private static final class SnippetThreads extends ThreadGroup {
        private final Method doit;
        private final Thread.UncaughtExceptionHandler handler;
        final Thread main;
        volatile Object value;
        volatile Throwable failure;
        volatile boolean stopped;

        SnippetThreads(ThreadGroup parent, Method doit, Thread.UncaughtExceptionHandler handler) {
            super(parent, "portolan-snippet");
            this.doit = doit;
            this.handler = handler;
            this.main = new Thread(this, this::run);
        }

        private void run() {
            try {
                value = doit.invoke(null);
            } catch (InvocationTargetException e) {
                failure = e.getCause();
            } catch (Throwable e) {
                failure = e;
            }
        }

        @Override
        public void uncaughtException(Thread t, Throwable e) {
            if (!(e instanceof ThreadDeath && stopped)) {
                handler.uncaughtException(t, e);
            }
        }

        /**
         * Stops the snippet's threads as JShell's engine stops its own: JDK 20+ sets JShell's stop
         * flag, which snippet code checks, and here they are interrupted; JDK 17 stops them with
         * Thread.stop. HotSpot throws that ThreadDeath only when the thread next enters the VM; a
         * loop in interpreted code of a method that is already compiled (the bottom of a deep
         * recursion) may never do, so each thread still alive is made to pass a safepoint now
         * and then (a stack trace of it), until it has ended.
         */
        @SuppressWarnings("removal")
        void stopThreads() {
            stopped = true;
            for (Thread t : threads()) {
                if (THREAD_STOP) {
                    t.stop();
                } else {
                    t.interrupt();
                }
            }
            if (THREAD_STOP) {
                Thread nudger = new Thread(this::nudge, "portolan-stop");
                nudger.setDaemon(true);
                nudger.start();
            }
        }

        private void nudge() {
            for (long waited = 0; waited < NUDGE_FOR_MILLIS; waited += NUDGE_MILLIS) {
                try {
                    Thread.sleep(NUDGE_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
                Thread[] alive = threads();
                if (alive.length == 0) {
                    return;
                }
                for (Thread t : alive) {
                    t.getStackTrace();
                }
            }
        }

        private Thread[] threads() {
            Thread[] threads;
            int n;
            do {
                threads = new Thread[activeCount() + 4];
                n = enumerate(threads);
            } while (n == threads.length);
            return java.util.Arrays.copyOf(threads, n);
        }
    }

    /** Hands JShell this engine. */
    static final class Provider implements ExecutionControlProvider {
        private final WorkerExecutionControl control;

        Provider(WorkerExecutionControl control) {
            this.control = control;
        }

        @Override
        public String name() {
            return "portolan-local";
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            return control;
        }
    }
}
