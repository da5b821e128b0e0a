package portolan.kernel.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import portolan.kernel.protocol.Message;
import portolan.kernel.transport.Channel;

@Timeout(30)
class CommsTest {

    @Test
    void openToAnUnknownTargetIsClosedAtOnce() throws Exception {
        try (Harness h = new Harness()) {
            Message open = h.send(Channel.SHELL, "comm_open", "{\"comm_id\":\"c1\",\"target_name\":\"nobody\",\"data\":{}}");
            List<Message> iopub = h.iopubUntilIdle(open);
            assertEquals(List.of("busy", "comm_close", "idle"), Harness.types(iopub));
            assertEquals("c1", iopub.get(1).content().get("comm_id").getAsString());
            assertEquals(open.header().msgId(), Harness.parentId(iopub.get(1)));
        }
    }

    @Test
    void registeredTargetReceivesMessagesAndCommInfoFilters() throws Exception {
        try (Harness h = new Harness()) {
            List<String> received = new ArrayList<>();
            h.core.comms().registerTarget("echo", (comm, data) -> {
                received.add("open " + data.get("x").getAsString());
                comm.onMessage(msg -> {
                    received.add("msg " + msg.get("x").getAsString());
                    comm.send(msg);
                });
                comm.onClose(msg -> received.add("close"));
            });
            h.core.comms().registerTarget("other", (comm, data) -> { });
            h.iopubUntilIdle(h.send(Channel.SHELL, "comm_open", "{\"comm_id\":\"c1\",\"target_name\":\"echo\",\"data\":{\"x\":\"1\"}}"));
            h.iopubUntilIdle(h.send(Channel.SHELL, "comm_open", "{\"comm_id\":\"c2\",\"target_name\":\"other\",\"data\":{}}"));

            Message msg = h.send(Channel.SHELL, "comm_msg", "{\"comm_id\":\"c1\",\"data\":{\"x\":\"2\"}}");
            List<Message> iopub = h.iopubUntilIdle(msg);
            assertEquals(List.of("busy", "comm_msg", "idle"), Harness.types(iopub));
            assertEquals("2", iopub.get(1).content().getAsJsonObject("data").get("x").getAsString());
            assertEquals(msg.header().msgId(), Harness.parentId(iopub.get(1)));

            h.send(Channel.SHELL, "comm_info_request", "{\"target_name\":\"echo\"}");
            JsonObject echoOnly = h.reply(Channel.SHELL).content().getAsJsonObject("comms");
            assertEquals("{\"c1\":{\"target_name\":\"echo\"}}", echoOnly.toString());
            h.send(Channel.SHELL, "comm_info_request", "{}");
            assertEquals(2, h.reply(Channel.SHELL).content().getAsJsonObject("comms").size());

            h.iopubUntilIdle(h.send(Channel.SHELL, "comm_close", "{\"comm_id\":\"c1\",\"data\":{}}"));
            Message info = h.send(Channel.SHELL, "comm_info_request", "{}");
            JsonObject after = h.reply(Channel.SHELL).content().getAsJsonObject("comms");
            h.iopubUntilIdle(info);
            assertEquals("{\"c2\":{\"target_name\":\"other\"}}", after.toString());
            assertEquals(List.of("open 1", "msg 2", "close"), received);

            // A message to a closed comm is ignored; the kernel keeps answering.
            Message stray = h.send(Channel.SHELL, "comm_msg", "{\"comm_id\":\"c1\",\"data\":{}}");
            assertEquals(List.of("busy", "idle"), Harness.types(h.iopubUntilIdle(stray)));
            assertTrue(received.size() == 3);
        }
    }
}
