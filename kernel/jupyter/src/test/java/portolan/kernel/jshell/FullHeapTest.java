package portolan.kernel.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The advice on the heap limit, and the heap_full message a worker with a full heap sends from a frame made in advance. */
@Timeout(20)
class FullHeapTest {

    @Test
    void theLargerLimitIsTwiceThisOneRoundedUpToAPowerOfTwo() {
        assertEquals("-Xmx4g", FullHeap.largerLimit(1911)); // -Xmx2048m less a survivor space
        assertEquals("-Xmx2g", FullHeap.largerLimit(1024));
        assertEquals("-Xmx1g", FullHeap.largerLimit(477));
        assertEquals("-Xmx512m", FullHeap.largerLimit(238));
    }

    @Test
    void theHeapFullFrameIsAMessageWithTheFiguresWrittenIn() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            WorkerChannel channel = new WorkerChannel(server.getLocalPort());
            try (Socket kernel = server.accept()) {
                DataInputStream in = new DataInputStream(new BufferedInputStream(kernel.getInputStream()));
                channel.sendHeapFull(1911, 1911, false);
                channel.sendHeapFull(7, 123_456_789_012L, true);
                channel.sendHeapFull(0, 238, false);
                assertMessage(WorkerProtocol.read(in), 1911, 1911, 0);
                assertMessage(WorkerProtocol.read(in), 7, 123_456_789_012L, 1);
                assertMessage(WorkerProtocol.read(in), 0, 238, 0);
            }
        }
    }

    private static void assertMessage(JsonObject m, long used, long max, int overhead) {
        assertEquals(WorkerProtocol.HEAP_FULL, WorkerProtocol.type(m));
        assertEquals(used, m.get("used").getAsLong());
        assertEquals(max, m.get("max").getAsLong());
        assertEquals(overhead, m.get("overhead").getAsInt());
    }
}
