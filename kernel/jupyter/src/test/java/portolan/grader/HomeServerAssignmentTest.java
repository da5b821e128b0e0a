package portolan.grader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static portolan.grader.ExampleAssignmentTest.grade;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example assignment in notebooks/assignments/home-server (port forwarding, a thread-pool
 * server, a dropped packet), graded on the real engine, gives the grades it documents; each
 * broken sample costs only its own cell.
 */
class HomeServerAssignmentTest {

    /** The module runs its tests in kernel/jupyter; the assignment is at the repository root. */
    static final Path ASSIGNMENT = Path.of("../../notebooks/assignments/home-server").toAbsolutePath().normalize();

    @Test
    void sampleSubmissionsGetTheExpectedGrades(@TempDir Path dir) throws IOException {
        // The CSV also shows each broken sample losing only its own cell: dee's endless loop is a timeout of
        // drop_test, eli's System.exit fails pool_test, gus's compile error fails pool_test; the rest pass.
        ExampleAssignmentTest.assertGradebookAsExpected(ASSIGNMENT, "home-server.ipynb", dir);

        String fay = Files.readString(dir.resolve("autograded/fay/result.json"));
        assertTrue(fay.contains("the locked cell 'forward_test' was edited"), fay);
        String eli = Files.readString(dir.resolve("autograded/eli/result.json"));
        assertTrue(eli.contains("System.exit(0) was called"), eli);
        String bo = Files.readString(dir.resolve("autograded/bo/result.json"));
        assertTrue(bo.contains("exactly one rule is needed"), bo);
        assertTrue(bo.contains("server threads at start-up vs while serving 8 clients"), bo);
        String gus = Files.readString(dir.resolve("autograded/gus/result.json"));
        assertTrue(gus.contains("the cell declaring it did not compile"), gus);

        assertEquals(0, grade("feedback", dir.resolve("autograded").toString(), "--output", dir.resolve("feedback").toString()));
        String feedback = Files.readString(dir.resolve("feedback/ada/home-server.html"));
        assertTrue(feedback.contains("PoolServerTest.poolSizeIsRespected()"), "the hidden test's result is listed, its code is not");
        assertFalse(feedback.contains("void poolSizeIsRespected()") || feedback.contains("Home.build(43)"), "hidden tests leaked into the feedback");
    }

    @Test
    void committedReleaseIsCurrentAndFailsValidationWhileTheSourcePasses(@TempDir Path dir) throws IOException {
        Path released = dir.resolve("home-server.ipynb");
        assertEquals(0, grade("release", ASSIGNMENT.resolve("source/home-server.ipynb").toString(), "--output", released.toString()));
        assertArrayEquals(Files.readAllBytes(released), Files.readAllBytes(ASSIGNMENT.resolve("release/home-server.ipynb")),
                "release/home-server.ipynb is stale: run grade release on the source again");
        assertEquals(1, grade("validate", released.toString()));
        assertEquals(0, grade("validate", ASSIGNMENT.resolve("source/home-server.ipynb").toString()));
    }
}
