package portolan.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String err() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void noArgumentsPrintsUsage() {
        assertEquals(2, Main.run(new String[0], err));
        assertTrue(err().contains("usage: java -jar portolan.jar <connection_file.json>"), err());
    }

    @Test
    void unknownCommandIsNamed() {
        assertEquals(2, Main.run(new String[] {"frobnicate"}, err));
        assertTrue(err().contains("unknown command 'frobnicate'"), err());
    }

    @Test
    void runAndGradeAreHandedToTheToolCommands() {
        Main.run(new String[] {"grade", "--help"}, err);
        Main.run(new String[] {"run", "--help"}, err);
        assertTrue(!err().contains("unknown command"), err());
    }

    @Test
    void helpSucceeds() {
        assertEquals(0, Main.run(new String[] {"help"}, err));
        assertTrue(err().contains("usage"));
    }

    @Test
    void missingConnectionFileIsExplained() {
        assertEquals(1, Main.run(new String[] {dir.resolve("nope.json").toString()}, err));
        assertTrue(err().contains("nope.json") && err().contains("does not exist"), err());
    }

    @Test
    void kernelSubcommandNeedsExactlyOneFile() {
        assertEquals(2, Main.run(new String[] {"kernel"}, err));
        assertTrue(err().contains("exactly one connection file"), err());
    }

    @Test
    void badConnectionFileIsExplained() throws Exception {
        Path file = dir.resolve("kernel.json");
        Files.writeString(file, "{\"shell_port\": 1}");
        assertEquals(1, Main.run(new String[] {"kernel", file.toString()}, err));
        assertTrue(err().contains("kernel.json") && err().contains("iopub_port"), err());
    }
}
