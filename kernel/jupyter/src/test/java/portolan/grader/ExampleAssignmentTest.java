package portolan.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example assignment in notebooks/assignments/subnets, graded on the real engine, gives the grades it documents. */
class ExampleAssignmentTest {

    /** The module runs its tests in kernel/jupyter; the assignment is at the repository root. */
    static final Path ASSIGNMENT = Path.of("../../notebooks/assignments/subnets").toAbsolutePath().normalize();

    /** Runs {@code grade ARGS} on the real engine, output discarded; returns the exit status. */
    static int grade(String... args) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        return GradeCommand.run(List.of(args), RealEngineTest.ENGINE, new PrintStream(sink, true, StandardCharsets.UTF_8),
                new PrintStream(sink, true, StandardCharsets.UTF_8));
    }

    @Test
    void sampleSubmissionsGetTheExpectedGrades(@TempDir Path dir) throws IOException {
        assertGradebookAsExpected(ASSIGNMENT, "subnets.ipynb", dir);
        String cy = Files.readString(dir.resolve("autograded/cy/result.json"));
        assertTrue(cy.contains("the locked cell 'parse_test' was edited"), cy);

        assertEquals(0, grade("feedback", dir.resolve("autograded").toString(), "--output", dir.resolve("feedback").toString()));
        for (String student : List.of("ada", "bo", "cy", "di")) {
            for (String file : List.of("subnets.html", "subnets.ipynb")) {
                String text = Files.readString(dir.resolve("feedback").resolve(student).resolve(file));
                assertFalse(text.contains("oddPrefixes() {") || text.contains("a.b.c.d"), "hidden tests leaked into " + student + "/" + file);
            }
        }
        assertTrue(Files.readString(dir.resolve("feedback/bo/subnets.html")).contains("expected: &lt;0.0.0.0&gt; but was: &lt;8.8.8.8&gt;"));
    }

    /** Autogrades {@code assignment}/submitted into {@code dir}/autograded; its gradebook must equal expected-grades.csv. */
    static void assertGradebookAsExpected(Path assignment, String notebook, Path dir) throws IOException {
        Path source = assignment.resolve("source").resolve(notebook);
        assertEquals(0, grade("autograde", "--source", source.toString(), assignment.resolve("submitted").toString(),
                "--output", dir.resolve("autograded").toString(), "--jobs", "2"));
        assertEquals(0, grade("gradebook", dir.resolve("autograded").toString(), "--output", dir.resolve("book").toString()));
        assertEquals(Files.readAllLines(assignment.resolve("expected-grades.csv")), Files.readAllLines(dir.resolve("book/gradebook.csv")));
    }

    @Test
    void releasedVersionFailsValidationAndTheSourcePasses(@TempDir Path dir) {
        Path released = dir.resolve("subnets.ipynb");
        assertEquals(0, grade("release", ASSIGNMENT.resolve("source/subnets.ipynb").toString(), "--output", released.toString()));
        assertEquals(1, grade("validate", released.toString()));
        assertEquals(0, grade("validate", ASSIGNMENT.resolve("source/subnets.ipynb").toString()));
    }
}
