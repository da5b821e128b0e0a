package portolan.kernel.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** display(...), updates by id, clearOutput and rich last values, from a cell through the worker. */
@Timeout(60)
class EngineDisplayTest extends EngineTestBase {

    static JsonObject data(RecordingOutput.Shown s) {
        return s.bundle().data();
    }

    @Test
    void displayInEveryCellWithoutImportSendsEachMimeType() {
        RecordingOutput out = ok("""
                display(html("<b>bold</b>"));
                display(markdown("# Title"));
                display(svg("<svg xmlns='http://www.w3.org/2000/svg'/>"));
                display(latex("$x^2$"));
                display(json("{\\"a\\": [1, 2]}"));
                display("plain text");
                """);
        assertEquals(6, out.shown.size(), () -> out.shown.toString());
        assertEquals("<b>bold</b>", data(out.shown.get(0)).get("text/html").getAsString());
        assertEquals("# Title", data(out.shown.get(1)).get("text/markdown").getAsString());
        assertTrue(data(out.shown.get(2)).get("image/svg+xml").getAsString().startsWith("<svg"));
        assertEquals("$x^2$", data(out.shown.get(3)).get("text/latex").getAsString());
        assertEquals(2, data(out.shown.get(4)).getAsJsonObject("application/json").getAsJsonArray("a").size());
        assertEquals("plain text", data(out.shown.get(5)).get("text/plain").getAsString());
        for (RecordingOutput.Shown s : out.shown) {
            assertEquals("display", s.kind());
            assertTrue(data(s).has("text/plain"), s::toString);
        }
    }

    @Test
    void displayByIdThenUpdateThenClear() {
        RecordingOutput out = ok("""
                System.out.println("before");
                String id = display("step 1", "progress-1");
                updateDisplay(id, html("<i>step 2</i>"));
                clearOutput(true);
                display(html("<p>after</p>"));
                """);
        List<String> kinds = out.shown.stream().map(RecordingOutput.Shown::kind).toList();
        assertEquals(List.of("display", "update", "clear", "display"), kinds);
        assertEquals("progress-1", out.shown.get(0).id());
        assertEquals("progress-1", out.shown.get(1).id());
        assertEquals("<i>step 2</i>", data(out.shown.get(1)).get("text/html").getAsString());
        assertEquals("wait", out.shown.get(2).id());
        assertEquals("before\n", out.stdout.toString());
    }

    @Test
    void lastExpressionRendersThroughTheConventionAlsoAsABareVariable() {
        ok("""
                class Card {
                    public String toHtml() { return "<i>card</i>"; }
                    String toMarkdown() { return "*card*"; }
                    public String toString() { return "Card"; }
                }
                Card c = new Card();
                """);
        RecordingOutput temp = ok("new Card()");
        assertEquals("<i>card</i>", temp.results.get(0).data().get("text/html").getAsString());
        assertEquals("*card*", temp.results.get(0).data().get("text/markdown").getAsString());
        assertEquals("Card", temp.results.get(0).data().get("text/plain").getAsString());
        RecordingOutput bare = ok("c");
        assertEquals("result", bare.shown.get(0).kind());
        assertEquals("<i>card</i>", bare.results.get(0).data().get("text/html").getAsString());
    }

    @Test
    void aThrowingRendererFallsBackToTextWithANote() {
        RecordingOutput out = ok("""
                class Broken {
                    public String toHtml() { throw new IllegalStateException("no html today"); }
                    public String toString() { return "Broken!"; }
                }
                new Broken()
                """);
        assertEquals("Broken!", out.resultText());
        assertFalse(out.results.get(0).data().has("text/html"));
        assertTrue(out.stderr.toString().contains("Broken.toHtml() threw IllegalStateException: no html today"),
                out.stderr::toString);
    }

    @Test
    void bufferedImageAndRegisteredRenderer() {
        RecordingOutput img = ok("new java.awt.image.BufferedImage(4, 3, java.awt.image.BufferedImage.TYPE_INT_RGB)");
        assertTrue(img.results.get(0).data().get("image/png").getAsString().startsWith("iVBORw0KGgo"),
                () -> img.results.get(0).toString());
        ok("portolan.kernel.jshell.Renderers.register(java.time.LocalDate.class, d -> html(\"<b>\" + d + \"</b>\"));");
        RecordingOutput date = ok("java.time.LocalDate.of(2024, 5, 1)");
        assertEquals("<b>2024-05-01</b>", date.results.get(0).data().get("text/html").getAsString());
        assertEquals("2024-05-01", date.resultText());
    }
}
