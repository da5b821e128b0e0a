package portolan.kernel.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import portolan.kernel.protocol.Message;
import portolan.kernel.transport.Channel;

@Timeout(30)
class ExecuteRequestTest {

    @Test
    void startingIsPublishedOnceWithoutParent() throws Exception {
        try (Harness h = new Harness()) {
            assertEquals("status", h.starting.msgType());
            assertEquals("starting", h.starting.content().get("execution_state").getAsString());
            assertEquals(0, h.starting.parentHeader().size());
            Message info = h.send(Channel.SHELL, "kernel_info_request", "{}");
            List<String> types = Harness.types(h.iopubUntilIdle(info));
            assertEquals(List.of("busy", "idle"), types);
        }
    }

    @Test
    void iopubOrderIsBusyInputStreamResultReplyIdle() throws Exception {
        try (Harness h = new Harness()) {
            h.interpreter.onExecute = (code, options, out) -> {
                out.stream("stdout", "hello\n");
                out.result(MimeBundle.text("42"));
                return ExecuteResult.success();
            };
            Message request = h.execute("System.out.println(\"hello\"); 42");
            List<Message> iopub = h.iopubUntilIdle(request);
            assertEquals(List.of("busy", "execute_input", "stream", "execute_result", "idle"), Harness.types(iopub));
            for (Message m : iopub) {
                assertEquals(request.header().msgId(), Harness.parentId(m), m.msgType() + " has the request as parent");
            }
            assertEquals("hello\n", iopub.get(2).content().get("text").getAsString());
            assertEquals("stdout", iopub.get(2).content().get("name").getAsString());
            assertEquals("42", iopub.get(3).content().getAsJsonObject("data").get("text/plain").getAsString());
            assertEquals(1, iopub.get(3).content().get("execution_count").getAsInt());
            assertEquals(1, iopub.get(1).content().get("execution_count").getAsInt());

            // Across channels: the reply comes after all output and before idle.
            List<String> order = h.server.log().stream()
                    .filter(s -> s.channel() != Channel.IOPUB || !s.message().msgType().equals("status")
                            || !s.message().content().get("execution_state").getAsString().equals("starting"))
                    .map(s -> s.channel() == Channel.SHELL ? "reply"
                            : s.message().msgType().equals("status")
                            ? s.message().content().get("execution_state").getAsString() : s.message().msgType())
                    .toList();
            assertEquals(List.of("busy", "execute_input", "stream", "execute_result", "reply", "idle"), order);

            Message reply = h.reply(Channel.SHELL);
            assertEquals("execute_reply", reply.msgType());
            assertEquals("ok", reply.content().get("status").getAsString());
            assertEquals(1, reply.content().get("execution_count").getAsInt());
            assertEquals(request.header().toJson(), reply.parentHeader());
            assertEquals(1, reply.identities().size());
            assertEquals("client-1", new String(reply.identities().get(0)));
        }
    }

    @Test
    void counterRulesForSilentAndStoreHistory() throws Exception {
        try (Harness h = new Harness()) {
            h.interpreter.onExecute = (code, options, out) -> {
                out.stream("stdout", "printed\n");
                out.result(MimeBundle.text("r"));
                return ExecuteResult.success();
            };
            assertEquals(1, executeCount(h, "{\"code\":\"a\"}", true));
            assertEquals(2, executeCount(h, "{\"code\":\"b\",\"store_history\":true}", true));
            // store_history=false: reports the current value and does not increment.
            assertEquals(2, executeCount(h, "{\"code\":\"c\",\"store_history\":false}", true));
            // silent: no execute_input, no output at all, store_history forced off.
            assertEquals(2, executeCount(h, "{\"code\":\"d\",\"silent\":true,\"store_history\":true}", false));
            assertEquals(3, executeCount(h, "{\"code\":\"e\"}", true));
            assertEquals(List.of(1, 2, 2, 2, 3), h.interpreter.options.stream().map(ExecuteOptions::executionCount).toList());
            assertTrue(h.interpreter.options.get(3).silent());
        }
    }

    private static int executeCount(Harness h, String content, boolean expectOutput) throws Exception {
        Message request = h.send(Channel.SHELL, "execute_request", content);
        List<String> types = Harness.types(h.iopubUntilIdle(request));
        if (expectOutput) {
            assertEquals(List.of("busy", "execute_input", "stream", "execute_result", "idle"), types);
        } else {
            assertEquals(List.of("busy", "idle"), types);
        }
        Message reply = h.reply(Channel.SHELL);
        assertEquals("ok", reply.content().get("status").getAsString());
        return reply.content().get("execution_count").getAsInt();
    }

