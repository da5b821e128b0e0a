package portolan.kernel.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import portolan.kernel.protocol.Message;
import portolan.kernel.transport.Channel;

/** complete, inspect, is_complete and kernel_info; the code-point cursor conversion. */
@Timeout(30)
class ShellRequestsTest {

    @Test
    void kernelInfoDescribesJava() throws Exception {
        try (Harness h = new Harness()) {
            h.send(Channel.SHELL, "kernel_info_request", "{}");
            JsonObject info = h.reply(Channel.SHELL).content();
            assertEquals("ok", info.get("status").getAsString());
            assertEquals("5.4", info.get("protocol_version").getAsString());
            assertEquals("portolan", info.get("implementation").getAsString());
            JsonObject language = info.getAsJsonObject("language_info");
            assertEquals("java", language.get("name").getAsString());
            assertEquals(System.getProperty("java.version"), language.get("version").getAsString());
            assertEquals("text/x-java-source", language.get("mimetype").getAsString());
            assertEquals(".jshell", language.get("file_extension").getAsString());
            assertEquals("java", language.get("pygments_lexer").getAsString());
            assertEquals("text/x-java", language.get("codemirror_mode").getAsString());
            assertEquals("script", language.get("nbconvert_exporter").getAsString());
            String url = info.getAsJsonArray("help_links").get(0).getAsJsonObject().get("url").getAsString();
            assertTrue(url.contains("/javase/" + Runtime.version().feature() + "/"), url);
            assertFalse(info.get("banner").getAsString().isEmpty());
        }
    }

    @Test
    void kernelInfoOnControlIsRepliedOnControl() throws Exception {
        try (Harness h = new Harness()) {
            Message request = h.send(Channel.CONTROL, "kernel_info_request", "{}");
            Message reply = h.reply(Channel.CONTROL);
            assertEquals("kernel_info_reply", reply.msgType());
            assertEquals(request.header().msgId(), Harness.parentId(reply));
            assertEquals(List.of("busy", "idle"), Harness.types(h.iopubUntilIdle(request)));
            assertNull(h.server.poll(Channel.SHELL, java.time.Duration.ofMillis(50)));
        }
    }

    @Test
    void completeConvertsCodePointCursorsBothWays() throws Exception {
        try (Harness h = new Harness()) {
            // "😀" is 1 code point but 2 UTF-16 units; "한" is 1 and 1.
            String code = "String s = \"😀한\"; System.out.pri";
            int codePoints = code.codePointCount(0, code.length());
            JsonObject request = new JsonObject();
            request.addProperty("code", code);
            request.addProperty("cursor_pos", codePoints);
            h.send(Channel.SHELL, "complete_request", request.toString());
            JsonObject reply = h.reply(Channel.SHELL).content();
            assertEquals(code.length(), h.interpreter.lastCursor, "the interpreter gets a UTF-16 index");
            assertEquals(codePoints, reply.get("cursor_end").getAsInt());
            assertEquals(codePoints - 3, reply.get("cursor_start").getAsInt());
            assertEquals("println", reply.getAsJsonArray("matches").get(0).getAsString());
            assertEquals("ok", reply.get("status").getAsString());
        }
    }

    @Test
    void cursorInTheMiddleOfSupplementaryCharacters() {
        String code = "a😀b😀c";
        assertEquals(3, CodePoints.toUtf16(code, 2));  // before "b"
        assertEquals(2, CodePoints.fromUtf16(code, 3));
        assertEquals(code.length(), CodePoints.toUtf16(code, 99));
        assertEquals(0, CodePoints.toUtf16(code, -1));
        assertEquals(5, CodePoints.fromUtf16(code, code.length()));
        assertEquals(2, CodePoints.toUtf16("한국어", 2));
    }

    @Test
    void inspectPassesDetailLevelAndCursor() throws Exception {
        try (Harness h = new Harness()) {
            h.send(Channel.SHELL, "inspect_request", "{\"code\":\"😀ab\",\"cursor_pos\":2,\"detail_level\":1}");
            JsonObject reply = h.reply(Channel.SHELL).content();
            assertTrue(reply.get("found").getAsBoolean());
            assertEquals("doc of 😀a level 1", reply.getAsJsonObject("data").get("text/plain").getAsString());
            assertEquals(3, h.interpreter.lastCursor);

            h.send(Channel.SHELL, "inspect_request", "{\"code\":\"\",\"cursor_pos\":0}");
            JsonObject none = h.reply(Channel.SHELL).content();
            assertFalse(none.get("found").getAsBoolean());
            assertEquals(0, none.getAsJsonObject("data").size());
        }
    }

    @Test
    void isCompleteReportsIndentOnlyWhenIncomplete() throws Exception {
        try (Harness h = new Harness()) {
            h.send(Channel.SHELL, "is_complete_request", "{\"code\":\"void f() {\"}");
            JsonObject incomplete = h.reply(Channel.SHELL).content();
            assertEquals("incomplete", incomplete.get("status").getAsString());
            assertEquals("    ", incomplete.get("indent").getAsString());
            h.send(Channel.SHELL, "is_complete_request", "{\"code\":\"int x = 1;\"}");
            JsonObject complete = h.reply(Channel.SHELL).content();
            assertEquals("complete", complete.get("status").getAsString());
            assertFalse(complete.has("indent"));
        }
    }

    @Test
    void kernelInfoIsAnsweredWhileTheEngineIsStillStarting() throws Exception {
        CountDownLatch engineReady = new CountDownLatch(1);
        FakeInterpreter fake = new FakeInterpreter();
        try (Harness h = new Harness(History.inMemory(), fake, () -> {
            try {
                engineReady.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return fake;
        })) {
            Message execute = h.execute("1");
            assertNull(h.server.poll(Channel.SHELL, java.time.Duration.ofMillis(200)),
                    "execute waits for the engine");
            Message info = h.send(Channel.CONTROL, "kernel_info_request", "{}");
            assertEquals("kernel_info_reply", h.reply(Channel.CONTROL).msgType());
            engineReady.countDown();
            Message reply = h.reply(Channel.SHELL);
            assertEquals(execute.header().msgId(), Harness.parentId(reply));
            assertEquals("ok", reply.content().get("status").getAsString());
            assertTrue(info.header().msgId().length() > 0);
        }
    }

    @Test
    void aFailedEngineStartIsReportedInTheCell() throws Exception {
        try (Harness h = new Harness(History.inMemory(), new FakeInterpreter(), () -> {
            throw new IllegalStateException("no JDK found");
        })) {
            h.execute("1");
            JsonObject reply = h.reply(Channel.SHELL).content();
            assertEquals("error", reply.get("status").getAsString());
            assertTrue(reply.get("evalue").getAsString().contains("no JDK found"), reply.toString());
            h.send(Channel.SHELL, "is_complete_request", "{\"code\":\"x\"}");
            assertEquals("unknown", h.reply(Channel.SHELL).content().get("status").getAsString());
            // Requests that need the engine still get a reply, with the reason.
            for (String type : List.of("complete", "inspect")) {
                h.send(Channel.SHELL, type + "_request", "{\"code\":\"x\",\"cursor_pos\":1}");
                Message answer = h.reply(Channel.SHELL);
                assertEquals(type + "_reply", answer.msgType());
                assertEquals("error", answer.content().get("status").getAsString());
                assertTrue(answer.content().get("evalue").getAsString().contains("no JDK found"));
            }
        }
    }
}
