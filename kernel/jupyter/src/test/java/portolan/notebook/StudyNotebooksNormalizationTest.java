package portolan.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * The normalisation of {@link StudyNotebooks} ignores exactly its named items and reports any
 * other difference by cell. test_study_notebooks.py checks its Python twin on the same two files.
 */
class StudyNotebooksNormalizationTest {

    /** One cell run as the runner writes it, and as nbclient leaves it on JDK 25 (timestamps, chunked text, a progress bar). */
    private static final Path DIR = StudyNotebooks.root().resolve("kernel/jupyter/src/test/notebooks/normalization");
    private static final String RUNNER = read("as-the-runner-wrote-it.ipynb");
    private static final String NBCLIENT = read("as-nbclient-left-it.ipynb");

    private static String read(String name) {
        try {
            return Files.readString(DIR.resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theNamedItemsAreAllThatIsIgnored() {
        assertEquals(4, StudyNotebooks.EXCLUDED.size());
        assertNull(StudyNotebooks.difference(StudyNotebooks.normalized(Notebook.parse(RUNNER)),
                StudyNotebooks.normalized(Notebook.parse(NBCLIENT))));
    }

    @Test
    void aChangedOutputIsReportedWithItsCellAndLine() {
        Notebook changed = Notebook.parse(NBCLIENT);
        JsonArray outputs = changed.cells().get(1).outputs();
        outputs.get(3).getAsJsonObject().getAsJsonObject("data").addProperty("text/plain", "404");
        String d = StudyNotebooks.difference(StudyNotebooks.normalized(Notebook.parse(RUNNER)), StudyNotebooks.normalized(changed));
        assertTrue(d.startsWith("cell 2 (id run) differs"), d);
        assertTrue(d.contains("committed:   \"text/plain\": \"200\"") && d.contains("re-executed: \"text/plain\": \"404\""), d);
    }

    @Test
    void otherHtmlAStderrChunkAndOtherMetadataStillCount() {
        Notebook html = Notebook.parse(NBCLIENT);
        JsonObject bar = html.cells().get(1).outputs().get(1).getAsJsonObject().getAsJsonObject("data");
        bar.addProperty("text/html", "<div class='portolan-pic'>run 100 % done</div>");
        assertTrue(StudyNotebooks.difference(norm(RUNNER), StudyNotebooks.normalized(html)).startsWith("cell 2 (id run)"));

        Notebook stderr = Notebook.parse(NBCLIENT);
        stderr.cells().get(1).outputs().get(2).getAsJsonObject().addProperty("name", "stderr");
        assertTrue(StudyNotebooks.difference(norm(RUNNER), StudyNotebooks.normalized(stderr)).startsWith("cell 2 (id run)"));

        Notebook tagged = Notebook.parse(NBCLIENT);
        tagged.cells().get(1).metadata().add("concepts", new JsonArray());
        assertTrue(StudyNotebooks.difference(norm(RUNNER), StudyNotebooks.normalized(tagged)).startsWith("cell 2 (id run)"));

        Notebook mime = Notebook.parse(NBCLIENT);
        mime.metadata().getAsJsonObject("language_info").addProperty("mimetype", "text/x-java-source");
        assertTrue(StudyNotebooks.difference(norm(RUNNER), StudyNotebooks.normalized(mime)).startsWith("the notebook metadata"));

        Notebook shorter = Notebook.parse(NBCLIENT);
        shorter.removeCell(1);
        assertEquals("the committed notebook has 2 cells, the re-executed one 1",
                StudyNotebooks.difference(norm(RUNNER), StudyNotebooks.normalized(shorter)));
    }

    private static JsonObject norm(String json) {
        return StudyNotebooks.normalized(Notebook.parse(json));
    }
}
