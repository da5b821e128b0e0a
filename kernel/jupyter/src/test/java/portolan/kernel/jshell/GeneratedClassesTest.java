package portolan.kernel.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A dropped expression's class files are forgotten; everything still defined keeps working. */
@Timeout(60)
class GeneratedClassesTest {

    @Test
    void aDroppedValuesClassFilesGoAndTheDefinitionsBeforeItStillCompile() {
        try (JShell shell = JShell.builder().executionEngine("local").build()) {
            GeneratedClasses generated = GeneratedClasses.of(shell);
            assertEquals(Snippet.Status.VALID, shell.eval("int base = 40;").get(0).status());
            assertEquals(Snippet.Status.VALID, shell.eval("int plus(int x) { return x + base; }").get(0).status());
            Set<String> before = generated.names();
            assertFalse(before.isEmpty(), "this JDK's JShell does not let the kernel see its class files");

            for (int i = 0; i < 20; i++) {
                List<SnippetEvent> events = shell.eval("plus(" + i + ")");
                assertEquals(String.valueOf(40 + i), events.get(0).value());
                assertTrue(generated.names().size() > before.size(), "the expression was compiled to a class file");
                shell.drop(events.get(0).snippet());
                generated.forgetAllBut(before);
                assertEquals(before, generated.names());
            }
            assertEquals("44", shell.eval("plus(2) + 2").get(0).value());
            assertEquals(Snippet.Status.VALID, shell.eval("int twice(int x) { return 2 * plus(x); }").get(0).status());
            assertEquals("84", shell.eval("twice(2)").get(0).value());
        }
    }
}