    @Test
    void errorIsPublishedAndReplied() throws Exception {
        try (Harness h = new Harness()) {
            h.interpreter.onExecute = (code, options, out) ->
                    ExecuteResult.error("java.lang.ArithmeticException", "/ by zero", List.of("line 1", "line 2"));
            Message request = h.execute("1/0");
            List<Message> iopub = h.iopubUntilIdle(request);
            assertEquals(List.of("busy", "execute_input", "error", "idle"), Harness.types(iopub));
            JsonObject error = iopub.get(2).content();
            assertEquals("java.lang.ArithmeticException", error.get("ename").getAsString());
            assertEquals("/ by zero", error.get("evalue").getAsString());
            assertEquals(2, error.getAsJsonArray("traceback").size());
            JsonObject reply = h.reply(Channel.SHELL).content();
            assertEquals("error", reply.get("status").getAsString());
            assertEquals("java.lang.ArithmeticException", reply.get("ename").getAsString());
            assertEquals("line 2", reply.getAsJsonArray("traceback").get(1).getAsString());
            assertEquals(1, reply.get("execution_count").getAsInt());
        }
    }

    @Test
    void stopOnErrorAbortsQueuedExecutesWithoutRunningThem() throws Exception {
        try (Harness h = new Harness()) {
            java.util.concurrent.CountDownLatch queued = new java.util.concurrent.CountDownLatch(1);
            h.interpreter.onExecute = (code, options, out) -> {
                if (code.equals("fail")) {
                    queued.await();
                    return ExecuteResult.error("Boom", "failed", List.of());
                }
                return ExecuteResult.success();
            };
            Message failing = h.execute("fail");
            Message second = h.execute("second");
            Message info = h.send(Channel.SHELL, "kernel_info_request", "{}");
            Message third = h.execute("third");
            queued.countDown();

            assertEquals("error", h.reply(Channel.SHELL).content().get("status").getAsString());
            Message r2 = h.reply(Channel.SHELL);
            assertEquals(second.header().msgId(), Harness.parentId(r2));
            assertEquals("aborted", r2.content().get("status").getAsString());
            Message r3 = h.reply(Channel.SHELL);
            assertEquals(info.header().msgId(), Harness.parentId(r3));
            assertEquals("kernel_info_reply", r3.msgType());
            Message r4 = h.reply(Channel.SHELL);
            assertEquals(third.header().msgId(), Harness.parentId(r4));
            assertEquals("aborted", r4.content().get("status").getAsString());
            h.iopubUntilIdle(third);
            assertEquals(List.of("fail"), h.interpreter.executed);

            // Requests after the abort run again.
            Message later = h.execute("later");
            h.iopubUntilIdle(later);
            assertEquals("ok", h.reply(Channel.SHELL).content().get("status").getAsString());
            assertEquals(List.of("fail", "later"), h.interpreter.executed);
        }
    }

    @Test
    void aCellSentTheMomentAnErrorReplyLeavesRunsAndIsNotAborted() throws Exception {
        try (Harness h = new Harness()) {
            h.interpreter.onExecute = (code, options, out) ->
                    code.equals("fail") ? ExecuteResult.error("Boom", "failed", List.of()) : ExecuteResult.success();
            Message[] next = new Message[1];
            h.server.afterSend(m -> {
                if (m.msgType().equals("execute_reply") && next[0] == null) {
                    next[0] = h.execute("next"); // before the kernel takes its next step
                }
            });
            h.execute("fail");
            assertEquals("error", h.reply(Channel.SHELL).content().get("status").getAsString());
            Message r2 = h.reply(Channel.SHELL);
            assertEquals(next[0].header().msgId(), Harness.parentId(r2));
            assertEquals("ok", r2.content().get("status").getAsString(), "only requests waiting while the cell ran are aborted");
            assertEquals(List.of("fail", "next"), h.interpreter.executed);
        }
    }

    @Test
    void stopOnErrorFalseKeepsRunningQueuedExecutes() throws Exception {
        try (Harness h = new Harness()) {
            h.interpreter.onExecute = (code, options, out) ->
                    code.equals("fail") ? ExecuteResult.error("Boom", "failed", List.of()) : ExecuteResult.success();
            h.send(Channel.SHELL, "execute_request", "{\"code\":\"fail\",\"stop_on_error\":false}");
            h.execute("next");
            assertEquals("error", h.reply(Channel.SHELL).content().get("status").getAsString());
            assertEquals("ok", h.reply(Channel.SHELL).content().get("status").getAsString());
            assertEquals(List.of("fail", "next"), h.interpreter.executed);
        }
    }

    @Test
    void userExpressionsAndPayloadAreReplied() throws Exception {
        try (Harness h = new Harness()) {
            JsonObject load = Harness.json("{\"source\":\"set_next_input\",\"text\":\"int x = 1;\",\"replace\":false}");
            h.interpreter.onExecute = (code, options, out) -> ExecuteResult.success(List.of(load));
            h.send(Channel.SHELL, "execute_request",
                    "{\"code\":\"%load x\",\"user_expressions\":{\"a\":\"1+1\",\"b\":\"boom\"}}");
            JsonObject reply = h.reply(Channel.SHELL).content();
            JsonObject expressions = reply.getAsJsonObject("user_expressions");
            assertEquals("ok", expressions.getAsJsonObject("a").get("status").getAsString());
            assertEquals("value of 1+1",
                    expressions.getAsJsonObject("a").getAsJsonObject("data").get("text/plain").getAsString());
            assertEquals("error", expressions.getAsJsonObject("b").get("status").getAsString());
            assertEquals("java.lang.ArithmeticException", expressions.getAsJsonObject("b").get("ename").getAsString());
            assertEquals(load, reply.getAsJsonArray("payload").get(0));
        }
    }

