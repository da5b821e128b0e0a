package portolan.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

/** The normalisation of {@link StudyNotebooks} ignores exactly its named items and reports any other difference by cell. */
class StudyNotebooksNormalizationTest {

    /** A notebook as the runner writes it: one stdout output, language_info with a version. */
    private static final String RUNNER = """
            {"cells": [
              {"cell_type": "markdown", "id": "intro", "metadata": {}, "source": ["# Title"]},
              {"cell_type": "code", "execution_count": 1, "id": "run", "metadata": {"concepts": ["P1"]},
               "outputs": [{"name": "stdout", "output_type": "stream", "text": ["before\\n", "after\\n"]},
                           {"data": {"text/plain": ["200"]}, "execution_count": 1, "metadata": {}, "output_type": "execute_result"}],
               "source": ["run();"]}],
             "metadata": {"kernelspec": {"name": "portolan"}, "language_info": {"name": "java", "version": "17.0.15"}},
             "nbformat": 4, "nbformat_minor": 5}""";

    /** The same run through nbclient on JDK 25, slower: timestamps, chunked text, a progress bar. */
    private static final String NBCLIENT = """
            {"cells": [
              {"cell_type": "markdown", "id": "intro", "metadata": {}, "source": "# Title"},
              {"cell_type": "code", "execution_count": 1, "id": "run",
               "metadata": {"concepts": ["P1"], "execution": {"iopub.status.busy": "2026-11-21T08:32:51.371851Z"}},
               "outputs": [{"name": "stdout", "output_type": "stream", "text": ["before\\n"]},
                           {"data": {"text/html": ["<div class='portolan-progress' style='font-family:monospace'>run 100 % done</div>"],
                                     "text/plain": ["run 100 % done"]}, "metadata": {}, "output_type": "display_data"},
                           {"name": "stdout", "output_type": "stream", "text": "after\\n"},
                           {"data": {"text/plain": "200"}, "execution_count": 1, "metadata": {}, "output_type": "execute_result"}],
               "source": "run();"}],
             "metadata": {"kernelspec": {"name": "portolan"}, "language_info": {"name": "java", "version": "25.0.1"}},
             "nbformat": 4, "nbformat_minor": 5}""";

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
        assertTrue(StudyNotebooks.difference(norm(RUNNER), StudyNotebooks.normalized(stderr)).contains("stderr"));

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
