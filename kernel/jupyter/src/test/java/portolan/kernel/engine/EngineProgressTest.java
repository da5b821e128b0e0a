package portolan.kernel.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import portolan.kernel.core.ExecuteOptions;
import portolan.kernel.core.ExecuteResult;

/** Long simulation runs show a progress bar updated by display id; short ones show none. */
@Timeout(60)
class EngineProgressTest extends EngineTestBase {

    /** {@code events} events 1 ms of virtual time apart, each taking 10 ms of real time. */
    static String slowRun(int events) {
        return "var sim = new portolan.sandbox.sim.Simulator(1);\n"
                + "for (int i = 1; i <= " + events + "; i++) sim.schedule(i * 1_000_000L, \"test\", () -> {\n"
                + "    try { Thread.sleep(10); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }\n"
                + "});\n"
                + "sim.runFor(" + (events + 10) + "_000_000L);\n";
    }

    @Test
    void aLongRunShowsABarUpdatedByIdEndingAtHundredPercent() {
        RecordingOutput out = new RecordingOutput();
        ExecuteResult r = engine.execute(slowRun(180), new ExecuteOptions(++count, false, true), out);
        assertTrue(r.ok(), () -> r + " " + out.stderr);
        List<RecordingOutput.Shown> bars = out.shown;
        assertTrue(bars.size() >= 3, () -> "expected a display and updates, got " + bars);
        assertEquals("display", bars.get(0).kind());
        String id = bars.get(0).id();
        assertTrue(id.startsWith("portolan-progress-"), id);
        for (RecordingOutput.Shown s : bars.subList(1, bars.size())) {
            assertEquals("update", s.kind());
            assertEquals(id, s.id());
        }
        String last = bars.get(bars.size() - 1).bundle().data().get("text/plain").getAsString();
        assertTrue(last.endsWith("100 % done"), last);
        assertTrue(bars.get(bars.size() - 1).bundle().data().get("text/html").getAsString()
                .contains("<progress max='100' value='100'>"));
    }

    @Test
    void aShortRunShowsNoBar() {
        RecordingOutput out = new RecordingOutput();
        ExecuteResult r = engine.execute(slowRun(5), new ExecuteOptions(++count, false, true), out);
        assertTrue(r.ok(), () -> r + " " + out.stderr);
        assertEquals(List.of(), out.shown);
    }

    @Test
    void anInterruptStopsTheRunAtOnceAndTheBarSaysStopped() throws Exception {
        RecordingOutput out = new RecordingOutput();
        Thread interrupter = new Thread(() -> {
            try {
                Thread.sleep(2500);
            } catch (InterruptedException e) {
                return;
            }
            engine.interrupt();
        });
        interrupter.start();
        long t0 = System.nanoTime();
        ExecuteResult r = engine.execute(slowRun(3000), new ExecuteOptions(++count, false, true), out);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        interrupter.join();
        assertFalse(r.ok());
        assertTrue(millis < 2500 + 1000, "took " + millis + " ms");
        String last = out.shown.get(out.shown.size() - 1).bundle().data().get("text/plain").getAsString();
        assertTrue(last.endsWith("stopped"), last);
        assertTrue(engine.execute("1 + 1", new ExecuteOptions(++count, false, true), new RecordingOutput()).ok());
    }
}