    @Test
    void lateOutputFromACellsThreadKeepsTheCellsParent() throws Exception {
        try (Harness h = new Harness()) {
            java.util.concurrent.CountDownLatch replied = new java.util.concurrent.CountDownLatch(1);
            h.interpreter.onExecute = (code, options, out) -> {
                Thread background = new Thread(() -> {
                    try {
                        replied.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    out.stream("stdout", "late\n");
                });
                background.start();
                return ExecuteResult.success();
            };
            Message first = h.execute("start thread");
            h.iopubUntilIdle(first);
            h.reply(Channel.SHELL);
            replied.countDown();
            Message late = h.server.next(Channel.IOPUB, Harness.TIMEOUT);
            assertEquals("stream", late.msgType());
            assertEquals("late\n", late.content().get("text").getAsString());
            assertEquals(first.header().msgId(), Harness.parentId(late));
        }
    }

    @Test
    void hundredThousandLinesArriveInOrderCoalesced() throws Exception {
        try (Harness h = new Harness()) {
            int lines = 100_000;
            java.util.concurrent.CountDownLatch printed = new java.util.concurrent.CountDownLatch(1);
            h.interpreter.onExecute = (code, options, out) -> {
                for (int i = 0; i < lines; i++) {
                    out.stream("stdout", "line " + i + "\n");
                }
                printed.countDown();
                return ExecuteResult.success();
            };
            // The transport falls behind while the cell prints.
            h.server.holdIopub();
            Message request = h.execute("print many");
            printed.await();
            h.server.releaseIopub();
            StringBuilder text = new StringBuilder();
            int streamMessages = 0;
            for (Message m : h.iopubUntilIdle(request)) {
                if (m.msgType().equals("stream")) {
                    streamMessages++;
                    text.append(m.content().get("text").getAsString());
                }
            }
            StringBuilder expected = new StringBuilder();
            for (int i = 0; i < lines; i++) {
                expected.append("line ").append(i).append('\n');
            }
            assertEquals(expected.toString(), text.toString());
            assertTrue(streamMessages <= 10, "coalesced into few messages, got " + streamMessages);
        }
    }

    @Test
    void streamsOfDifferentNamesAreNotMerged() throws Exception {
        try (Harness h = new Harness()) {
            h.interpreter.onExecute = (code, options, out) -> {
                out.stream("stdout", "a");
                out.stream("stderr", "b");
                out.stream("stdout", "c");
                return ExecuteResult.success();
            };
            h.server.holdIopub();
            Message request = h.execute("mixed");
            Thread.sleep(100);
            h.server.releaseIopub();
            List<Message> streams = h.iopubUntilIdle(request).stream()
                    .filter(m -> m.msgType().equals("stream")).toList();
            assertEquals(List.of("stdout:a", "stderr:b", "stdout:c"), streams.stream()
                    .map(m -> m.content().get("name").getAsString() + ":" + m.content().get("text").getAsString())
                    .toList());
        }
    }

    @Test
    void unknownMessageTypeIsToleratedWithBusyIdle() throws Exception {
        try (Harness h = new Harness()) {
            Message odd = h.send(Channel.SHELL, "frobnicate_request", "{}");
            assertEquals(List.of("busy", "idle"), Harness.types(h.iopubUntilIdle(odd)));
            Message info = h.send(Channel.SHELL, "kernel_info_request", "{}");
            assertEquals("kernel_info_reply", h.reply(Channel.SHELL).msgType());
            h.iopubUntilIdle(info);
            assertFalse(h.server.log().stream().anyMatch(s -> s.channel() == Channel.SHELL
                    && s.message().msgType().startsWith("frobnicate")));
        }
    }

    @Test
    void displayAndClearOutputAreBroadcast() throws Exception {
        try (Harness h = new Harness()) {
            h.interpreter.onExecute = (code, options, out) -> {
                out.display(MimeBundle.text("v1"), "d1", false);
                out.display(MimeBundle.text("v2"), "d1", true);
                out.clearOutput(true);
                return ExecuteResult.success();
            };
            Message request = h.execute("display");
            List<Message> iopub = h.iopubUntilIdle(request);
            assertEquals(List.of("busy", "execute_input", "display_data", "update_display_data", "clear_output", "idle"),
                    Harness.types(iopub));
            assertEquals("d1", iopub.get(3).content().getAsJsonObject("transient").get("display_id").getAsString());
            assertTrue(iopub.get(4).content().get("wait").getAsBoolean());
        }
    }

}
