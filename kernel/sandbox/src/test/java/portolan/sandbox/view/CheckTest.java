package portolan.sandbox.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CheckTest {

    private static String printed(Runnable r) {
        PrintStream old = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setOut(old);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aMetExpectationPrintsThePassMark() {
        assertEquals("✔ port is 8080\n", printed(() -> Check.that("port is 8080", 8080 == 8080, "look at the URL")));
    }

    @Test
    void anUnmetExpectationPrintsTheFailMarkAndTheHint() {
        assertEquals("✘ port is 8080 — not yet. look at the URL\n",
                printed(() -> Check.that("port is 8080", () -> 80 == 8080, "look at the URL")));
    }

    @Test
    void anExceptionInTheLearnersCodeIsNamedAndDoesNotEscape() {
        String out = printed(() -> Check.that("server answers", () -> {
            throw new IllegalStateException("not started");
        }, "start it first"));
        assertEquals("✘ server answers — your code threw IllegalStateException (not started). start it first\n", out);
    }

    @Test
    void aCheckWithoutDescriptionIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Check.that(" ", true, "x"));
    }
}
