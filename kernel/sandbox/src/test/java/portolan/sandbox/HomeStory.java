package portolan.sandbox;

import static portolan.sandbox.stack.IpProtocol.TCP;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/** The notes' home: KT subscriber 공유기 at 59.6.66.238, desktop .3 and laptop .4 serving web pages, a phone on SKT. */
public final class HomeStory {
    public final Network net;
    public final Isp kt;
    public final Isp skt;
    public final HomeRouter home;
    public final Host desktop;
    public final Host laptop;
    public final Host phone;

    public HomeStory(long seed, boolean rules) {
        this(new Network(seed), rules);
    }

    /** The story built on {@code net} (e.g. one set to platform threads first). */
    public HomeStory(Network net, boolean rules) {
        this.net = net;
        kt = net.isp("KT", "59.6.64.0/20").poolFrom("59.6.66.238");
        skt = net.isp("SKT", "223.38.0.0/16");
        home = net.homeRouter("공유기").connect(kt);
        desktop = home.join(net.host("desktop"), "192.168.0.3");
        laptop = home.join(net.host("laptop"), "192.168.0.4");
        phone = skt.subscribe(net.host("phone"));
        serve(desktop, 80, "desktop's page");
        serve(laptop, 80, "laptop's page");
        if (rules) {
            home.forward(TCP, 8081, laptop, 80);
            home.forward(TCP, 8080, desktop, 80);
        }
    }

    /** A web-server-like program: answers every connection on {@code port} with {@code page} and closes. */
    public static void serve(Host host, int port, String page) {
        host.spawnAsRoot(host.name() + "-httpd-" + port, () -> {
            try (TcpServerSocket ss = host.serverSocket(port)) {
                while (true) {
                    try (TcpSocket s = ss.accept()) {
                        s.getOutputStream().write(page.getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
        });
    }

    /** Connects from {@code client} to {@code address:port} and returns what came back, or "failed: " and why. */
    public static String fetch(Network net, Host client, String address, int port) {
        AtomicReference<String> result = new AtomicReference<>();
        client.spawn("fetch " + address + ":" + port, () -> {
            try (TcpSocket s = client.connect(address, port)) {
                result.set(new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (java.io.IOException e) {
                result.set("failed: " + e.getMessage());
            }
        });
        net.runUntil(() -> result.get() != null, Duration.ofMinutes(5));
        return result.get();
    }
}
