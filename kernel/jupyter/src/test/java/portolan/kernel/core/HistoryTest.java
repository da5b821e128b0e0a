package portolan.kernel.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import portolan.kernel.transport.Channel;

@Timeout(30)
class HistoryTest {

    @TempDir
    Path dir;

    @Test
    void historyPersistsAcrossKernelsWithNewSessionNumbers() throws Exception {
        Path file = dir.resolve("portolan/history.jsonl");
        try (Harness first = new Harness(History.open(file))) {
            first.interpreter.onExecute = (code, options, out) -> {
                out.result(MimeBundle.text("=" + code));
                return ExecuteResult.success();
            };
            for (String code : List.of("int a = 1;", "a + 1", "a + 1")) {
                first.execute(code);
                first.reply(Channel.SHELL);
            }
            first.send(Channel.SHELL, "execute_request", "{\"code\":\"not stored\",\"store_history\":false}");
            first.reply(Channel.SHELL);
        }
        // A torn last line, as a crash mid-write leaves it.
        Files.writeString(file, "{\"session\":1,\"line\":9,\"inp", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        try (Harness second = new Harness(History.open(file))) {
            second.execute("String s = \"한\";");
            second.reply(Channel.SHELL);

            JsonArray tail = history(second, "{\"hist_access_type\":\"tail\",\"n\":2,\"output\":true}");
            assertEquals("[[1,3,[\"a + 1\",\"=a + 1\"]],[2,1,[\"String s = \\\"한\\\";\",null]]]", tail.toString());

            JsonArray previous = history(second, "{\"hist_access_type\":\"range\",\"session\":-1,\"start\":2,\"stop\":3}");
            assertEquals("[[1,2,\"a + 1\"]]", previous.toString());
            JsonArray current = history(second, "{\"hist_access_type\":\"range\",\"session\":0,\"start\":1}");
            assertEquals("[[2,1,\"String s = \\\"한\\\";\"]]", current.toString());

            JsonArray search = history(second, "{\"hist_access_type\":\"search\",\"pattern\":\"a*\",\"unique\":true}");
            assertEquals("[[1,3,\"a + 1\"]]", search.toString());
            JsonArray all = history(second, "{\"hist_access_type\":\"search\",\"pattern\":\"*\"}");
            assertEquals(4, all.size());
        }
        try (Harness third = new Harness(History.open(file))) {
            // Session 3 has no cells yet; -1 is the second kernel's session.
            assertEquals("[]", history(third, "{\"hist_access_type\":\"range\",\"session\":0}").toString());
            assertEquals("[[2,1,\"String s = \\\"한\\\";\"]]",
                    history(third, "{\"hist_access_type\":\"range\",\"session\":-1}").toString());
        }
        // The torn line was skipped and later lines still parse.
        History reread = History.open(file);
        assertEquals(4, reread.session());
        assertEquals(4, reread.tail(100).size());
    }

    @Test
    void aLongHistoryIsNumberedFromItsEndAndReadWhenFirstAskedFor() throws Exception {
        Path file = dir.resolve("history.jsonl");
        StringBuilder text = new StringBuilder();
        for (int s = 1; s <= 100; s++) {
            text.append("{\"session\":").append(s).append("}\n");
            for (int line = 1; line <= 50; line++) {
                text.append("{\"session\":").append(s).append(",\"line\":").append(line)
                        .append(",\"input\":\"cell ").append(s).append('.').append(line).append("\"}\n");
            }
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
        assertTrue(Files.size(file) > 2 * History.TAIL_BYTES, "the file must be longer than what is read at start");

        History history = History.open(file);
        assertEquals(101, history.session());
        history.add(1, "cell 101.1", "1");
        history.add(2, "cell 101.2", null);
        List<History.Entry> tail = history.tail(3);
        assertEquals(List.of("cell 100.50", "cell 101.1", "cell 101.2"), tail.stream().map(History.Entry::input).toList());
        assertEquals(100 * 50 + 2, history.search("cell*", 0, false).size(), "every cell once, this run's too");
        assertEquals(List.of("cell 1.7"), history.range(1, 7, 8).stream().map(History.Entry::input).toList());
        history.add(3, "cell 101.3", null);
        assertEquals("cell 101.3", history.tail(1).get(0).input());
        assertEquals(102, History.open(file).session());
    }

    @Test
    void theLatestSessionIsFoundWhenAnOlderRunWroteMuchAfterANewerOneStarted() throws Exception {
        Path file = dir.resolve("history.jsonl");
        StringBuilder text = new StringBuilder("{\"session\":1}\n{\"session\":2}\n");
        for (int line = 1; line <= 3000; line++) { // run 1 kept working long after run 2 started
            text.append("{\"session\":1,\"line\":").append(line).append(",\"input\":\"x\"}\n");
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
        assertTrue(Files.size(file) > History.TAIL_BYTES);
        assertEquals(3, History.open(file).session(), "run 2's number must not be given out again");
        assertEquals(-1, History.latestSession("{\"session\":1,\"line\":4,\"input\":\"x\"}", false));
        assertEquals(1, History.latestSession("{\"session\":1,\"line\":4,\"input\":\"x\"}", true));
        assertEquals(5, History.latestSession("{\"session\":5}\n{\"session\":4,\"line\":1,\"input\":\"y\"}", false));
    }

    @Test
    void globPatterns() {
        assertTrue(History.globToRegex("*print?n*").matcher("System.out.println(1)").matches());
        assertTrue(History.globToRegex("[a-c]x").matcher("bx").matches());
        assertTrue(History.globToRegex("[^a-c]x").matcher("dx").matches());
        assertTrue(!History.globToRegex("a.b").matcher("axb").matches());
        assertTrue(History.globToRegex("int*").matcher("int x =\n 1;").matches());
        assertTrue(!History.globToRegex("Int*").matcher("int x").matches());
    }

    @Test
    void searchKeepsTheLastNMatches() {
        History history = History.inMemory();
        for (int i = 1; i <= 5; i++) {
            history.add(i, "x" + (i % 2), null);
        }
        assertEquals(List.of(4, 5), history.search("x*", 2, false).stream().map(History.Entry::line).toList());
        assertEquals(List.of(4, 5), history.search("x*", 0, true).stream().map(History.Entry::line).toList());
    }

    private static JsonArray history(Harness h, String request) throws Exception {
        h.send(Channel.SHELL, "history_request", request);
        return h.reply(Channel.SHELL).content().getAsJsonArray("history");
    }
}
