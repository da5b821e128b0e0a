package portolan.kernel.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** JShell's background class index waits while paused; completion and evaluation do not. */
@Timeout(60)
class ClassIndexingTest {

    @Test
    void indexingWaitsUntilResumedAndCompletionWorksMeanwhile() throws Exception {
        try (JShell shell = JShell.builder().executionEngine("local").build()) {
            SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
            ClassIndexing indexing = ClassIndexing.pause(analysis);
            assertTrue(indexing.paused(), "this JDK's JShell does not let the kernel pause its indexing");
            assertEquals(1, suspensions(analysis), "JShell counts one pause");

            assertEquals("2", shell.eval("1 + 1").get(0).value());
            assertTrue(analysis.completionSuggestions("System.out.pri", 14, new int[1]).stream()
                    .anyMatch(s -> s.continuation().startsWith("println")), "completion answers while indexing waits");
            assertEquals(1, suspensions(analysis), "completion pauses and resumes on top of ours");

            indexing.resume();
            indexing.resume(); // a second call must not resume JShell's own pauses
            assertFalse(indexing.paused());
            assertEquals(0, suspensions(analysis));
        }
    }

    /** JShell's count of pauses ({@code SourceCodeAnalysisImpl.suspend}). */
    private static int suspensions(SourceCodeAnalysis analysis) throws ReflectiveOperationException {
        Field suspend = analysis.getClass().getDeclaredField("suspend");
        suspend.setAccessible(true);
        return suspend.getInt(analysis);
    }
}
