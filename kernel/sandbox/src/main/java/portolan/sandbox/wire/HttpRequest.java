package portolan.sandbox.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An HttpRequest is an HTTP/1.1 request message (RFC 9112 §3): a request line such as
 * {@code GET /index.html HTTP/1.1}, header fields and an optional body.
 *
 * @param target the request target as sent, usually a path with an optional query ("origin form")
 */
public record HttpRequest(String method, String target, String version, HttpHeaders headers, byte[] body) {
    public HttpRequest {
        if (method == null || !Http1.isToken(method)) {
            throw new IllegalArgumentException("HTTP method \"" + method + "\" must be a word such as GET or POST");
        }
        if (target == null || target.isEmpty() || target.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f)) {
            throw new IllegalArgumentException("HTTP request target \"" + target + "\" must be non-empty visible ASCII "
                    + "without spaces (encode a space as %20)");
        }
        if (version == null || !version.matches("HTTP/1\\.[01]")) {
            throw new IllegalArgumentException("HTTP version must be HTTP/1.1 or HTTP/1.0, not " + version);
        }
        if (headers == null || body == null) {
            throw new IllegalArgumentException("an HTTP request needs headers and a body (both may be empty)");
        }
        body = body.clone();
    }

    /** {@code GET target HTTP/1.1} with the Host header HTTP/1.1 requires (RFC 9112 §3.2). */
    public static HttpRequest get(String target, String host) {
        return new HttpRequest("GET", target, "HTTP/1.1", HttpHeaders.of("Host", host), new byte[0]);
    }

    /** A copy carrying {@code body}, with Content-Type and Content-Length set. */
    public HttpRequest withBody(String contentType, byte[] newBody) {
        return new HttpRequest(method, target, version, headers.set("Content-Type", contentType)
                .set("Content-Length", String.valueOf(newBody.length)), newBody);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * Parses exactly one complete request (use {@link Http1#messageLength} to cut it from a stream).
     *
     * @throws MalformedPacketException quoting the bad line
     */
    public static HttpRequest parse(byte[] b) {
        Http1.Head head = Http1.parseHead(b, "request line");
        String line = head.startLine();
        String[] parts = line.split(" ", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new MalformedPacketException("request line", "request line \"" + line + "\" must be three parts "
                    + "separated by single spaces: method, target and version, e.g. \"GET /index.html HTTP/1.1\"");
        }
        if (!Http1.isToken(parts[0])) {
            throw new MalformedPacketException("request line", "request line \"" + line + "\" has method \"" + parts[0]
                    + "\", which is not a word such as GET");
        }
        Http1.checkVersion(parts[2], line, "request line");
        byte[] body = Http1.body(b, head, false);
        try {
            return new HttpRequest(parts[0], parts[1], parts[2], head.headers(), body);
        } catch (IllegalArgumentException e) {
            throw new MalformedPacketException("request line", "request line \"" + line + "\" is invalid: " + e.getMessage());
        }
    }

    public byte[] toBytes() {
        return Http1.write(method + " " + target + " " + version, headers, body);
    }

    /** e.g. {@code HTTP GET /index.html HTTP/1.1 Host example.com}. */
    @Override
    public String toString() {
        return "HTTP " + method + " " + target + " " + version + headers.get("Host").map(h -> " Host " + h).orElse("")
                + (body.length > 0 ? " body " + body.length + " bytes" : "");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HttpRequest r && method.equals(r.method) && target.equals(r.target) && version.equals(r.version)
                && headers.equals(r.headers) && Arrays.equals(body, r.body);
    }

    @Override
    public int hashCode() {
        return (method.hashCode() * 31 + target.hashCode()) * 31 + Arrays.hashCode(body);
    }
}
