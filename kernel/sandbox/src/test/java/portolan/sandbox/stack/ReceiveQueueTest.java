package portolan.sandbox.stack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import portolan.sandbox.wire.Ipv4Address;
import portolan.sandbox.wire.Ipv4Packet;
import portolan.sandbox.wire.TcpSegment;
import portolan.sandbox.wire.TcpSegmentView;

class ReceiveQueueTest {
    private static final Ipv4Address A = Ipv4Address.parse("10.0.0.1");
    private static final Ipv4Address B = Ipv4Address.parse("10.0.0.2");

    private static byte[] segment(String data) {
        return TcpSegment.of(80, 49152, 1, 1, TcpSegment.ACK, 1000, data.getBytes(StandardCharsets.US_ASCII))
                .toBytes(A, B);
    }

    private static String take(ReceiveQueue q, int length) {
        byte[] target = new byte[length + 2];
        int n = q.take(target, 2, length);
        return new String(target, 2, n, StandardCharsets.US_ASCII);
    }

    @Test
    void readsAcrossSlicesInArrivalOrder() {
        ReceiveQueue q = new ReceiveQueue();
        TcpSegmentView first = TcpSegmentView.parse(Ipv4Packet.of(A, B, 6, 64, 1, segment("hello, ")));
        q.add(first, 0, 7);
        q.add("xxworldxx".getBytes(StandardCharsets.US_ASCII), 2, 5);
        q.add(TcpSegmentView.parse(Ipv4Packet.of(A, B, 6, 64, 2, segment("--!"))), 2, 1);
        q.add(first, 0, 0);
        assertEquals(13, q.size());
        assertEquals("hel", take(q, 3));
        assertEquals("lo, wo", take(q, 6));
        assertEquals(4, q.size());
        assertEquals("rld!", take(q, 100));
        assertEquals(0, q.size());
        assertEquals("", take(q, 5));
        q.releaseIfEmpty();
        q.add("again".getBytes(StandardCharsets.US_ASCII), 0, 5);
        assertEquals("again", take(q, 5));
    }

    @Test
    void aCallersArrayIsCopiedNotShared() {
        byte[] bytes = segment("abc");
        ReceiveQueue q = new ReceiveQueue();
        q.add(TcpSegmentView.parse(bytes, A, B), 0, 3);
        bytes[bytes.length - 1] = 'X'; // the caller reuses its array after parsing
        byte[] out = new byte[3];
        assertEquals(3, q.take(out, 0, 3));
        assertArrayEquals("abc".getBytes(StandardCharsets.US_ASCII), out);
    }
}
