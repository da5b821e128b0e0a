package portolan.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TcpSmokeTest {
    @Test
    void echo() throws Exception {
        FakeNet net = new FakeNet(1);
        var server = net.host("server", "10.0.0.1");
        var client = net.host("client", "10.0.0.2");
        var ss = server.sockets.serverSocket(8080);
        net.sim.spawn("server", "echo", () -> {
            try (var s = ss.accept()) {
                byte[] b = s.getInputStream().readAllBytes();
                s.getOutputStream().write(b);
            }
        });
        var c = client.sockets.connect(server.address, 8080);
        c.getOutputStream().write("hello".getBytes(StandardCharsets.UTF_8));
        c.shutdownOutput();
        byte[] back = c.getInputStream().readAllBytes();
        c.close();
        net.sim.runUntilIdle();
        net.log.forEach(System.out::println);
        System.out.println(c.connection().history());
        System.out.println(server.sockets.netstat());
        assertEquals("hello", new String(back, StandardCharsets.UTF_8));
    }
}
