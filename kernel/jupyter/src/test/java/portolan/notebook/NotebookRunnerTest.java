package portolan.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotebookRunnerTest {

    private final FakeInterpreter.Launches launches = new FakeInterpreter.Launches();

    static Notebook notebook(String... codeCells) {
        Notebook nb = Notebook.create("portolan", "Java", "java");
        int i = 0;
        for (String code : codeCells) {
            nb.addCell(i++, code.startsWith("#") ? Cell.markdown(code) : Cell.code(code));
        }
        return nb;
    }

    private NotebookRunner runner(boolean allowErrors, Duration timeout) {
        return new NotebookRunner(FakeInterpreter.factory(launches), new NotebookRunner.Options(timeout, allowErrors, Duration.ofMillis(300)));
    }

    @Test
    void outputsAndCountsAreWrittenInNbformatShape() {
        Notebook nb = notebook("# Title", "print:hello\nprint:world\nerr:careful\nvalue:42", "", "def:x\nuse:x");
        NotebookRunner.Report report = runner(false, Duration.ofSeconds(5)).run(nb);
        assertEquals(0, report.failures());
        assertEquals(List.of(1, 3), report.cellIndexes());
        Cell first = nb.cells().get(1);
        assertEquals(1, first.json().get("execution_count").getAsInt());
        JsonArray outputs = first.outputs();
        assertEquals(3, outputs.size());
        assertEquals("hello\nworld\n", outputs.get(0).getAsJsonObject().get("text").getAsString(), "same-stream text is merged");
        assertEquals("stderr", outputs.get(1).getAsJsonObject().get("name").getAsString());
        JsonObject result = outputs.get(2).getAsJsonObject();
        assertEquals("execute_result", result.get("output_type").getAsString());
        assertEquals(1, result.get("execution_count").getAsInt());
        assertEquals("42", result.getAsJsonObject("data").get("text/plain").getAsString());
        assertTrue(nb.cells().get(2).json().get("execution_count").isJsonNull(), "empty cells are not run");
        assertEquals(2, nb.cells().get(3).json().get("execution_count").getAsInt());
        assertTrue(nb.toJson().contains("\"hello\\n\",\n      \"world\\n\""));
        assertEquals(1, launches.count.get());
    }

    @Test
    void stopsAtFirstErrorUnlessAllowed() {
        Notebook nb = notebook("print:a", "fail:java.lang.AssertionError:expected 4", "print:c");
        NotebookRunner.Report stop = runner(false, Duration.ofSeconds(5)).run(nb);
        assertTrue(stop.stoppedEarly());
        assertEquals(1, stop.firstFailure());
        JsonObject error = nb.cells().get(1).outputs().get(0).getAsJsonObject();
        assertEquals("error", error.get("output_type").getAsString());
        assertEquals("java.lang.AssertionError", error.get("ename").getAsString());
        assertEquals("expected 4", error.get("evalue").getAsString());
        assertEquals(0, nb.cells().get(2).outputs().size());

        NotebookRunner.Report all = runner(true, Duration.ofSeconds(5)).run(nb);
        assertFalse(all.stoppedEarly());
        assertEquals(1, all.failures());
        assertEquals("c\n", nb.cells().get(2).outputs().get(0).getAsJsonObject().get("text").getAsString());
    }

    @Test
    void timeoutInterruptsAndTheNextCellsStillRun() {
        Notebook nb = notebook("def:x", "loop", "use:x\nprint:after");
        NotebookRunner.Report report = runner(true, Duration.ofMillis(1500)).run(nb);
        assertEquals(CellRun.Status.TIMEOUT, report.runs().get(1).status());
        JsonObject error = nb.cells().get(1).outputs().get(0).getAsJsonObject();
        assertEquals("CellTimeoutError", error.get("ename").getAsString());
        assertTrue(error.get("evalue").getAsString().contains("longer than 1.5 s"), error.toString());
        assertEquals(CellRun.Status.OK, report.runs().get(2).status());
        assertEquals(1, launches.count.get(), "an interruptible loop needs no new worker");
    }

    @Test
    void hungOrDeadWorkerIsReplacedAndEarlierCellsReplayed() {
        Notebook nb = notebook("def:x", "hang", "use:x\nprint:one", "exit", "use:x\nprint:two");
        NotebookRunner.Report report = runner(true, Duration.ofSeconds(1)).run(nb);
        assertEquals(List.of(CellRun.Status.OK, CellRun.Status.TIMEOUT, CellRun.Status.OK, CellRun.Status.CRASHED, CellRun.Status.OK),
                report.runs().stream().map(CellRun::status).toList());
        assertEquals(3, launches.count.get());
        assertEquals("two\n", nb.cells().get(4).outputs().get(0).getAsJsonObject().get("text").getAsString());
        JsonObject crash = nb.cells().get(3).outputs().get(0).getAsJsonObject();
        assertEquals("WorkerCrashed", crash.get("ename").getAsString());
    }

    @Test
    void engineRestartedWorkerGetsTheEarlierCellsAgain() {
        Notebook nb = notebook("def:x", "restart", "use:x\nprint:still here");
        NotebookRunner.Report report = runner(true, Duration.ofSeconds(5)).run(nb);
        assertEquals(List.of(CellRun.Status.OK, CellRun.Status.CRASHED, CellRun.Status.OK), report.runs().stream().map(CellRun::status).toList());
        assertEquals(1, launches.count.get(), "the engine replaced its worker itself");
        assertEquals("still here\n", nb.cells().get(2).outputs().get(0).getAsJsonObject().get("text").getAsString());
    }

    @Test
    void sessionTimeoutSkipsTheRest() {
        try (CellSession session = new CellSession(FakeInterpreter.factory(launches), Duration.ofSeconds(10), Duration.ofMillis(1500), Duration.ofMillis(200))) {
            assertEquals(CellRun.Status.OK, session.execute("print:a").status());
            CellRun looped = session.execute("loop");
            assertEquals(CellRun.Status.TIMEOUT, looped.status());
            assertTrue(looped.outputs().toString().contains("whole notebook"));
            CellRun skipped = session.execute("print:b");
            assertEquals(CellRun.Status.SKIPPED, skipped.status());
            assertEquals("SubmissionTimeout", skipped.outputs().get(0).getAsJsonObject().get("ename").getAsString());
        }
    }

    @Test
    void displayUpdatesAndClearOutput() {
        CellOutputs out = new CellOutputs(7);
        out.stream("stdout", "gone");
        out.clearOutput(true);
        out.display(portolan.kernel.core.MimeBundle.text("v1"), "d1", false);
        out.display(portolan.kernel.core.MimeBundle.text("v2"), "d1", true);
        JsonArray json = out.toJson();
        assertEquals(1, json.size());
        assertEquals("v2", json.get(0).getAsJsonObject().getAsJsonObject("data").get("text/plain").getAsString());
    }

    @Test
    void runCommandWritesOutputAndExitStatus(@TempDir Path dir) throws IOException {
        Path in = dir.resolve("in.ipynb");
        notebook("print:hi", "fail:E:boom", "print:never").write(in);
        Path outFile = dir.resolve("out.ipynb");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = RunCommand.run(List.of(in.toString(), "--output", outFile.toString(), "--timeout", "2"),
                FakeInterpreter.factory(launches), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(1, status);
        String errText = err.toString(StandardCharsets.UTF_8);
        assertTrue(errText.contains("cell 2 failed: E: boom"), errText);
        assertTrue(errText.contains("--allow-errors"), errText);
        assertTrue(Files.readString(outFile).contains("\"hi\\n\""));

        assertEquals(1, RunCommand.run(List.of(in.toString(), "--allow-errors"), FakeInterpreter.factory(launches),
                new PrintStream(out, true), new PrintStream(err, true)), "a failed cell still makes the exit status 1");
        assertTrue(Files.readString(in).contains("\"never\\n\""), "--allow-errors runs the rest and overwrites the input");

        err.reset();
        assertEquals(2, RunCommand.run(List.of(in.toString(), "--timeout", "soon"), FakeInterpreter.factory(launches),
                new PrintStream(out, true), new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--timeout wants a positive number of seconds, not 'soon'"));
        err.reset();
        assertEquals(2, RunCommand.run(List.of(dir.resolve("missing.ipynb").toString()), FakeInterpreter.factory(launches),
                new PrintStream(out, true), new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no such notebook"));
    }

    @Test
    void theLiveProgressBarIsNotWrittenAndLanguageInfoIsTheKernels() {
        Notebook nb = notebook("print:before\ndisplay:text/html:\"<div class='portolan-progress' style='x'>run 100 % done</div>\"\nprint:after",
                "display:text/html:\"<div class='other'>a table</div>\"");
        runner(false, Duration.ofSeconds(5)).run(nb);
        JsonArray outputs = nb.cells().get(0).outputs();
        assertEquals(1, outputs.size(), outputs.toString());
        assertEquals("before\nafter\n", outputs.get(0).getAsJsonObject().get("text").getAsString(), "the text around the bar is one output");
        assertEquals("display_data", nb.cells().get(1).outputs().get(0).getAsJsonObject().get("output_type").getAsString(),
                "other HTML is kept");
        JsonObject info = nb.metadata().getAsJsonObject("language_info");
        assertEquals("java", info.get("name").getAsString());
        assertEquals(System.getProperty("java.version"), info.get("version").getAsString(), "as nbclient stores the kernel_info reply");
        assertEquals("text/x-java", info.get("codemirror_mode").getAsString());
    }
}
