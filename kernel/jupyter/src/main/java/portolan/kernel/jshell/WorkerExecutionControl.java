package portolan.kernel.jshell;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Map;
import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * JShell's in-process ("local") execution engine, extended to turn exit calls into a
 * {@link ProgramExit} ({@link ExitGuard}), to keep the snippet's real value
 * object within reach (for rich display) and to restore the worker's uncaught-exception
 * handler, which JDK 17's engine replaces on every call.
 */
final class WorkerExecutionControl extends LocalExecutionControl {

    private final Thread.UncaughtExceptionHandler handler;
    private volatile Class<?> lastWrapper;
    /** A stop that came while the cell was still compiling, when there was nothing to stop yet. */
    private volatile boolean stopPending;

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
    }

    /** A cell starts or ends: a stop meant for an earlier cell does not apply to the next one. */
    void clearStop() {
        stopPending = false;
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        if (stopPending) {
            throw new StoppedException();
        }
        lastWrapper = doitMethod.getDeclaringClass();
        try {
            return super.invoke(doitMethod);
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(handler);
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
