package portolan.sandbox.apps;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import portolan.sandbox.Host;
import portolan.sandbox.TcpServerSocket;
import portolan.sandbox.TcpSocket;
import portolan.sandbox.sim.SimQueue;
import portolan.sandbox.sim.SimTime;
import portolan.sandbox.wire.Http1;
import portolan.sandbox.wire.HttpRequest;
import portolan.sandbox.wire.HttpResponse;
import portolan.sandbox.wire.Ipv4Address;

/**
 * A WebServer is an HTTP/1.1 server program ("apache", "nginx") on a host: it answers requests
 * from routes and static pages, one request per connection, and charges each request's service
 * time to the host's CPU. How it serves connections is chosen by {@link Structure} (S5/S6).
 *
 * <pre>{@code
 * var apache = WebServer.on(server, "apache").page("/", "<h1>hello</h1>").start(80);
 * var nginx = server.webServer("nginx", 8080);
 * nginx.route("/api", req -> HttpResponse.text(200, "ok"));
 * }</pre>
 */
public final class WebServer {
    /** How connections are handed to code that talks to the client. */
    public enum Structure {
        /** A new process per connection (fork): costs {@code processSpawn} CPU time in the listener each time. */
        PROCESS_PER_CONNECTION,
        /** A new thread per connection: cheaper than a process, still paid per connection. */
        THREAD_PER_CONNECTION,
        /** Workers started in advance take connections from a queue: no start-up per connection. */
        POOL,
        /** The listening process serves each connection itself, one after another. */
        SINGLE_THREADED
    }

    private final Host host;
    private final String name;
    private final Map<String, Function<HttpRequest, HttpResponse>> routes = new LinkedHashMap<>();
    private final Set<String> allowedHosts = new LinkedHashSet<>();
    private Structure structure = Structure.THREAD_PER_CONNECTION;
    private int workers = 4;
    private long serviceNanos;
    private long processSpawnNanos = 8 * SimTime.MILLISECOND;
    private long threadSpawnNanos = 2 * SimTime.MILLISECOND;
    private String bindAddress = "0.0.0.0";
    private TcpServerSocket listener;
    private long served;
    private int spawned;

