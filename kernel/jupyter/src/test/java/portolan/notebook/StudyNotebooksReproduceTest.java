package portolan.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonElement;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import portolan.kernel.engine.Engine;

/**
 * Every study notebook, re-executed by the headless runner ({@code portolan.jar run}) into a
 * temporary file, runs without an error output and reproduces its committed outputs exactly,
 * apart from the items {@link StudyNotebooks#EXCLUDED} names. The sandbox is deterministic, so
 * any other difference means the committed outputs are stale (or the notebook is not
 * deterministic). The committed file must also be written the way nbformat writes it.
 */
class StudyNotebooksReproduceTest {

    static Stream<Path> notebooks() {
        return StudyNotebooks.executable();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notebooks")
    @Timeout(180)
    void reExecutionReproducesTheCommittedOutputs(Path committed, @TempDir Path dir) throws IOException {
        String name = StudyNotebooks.relative(committed);
        String regenerate = "\nRegenerate the outputs with: mvn -B -q -ntp package -DskipTests && java -jar"
                + " kernel/jupyter/target/portolan.jar run " + name + "\n(then check the diff: the sandbox is deterministic,"
                + " so a change means the code or the notebook changed). Excluded from the comparison: " + StudyNotebooks.EXCLUDED;
        String text = Files.readString(committed, StandardCharsets.UTF_8);
        Notebook before = Notebook.parse(text);
        assertEquals(before.toJson(), text, name + " is not written the way nbformat writes notebooks"
                + " (one-space indent, sorted keys, text as lists of lines, a final newline)." + regenerate);
        assertEquals(5, before.json().get("nbformat_minor").getAsInt(), name + ": nbformat 4.5 expected (cells with ids)");

        Path rerun = dir.resolve(committed.getFileName());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = RunCommand.run(List.of(committed.toString(), "--output", rerun.toString(), "--timeout", "60"),
                Engine::launch, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        Notebook after = Notebook.read(rerun);
        for (Cell cell : after.cells()) {
            for (JsonElement o : cell.outputs()) {
                if (Outputs.type(o.getAsJsonObject()).equals("error")) {
                    fail(name + ": cell " + cell.json().get("id") + " fails when run: " + o + "\n" + err.toString(StandardCharsets.UTF_8));
                }
            }
        }
        assertEquals(0, status, name + ": portolan run ended with status " + status + ": " + err.toString(StandardCharsets.UTF_8));
        String difference = StudyNotebooks.difference(StudyNotebooks.normalized(before), StudyNotebooks.normalized(after));
        assertTrue(difference == null, () -> name + ": the re-executed notebook differs from the committed one: " + difference + regenerate);
    }
}
