package portolan.kernel.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import portolan.kernel.protocol.Message;
import portolan.kernel.protocol.Session;
import portolan.kernel.transport.Channel;

/** input_request/input_reply, interrupt and shutdown. */
@Timeout(30)
class StdinAndControlTest {

    @Test
    void inputRequestUsesTheExecuteIdentitiesAndReturnsTheReply() throws Exception {
        try (Harness h = new Harness()) {
            h.interpreter.onExecute = (code, options, out) -> {
                out.stream("stdout", "before the question\n");
                String name = out.input("Name? ", false);
                out.stream("stdout", "hello " + name + "\n");
                return ExecuteResult.success();
            };
            Message execute = h.execute("ask");
            Message inputRequest = h.reply(Channel.STDIN);
            assertEquals("input_request", inputRequest.msgType());
            assertEquals("Name? ", inputRequest.content().get("prompt").getAsString());
            assertEquals(execute.header().msgId(), Harness.parentId(inputRequest));
            assertEquals("client-1", new String(inputRequest.identities().get(0)));
            // The question comes after what the cell printed before it.
            assertTrue(h.server.log().stream().anyMatch(s -> s.message().msgType().equals("stream")));

            JsonObject value = new JsonObject();
            value.addProperty("value", "한글 😀");
            h.server.receive(Channel.STDIN, new Session("client-session", "tester")
                    .reply(inputRequest, "input_reply", value));
            List<Message> iopub = h.iopubUntilIdle(execute);
            String printed = iopub.stream().filter(m -> m.msgType().equals("stream"))
                    .map(m -> m.content().get("text").getAsString()).reduce("", String::concat);
            assertEquals("before the question\nhello 한글 😀\n", printed);
            assertEquals("ok", h.reply(Channel.SHELL).content().get("status").getAsString());
        }
    }

    @Test
    void inputWithAllowStdinFalseThrowsAClearException() throws Exception {
        try (Harness h = new Harness()) {
            h.interpreter.onExecute = (code, options, out) -> {
                try {
                    out.input("x", false);
                    return ExecuteResult.success();
                } catch (StdinNotAllowedException e) {
                    return ExecuteResult.error("StdinNotAllowedException", e.getMessage(), List.of());
                }
            };
            h.send(Channel.SHELL, "execute_request", "{\"code\":\"read\",\"allow_stdin\":false}");
            JsonObject reply = h.reply(Channel.SHELL).content();
            assertEquals("StdinNotAllowedException", reply.get("ename").getAsString());
            assertTrue(reply.get("evalue").getAsString().contains("allow_stdin=false"));
        }
    }

    @Test
    void interruptUnblocksAWaitingInputAndReachesTheInterpreter() throws Exception {
        try (Harness h = new Harness()) {
            h.interpreter.onExecute = (code, options, out) -> {
                try {
                    out.input("waiting", false);
                    return ExecuteResult.success();
                } catch (InterruptedException e) {
                    return ExecuteResult.error("InterruptedException", e.getMessage(), List.of());
                }
            };
            h.execute("wait for input");
            h.reply(Channel.STDIN);
            Message interrupt = h.send(Channel.CONTROL, "interrupt_request", "{}");
            Message interruptReply = h.reply(Channel.CONTROL);
            assertEquals("interrupt_reply", interruptReply.msgType());
            assertEquals("ok", interruptReply.content().get("status").getAsString());
            assertTrue(h.interpreter.interrupted.await(5, TimeUnit.SECONDS));
            JsonObject reply = h.reply(Channel.SHELL).content();
            assertEquals("error", reply.get("status").getAsString());
            assertEquals("InterruptedException", reply.get("ename").getAsString());
            assertEquals(interrupt.header().msgId(), Harness.parentId(interruptReply));
        }
    }

    @Test
    void shutdownOnControlRepliesClosesTheInterpreterAndReleasesTheWaiter() throws Exception {
        try (Harness h = new Harness()) {
            h.iopubUntilIdle(h.execute("warm up"));
            h.reply(Channel.SHELL);
            Message shutdown = h.send(Channel.CONTROL, "shutdown_request", "{\"restart\":true}");
            Message reply = h.reply(Channel.CONTROL);
            assertEquals("shutdown_reply", reply.msgType());
            assertTrue(reply.content().get("restart").getAsBoolean());
            assertEquals(List.of("busy", "idle"), Harness.types(h.iopubUntilIdle(shutdown)));
            assertTrue(h.core.awaitShutdown(5, TimeUnit.SECONDS));
            assertTrue(h.core.awaitShutdown());
            assertTrue(h.interpreter.closed);
        }
    }

    @Test
    void shutdownIsToleratedOnShell() throws Exception {
        try (Harness h = new Harness()) {
            h.send(Channel.SHELL, "shutdown_request", "{\"restart\":false}");
            Message reply = h.reply(Channel.SHELL);
            assertEquals("shutdown_reply", reply.msgType());
            assertTrue(h.core.awaitShutdown(5, TimeUnit.SECONDS));
            assertEquals(false, h.core.awaitShutdown());
        }
    }
}
