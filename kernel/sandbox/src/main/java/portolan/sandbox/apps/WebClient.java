package portolan.sandbox.apps;

import java.io.IOException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import portolan.sandbox.Host;
import portolan.sandbox.TcpSocket;
import portolan.sandbox.stack.TraceEntry;
import portolan.sandbox.wire.Http1;
import portolan.sandbox.wire.HttpRequest;
import portolan.sandbox.wire.HttpResponse;
import portolan.sandbox.wire.Ipv4Address;
import portolan.sandbox.wire.Ipv4Packet;
import portolan.sandbox.wire.TcpSegment;
import portolan.sandbox.wire.Url;

/**
 * A WebClient is a minimal browser on a host: {@link #get} parses the URL (RFC 3986), resolves
 * the name with the host's DNS resolver, opens a TCP connection to the URL's port, sends one
 * HTTP/1.1 GET and reads the response. It never throws for network trouble: the {@link WebResult}
 * says what happened and {@link WebResult#explain()} where the request went.
 */
public final class WebClient {
    private final Host host;

    public WebClient(Host host) {
        this.host = host;
    }

    /**
     * Fetches {@code url}.
     *
     * @throws IllegalArgumentException for a malformed URL, saying what is wrong
     */
    public WebResult get(String url) {
        Url u = Url.parse(url);
        if (!u.scheme().equals("http")) {
            throw new IllegalArgumentException(url + ": the sandbox's client speaks plain HTTP only; use http://, not "
                    + u.scheme() + "://");
        }
        long start = host.network().now();
        int traceStart = host.network().trace().size();
        Ipv4Address address;
        try {
            address = host.resolve(u.host());
        } catch (UnknownHostException e) {
            return new WebResult(u, null, null, e.getMessage(), List.of(), host.network().now() - start);
        }
        int localPort = -1;
        try (TcpSocket s = host.tcpSocket()) {
            try {
                s.connect(address, u.effectivePort());
            } finally {
                localPort = s.getLocalPort();
            }
            s.getOutputStream().write(HttpRequest.get(u.requestTarget(), u.hostHeader()).toBytes());
            byte[] got = s.getInputStream().readAllBytes();
            int length = Http1.messageLength(got, true);
            if (length == Http1.NEED_MORE) {
                return fail(u, address, "the server closed the connection before a whole response arrived ("
                        + got.length + " bytes)", traceStart, localPort, start);
            }
            HttpResponse r = HttpResponse.parse(length == Http1.UNTIL_CLOSE ? got : Arrays.copyOf(got, length));
            return new WebResult(u, address, r, null, hops(traceStart, localPort, address), host.network().now() - start);
        } catch (IOException | RuntimeException e) {
            return fail(u, address, e.getMessage(), traceStart, localPort, start);
        }
    }

    private WebResult fail(Url u, Ipv4Address address, String why, int traceStart, int localPort, long start) {
        return new WebResult(u, address, null, why, hops(traceStart, localPort, address), host.network().now() - start);
    }

    /**
     * The path of the connection's first SYN, hop by hop, from the trace: followed by its IP
     * identification, which NAT keeps while rewriting addresses and ports.
     */
    private List<String> hops(int traceStart, int localPort, Ipv4Address address) {
        List<TraceEntry> entries = host.network().trace().entries();
        List<String> hops = new ArrayList<>();
        int id = -1;
        String lastSource = null;
        String lastDestination = null;
        for (int i = traceStart; i < entries.size(); i++) {
            TraceEntry e = entries.get(i);
            Ipv4Packet p = e.ipv4();
            if (p == null || p.protocol() != Ipv4Packet.PROTOCOL_TCP || p.fragmentOffset() != 0) {
                continue;
            }
            TcpSegment t;
            try {
                t = TcpSegment.parse(p.payload(), p.source(), p.destination());
            } catch (RuntimeException malformed) {
                continue;
            }
            if (!t.has(TcpSegment.SYN) || t.has(TcpSegment.ACK)) {
                continue;
            }
            if (id < 0) {
                if (!e.node().equals(host.name()) || t.sourcePort() != localPort || !p.destination().equals(address)) {
                    continue;
                }
                id = p.identification();
            } else if (p.identification() != id) {
                continue;
            }
            String source = p.source() + ":" + t.sourcePort();
            String destination = p.destination() + ":" + t.destinationPort();
            String addresses = source + " → " + destination;
            String line = e.place() + " " + e.event().name().toLowerCase(java.util.Locale.ROOT) + " SYN " + addresses;
            if (lastSource != null && !(source.equals(lastSource) && destination.equals(lastDestination))) {
                line += " (NAT rewrote " + rewrite(lastSource, source, lastDestination, destination) + ")";
            }
            if (e.isDrop()) {
                line = "died at " + e.place() + ": " + e.reason() + " [SYN " + addresses + "]";
            }
            lastSource = source;
            lastDestination = destination;
            hops.add(line);
        }
        return hops;
    }

    /** What a translator changed, as "the destination A → B" (both sides joined by "and"). */
    private static String rewrite(String sourceBefore, String sourceAfter, String destinationBefore, String destinationAfter) {
        List<String> parts = new ArrayList<>();
        if (!sourceBefore.equals(sourceAfter)) {
            parts.add("the source " + sourceBefore + " → " + sourceAfter);
        }
        if (!destinationBefore.equals(destinationAfter)) {
            parts.add("the destination " + destinationBefore + " → " + destinationAfter);
        }
        return String.join(" and ", parts);
    }
}
