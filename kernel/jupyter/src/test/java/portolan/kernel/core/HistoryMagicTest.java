package portolan.kernel.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import portolan.kernel.transport.Channel;

/** The {@code %history} magic's text: options, ranges, sessions, the running cell, and bad arguments. */
@Timeout(30)
class HistoryMagicTest {

    @TempDir
    Path dir;

    /** Session 1 with two cells, then session 2 (the current one) with three; cell 4 of session 2 is running. */
    private History twoSessions() {
        Path file = dir.resolve("history.jsonl");
        History first = History.open(file);
        first.add(1, "int a = 1;", null);
        first.add(2, "a + 1", "2");
        History second = History.open(file);
        second.add(1, "String s = \"x\";", null);
        second.add(2, "for (int i = 0; i < 2; i++) {\n    System.out.println(i);\n}", null);
        second.add(3, "s.length()", "1");
        return second;
    }

    private static History.Entry running(History h) {
        return new History.Entry(h.session(), 4, "%history", null);
    }

    @Test
    void withoutArgumentsItListsThisSessionIncludingTheRunningCell() {
        History h = twoSessions();
        assertEquals("String s = \"x\";\nfor (int i = 0; i < 2; i++) {\n    System.out.println(i);\n}\n"
                + "s.length()\n%history\n", HistoryMagic.run(h, "", running(h)));
    }

    @Test
    void numbersPutMultiLineCellsOnTheirOwnLines() {
        History h = twoSessions();
        assertEquals("   1: String s = \"x\";\n   2:\nfor (int i = 0; i < 2; i++) {\n    System.out.println(i);\n}\n"
                + "   3: s.length()\n   4: %history\n", HistoryMagic.run(h, "-n", running(h)));
    }

    @Test
    void rangesAreInclusiveAndMayNameAnotherSession() {
        History h = twoSessions();
        assertEquals("   1: String s = \"x\";\n   3: s.length()\n", HistoryMagic.run(h, "-n 1 3-3", running(h)));
        assertEquals("s.length()\n%history\n", HistoryMagic.run(h, "3-9", running(h)));
        assertEquals(" 1/2: a + 1\n", HistoryMagic.run(h, "-n 1/2", running(h)));
        assertEquals("int a = 1;\na + 1\n", HistoryMagic.run(h, "~1/1-2", running(h)));
        assertEquals("", HistoryMagic.run(h, "7-8", running(h)));
    }

    @Test
    void globSearchesEverySessionAndNamesThem() {
        History h = twoSessions();
        assertEquals(" 1/2: a + 1\n", HistoryMagic.run(h, "-n -g a +", running(h)));
        assertEquals("s.length()\n", HistoryMagic.run(h, "-g length", running(h)));
        assertEquals("%history\n", HistoryMagic.run(h, "-g %hist", running(h)));
    }

    @Test
    void lastNCountsTheRunningCellAndShowsOutputsWithDashO() {
        History h = twoSessions();
        assertEquals(" 2/3: s.length()\n1\n 2/4: %history\n", HistoryMagic.run(h, "-n -o -l 2", running(h)));
        assertEquals(List.of("a + 1", "String s = \"x\";"), lines(HistoryMagic.run(h, "-l 5", null)).subList(1, 3));
    }

    @Test
    void badArgumentsSayWhatIsWrongAndHowToWriteIt() {
        History h = twoSessions();
        IllegalArgumentException option = assertThrows(IllegalArgumentException.class,
                () -> HistoryMagic.run(h, "-x", null));
        assertTrue(option.getMessage().contains("unknown option -x") && option.getMessage().contains("usage"),
                option.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> HistoryMagic.run(h, "4-2", null));
        assertTrue(range.getMessage().contains("write 2-4"), range.getMessage());
        assertThrows(IllegalArgumentException.class, () -> HistoryMagic.run(h, "abc", null));
        assertThrows(IllegalArgumentException.class, () -> HistoryMagic.run(h, "0/1", null));
    }

    @Test
    void aCellAsksTheKernelThroughItsOutput() throws Exception {
        try (Harness kernel = new Harness(History.open(dir.resolve("h.jsonl")))) {
            List<String> printed = new ArrayList<>();
            kernel.interpreter.onExecute = (code, options, out) -> {
                if (code.startsWith("%history")) {
                    printed.add(out.history(code.substring("%history".length())));
                }
                return ExecuteResult.success();
            };
            kernel.execute("int x = 1;");
            kernel.reply(Channel.SHELL);
            kernel.execute("%history -n");
            kernel.reply(Channel.SHELL);
            assertEquals("   1: int x = 1;\n   2: %history -n\n", printed.get(0));
        }
    }

    private static List<String> lines(String text) {
        return List.of(text.split("\n"));
    }
}
