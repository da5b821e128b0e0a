package portolan.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fixtures were written once by Debian's nbformat 5.5 ({@code nbformat.write}); we must write the same bytes. */
class NotebookFormatTest {

    static String resource(String name) throws IOException {
        try (InputStream in = NotebookFormatTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void jupyterWrittenFileRoundTripsByteForByte() throws IOException {
        String original = resource("roundtrip.ipynb");
        assertEquals(original, Notebook.parse(original).toJson());
    }

    @Test
    void unsplitTextIsSplitIntoLinesLikeNbformat() throws IOException {
        String unsplit = resource("unsplit.ipynb");
        assertTrue(unsplit.contains("\"source\": \"int x = 1;\\nSystem"), "fixture keeps source as one string");
        assertEquals(resource("roundtrip.ipynb"), Notebook.parse(unsplit).toJson());
    }

    @Test
    void numbersAreWrittenAsPythonWritesThem() throws IOException {
        assertEquals(resource("numbers.expected.ipynb"), Notebook.parse(resource("numbers.ipynb")).toJson());
    }

    @Test
    void readWriteFileAndModelAccess(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("nb.ipynb");
        Files.writeString(file, resource("roundtrip.ipynb"));
        Notebook nb = Notebook.read(file);
        assertEquals("java", nb.language());
        List<Cell> cells = nb.cells();
        assertEquals(5, cells.size());
        assertEquals("markdown", cells.get(0).type());
        assertTrue(cells.get(0).source().startsWith("# Title é 한국어 🚀\nLine two"));
        assertEquals(5, cells.get(1).outputs().size());
        cells.get(4).setSource("int y = 2;\ny");
        Path out = dir.resolve("sub/out.ipynb");
        nb.write(out);
        String written = Files.readString(out);
        assertTrue(written.contains("\"int y = 2;\\n\",\n    \"y\"\n"), written);
        assertTrue(written.endsWith("}\n"));
        assertEquals(written, Notebook.read(out).toJson());
    }

    @Test
    void badNotebooksGetClearErrors() {
        assertEquals("not a notebook: nbformat missing (a Jupyter .ipynb file has \"nbformat\": 4 at the top level)",
                assertThrows(NotebookException.class, () -> Notebook.parse("{\"cells\": []}")).getMessage());
        assertTrue(assertThrows(NotebookException.class, () -> Notebook.parse("{\"nbformat\": 3, \"metadata\": {}, \"cells\": []}"))
                .getMessage().startsWith("unsupported nbformat 3"));
        assertTrue(assertThrows(NotebookException.class, () -> Notebook.parse("{\"nbformat\": 4, "))
                .getMessage().startsWith("not a notebook: invalid JSON"));
        String noSource = "{\"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {}, \"cells\": ["
                + "{\"cell_type\": \"markdown\", \"metadata\": {}, \"source\": \"a\"},"
                + "{\"cell_type\": \"markdown\", \"metadata\": {}, \"source\": []},"
                + "{\"cell_type\": \"code\", \"metadata\": {}, \"outputs\": []}]}";
        assertEquals("cell 3 has no 'source'", assertThrows(NotebookException.class, () -> Notebook.parse(noSource)).getMessage());
        String badType = noSource.replace("\"outputs\": []}", "\"source\": 5, \"outputs\": []}");
        assertEquals("cell 3 has a 'source' that is neither a string nor a list of strings",
                assertThrows(NotebookException.class, () -> Notebook.parse(badType)).getMessage());
        String noOutputs = noSource.replace("\"outputs\": []}", "\"source\": \"\"}");
        assertEquals("cell 3 is a code cell without an 'outputs' list",
                assertThrows(NotebookException.class, () -> Notebook.parse(noOutputs)).getMessage());
    }

    @Test
    void notUtf8IsReportedWithTheFileName(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("latin1.ipynb");
        Files.write(file, new byte[] {'{', (byte) 0xe9, '}'});
        NotebookException e = assertThrows(NotebookException.class, () -> Notebook.read(file));
        assertEquals(file + ": not a notebook: the file is not UTF-8 text", e.getMessage());
    }

    @Test
    void pythonSplitlinesSemantics() {
        assertEquals(List.of("a\n", "b\r\n", "c\r", "d\u2028", "e"), PyLines.split("a\nb\r\nc\rd\u2028e"));
        assertEquals(List.of("x\n", "\n"), PyLines.split("x\n\n"));
        assertEquals(List.of(), PyLines.split(""));
    }

    @Test
    void pythonFloatStrings() {
        // expected values printed by CPython 3's str(float)
        assertEquals("1.0", PyFloat.str(1));
        assertEquals("0.5", PyFloat.str(0.5));
        assertEquals("1e-05", PyFloat.str(1e-05));
        assertEquals("0.0001", PyFloat.str(0.0001));
        assertEquals("1e+16", PyFloat.str(1e16));
        assertEquals("1000000000000000.0", PyFloat.str(1e15));
        assertEquals("10000000.0", PyFloat.str(1e7));
        assertEquals("1.2345678901234568e+17", PyFloat.str(123456789012345678.0));
        assertEquals("0.30000000000000004", PyFloat.str(0.1 + 0.2));
        assertEquals("0.002", PyFloat.str(2e-3));
        assertEquals("1.5e-07", PyFloat.str(1.5e-7));
        assertEquals("5e-324", PyFloat.str(Double.MIN_VALUE));
        assertEquals("1.7976931348623157e+308", PyFloat.str(Double.MAX_VALUE));
        assertEquals("5.684341886080802e-14", PyFloat.str(Math.pow(2, -44)));
        assertEquals("9007199254740992.0", PyFloat.str(9007199254740993.0));
        assertEquals("2e+23", PyFloat.str(2e23));
        assertEquals("-0.0", PyFloat.str(-0.0));
        assertEquals("-2.5", PyFloat.str(-2.5));
    }
}
