package portolan.kernel.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import portolan.kernel.core.ExecuteOptions;
import portolan.kernel.core.ExecuteResult;

/** One real worker per test class, started before its tests and closed after them; cells get rising counts. */
abstract class EngineTestBase {

    static WorkerInterpreter engine;
    static int count;

    @BeforeAll
    static void start() {
        engine = Engine.launch(Engine.Options.defaults().withHeapMegabytes(256));
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    static ExecuteResult run(String code, RecordingOutput out) {
        return engine.execute(code, new ExecuteOptions(++count, false, true), out);
    }

    /** Runs a cell that must succeed and returns what it showed. */
    static RecordingOutput ok(String code) {
        RecordingOutput out = new RecordingOutput();
        ExecuteResult r = run(code, out);
        assertTrue(r.ok(), () -> code + " failed: " + r + " stderr: " + out.stderr);
        return out;
    }
}
