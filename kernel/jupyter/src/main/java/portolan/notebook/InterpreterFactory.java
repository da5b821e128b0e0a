package portolan.notebook;

import portolan.kernel.core.Interpreter;

/** Starts a fresh interpreter (for the real engine: a new worker JVM). */
@FunctionalInterface
public interface InterpreterFactory {
    Interpreter launch() throws Exception;
}