    private WebServer(Host host, String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name the web server program, e.g. \"apache\" or \"nginx\"");
        }
        this.host = host;
        this.name = name;
    }

    /** A web server program called {@code name} on {@code host}, not started yet. */
    public static WebServer on(Host host, String name) {
        return new WebServer(host, name);
    }

    /** Answers {@code path} (exact match, query ignored) with {@code handler}. */
    public WebServer route(String path, Function<HttpRequest, HttpResponse> handler) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException(name + ": a route is a path starting with '/', not \"" + path + "\"");
        }
        routes.put(path, handler);
        return this;
    }

    /** Serves a static HTML page at {@code path}. */
    public WebServer page(String path, String html) {
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        return route(path, req -> HttpResponse.of(200, "text/html; charset=utf-8", body));
    }

    /** How connections are served; {@code workers} counts pool workers (ignored otherwise). */
    public WebServer structure(Structure s, int workers) {
        checkNotStarted("the serving structure");
        if (workers < 1) {
            throw new IllegalArgumentException(name + ": a pool needs at least 1 worker, not " + workers);
        }
        this.structure = s;
        this.workers = workers;
        return this;
    }

    public WebServer structure(Structure s) {
        return structure(s, workers);
    }

    /** CPU time each request costs on the host's cores. */
    public WebServer serviceTime(Duration d) {
        serviceNanos = SimTime.nanos(d);
        return this;
    }

    /** CPU time to start a process and a thread (8 ms and 2 ms unless set). */
    public WebServer spawnCost(Duration process, Duration thread) {
        processSpawnNanos = SimTime.nanos(process);
        threadSpawnNanos = SimTime.nanos(thread);
        return this;
    }

    /** Host-header allow-list (like Django's ALLOWED_HOSTS): other Host values get 400. Empty allows all. */
    public WebServer allowedHosts(String... hosts) {
        allowedHosts.clear();
        Arrays.stream(hosts).map(h -> h.toLowerCase(Locale.ROOT)).forEach(allowedHosts::add);
        return this;
    }

    /** Binds {@code address} instead of 0.0.0.0: "127.0.0.1" serves only this host itself. */
    public WebServer bind(String address) {
        checkNotStarted("the bind address");
        Ipv4Address.parse(address);
        bindAddress = address;
        return this;
    }

    private void checkNotStarted(String what) {
        if (listener != null) {
            throw new IllegalStateException(name + " on " + host.name() + " is already running; set " + what
                    + " before start()");
        }
    }

    /**
     * Starts the program as a privileged daemon listening on {@code bindAddress:port}.
     *
     * @throws java.net.BindException if the port is taken, naming the program holding it
     */
    public WebServer start(int port) throws IOException {
        checkNotStarted("the port");
        listener = Daemon.start(host, name, () -> {
            TcpServerSocket ss = host.serverSocket();
            ss.setReuseAddress(true); // as Apache and nginx do, so a restart is not blocked by old connections
            try {
                ss.bind(Ipv4Address.parse(bindAddress), port, TcpServerSocket.DEFAULT_BACKLOG);
            } catch (IOException | RuntimeException e) {
                ss.close();
                throw e;
            }
            return ss;
        }, this::acceptLoop);
        return this;
    }

    private void acceptLoop(TcpServerSocket ss) throws Exception {
        SimQueue<TcpSocket> handOff = null;
        if (structure == Structure.POOL) {
            handOff = new SimQueue<>(host.network().simulator(), name + " connection queue on " + host.name());
            for (int i = 0; i < workers; i++) {
                host.cpu().run(threadSpawnNanos); // paid once, before the first client comes
                SimQueue<TcpSocket> q = handOff;
                host.spawnAsRoot(name + "-worker-" + i, () -> {
                    while (true) {
                        serve(q.take());
                    }
                });
            }
        }
        while (true) {
            TcpSocket s;
            try {
                s = ss.accept();
            } catch (SocketException closed) {
                return;
            }
            switch (structure) {
                case SINGLE_THREADED -> serve(s);
                case POOL -> handOff.put(s);
                default -> {
                    boolean process = structure == Structure.PROCESS_PER_CONNECTION;
                    host.cpu().run(process ? processSpawnNanos : threadSpawnNanos);
                    host.spawnAsRoot(name + (process ? "-child-" : "-thread-") + spawned++, () -> serve(s));
                }
            }
        }
    }

    private void serve(TcpSocket s) {
        try (s) {
            InputStream in = s.getInputStream();
            byte[] buffered = new byte[0];
            int length;
            while ((length = Http1.messageLength(buffered, false)) == Http1.NEED_MORE) {
                byte[] chunk = new byte[4096];
                int n = in.read(chunk);
                if (n < 0) {
                    return; // the client went away before sending a whole request
                }
                buffered = Arrays.copyOf(buffered, buffered.length + n);
                System.arraycopy(chunk, 0, buffered, buffered.length - n, n);
            }
            HttpResponse response;
            try {
                response = handle(HttpRequest.parse(Arrays.copyOf(buffered, length)));
            } catch (RuntimeException bad) {
                response = HttpResponse.text(400, "bad request: " + bad.getMessage() + "\n");
            }
            s.getOutputStream().write(response.toBytes());
            served++;
        } catch (IOException | RuntimeException e) {
            // the connection broke (reset, timeout): this client is gone, the server goes on
        }
    }

    /** What this server answers to {@code request} (CPU service time is charged here). */
    HttpResponse handle(HttpRequest request) {
        if (serviceNanos > 0) {
            host.cpu().run(serviceNanos);
        }
        HttpResponse r;
        String hostHeader = request.headers().get("Host").orElse("").toLowerCase(Locale.ROOT).replaceFirst(":\\d+$", "");
        String path = request.target().split("\\?", 2)[0];
        if (!allowedHosts.isEmpty() && !allowedHosts.contains(hostHeader)) {
            r = HttpResponse.text(400, "Invalid Host header '" + hostHeader + "': " + name + " on " + host.name()
                    + " only serves " + allowedHosts + "; add it to allowedHosts(...)\n");
        } else if (routes.containsKey(path)) {
            try {
                r = routes.get(path).apply(request);
            } catch (RuntimeException e) {
                r = HttpResponse.text(500, "the route " + path + " of " + name + " threw " + e + "\n");
            }
        } else {
            r = HttpResponse.text(404, "404 Not Found: " + name + " on " + host.name() + " has no page " + path
                    + "; it has " + routes.keySet() + "\n");
        }
        return new HttpResponse(r.version(), r.status(), r.reason(), r.headers().set("Server", name)
                .set("Connection", "close"), r.body());
    }

    public String name() {
        return name;
    }

    public Host host() {
        return host;
    }

    /** The port listened on (-1 before start). */
    public int port() {
        return listener == null ? -1 : listener.getLocalPort();
    }

    public Structure structure() {
        return structure;
    }

    /** Processes or threads started for connections so far (0 for a pool or a single thread). */
    public int spawned() {
        return spawned;
    }

    /** Requests answered so far. */
    public long served() {
        return served;
    }

    /** Stops listening (open connections finish). */
    public void stop() throws IOException {
        if (listener != null) {
            listener.close();
        }
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        parts.add(structure.name().toLowerCase(Locale.ROOT).replace('_', ' ')
                + (structure == Structure.POOL ? " of " + workers : ""));
        if (serviceNanos > 0) {
            parts.add(SimTime.format(serviceNanos) + " CPU per request");
        }
        if (!allowedHosts.isEmpty()) {
            parts.add("allowed hosts " + allowedHosts);
        }
        parts.add(served + " request(s) served");
        if (spawned > 0) {
            parts.add(spawned + (structure == Structure.PROCESS_PER_CONNECTION ? " process(es)" : " thread(s)")
                    + " started for connections");
        }
        return "web server '" + name + "' on " + host.name() + " " + (listener == null ? "(not started)"
                : bindAddress + ":" + port()) + ", routes " + routes.keySet() + ", " + String.join(", ", parts);
    }
}
