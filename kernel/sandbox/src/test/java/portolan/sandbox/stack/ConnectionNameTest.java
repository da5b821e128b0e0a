package portolan.sandbox.stack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import portolan.sandbox.wire.Ipv4Address;

class ConnectionNameTest {
    private static Endpoint at(String address, int port) {
        return new Endpoint(Ipv4Address.parse(address), port);
    }

    @Test
    void theTracedBytesAreTheTextInUtf8() {
        Endpoint[] ends = {at("0.0.0.0", 0), at("10.0.0.1", 80), at("255.255.255.255", 65535), at("192.168.100.9", 9),
                at("1.22.103.250", 49152), at("127.0.0.1", 10000)};
        ConnectionName name = new ConnectionName();
        for (Endpoint local : ends) {
            for (Endpoint remote : new Endpoint[] {null, ends[1], ends[2], ends[4]}) {
                String text = name.text(local, remote);
                assertEquals(remote == null ? local.toString() : local + " ⇄ " + remote, text);
                assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), name.utf8(local, remote), text);
            }
        }
        assertEquals("an unbound socket", name.text(null, null));
        assertArrayEquals("an unbound socket".getBytes(StandardCharsets.UTF_8), name.utf8(null, null));
    }

    @Test
    void madeOncePerPairOfEndpoints() {
        ConnectionName name = new ConnectionName();
        Endpoint local = at("10.0.0.1", 80);
        Endpoint remote = at("10.0.1.1", 50000);
        assertSame(name.utf8(local, remote), name.utf8(local, remote));
        assertSame(name.text(local, remote), name.text(local, remote));
        assertEquals("10.0.0.1:80", name.text(local, null), "a new pair of endpoints makes a new name");
    }
}
