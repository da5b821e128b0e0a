package portolan.sandbox.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An HttpResponse is an HTTP/1.1 response message (RFC 9112 §4): a status line such as
 * {@code HTTP/1.1 404 Not Found}, header fields and a body.
 */
public record HttpResponse(String version, int status, String reason, HttpHeaders headers, byte[] body) {
    public HttpResponse {
        if (version == null || !version.matches("HTTP/1\\.[01]")) {
            throw new IllegalArgumentException("HTTP version must be HTTP/1.1 or HTTP/1.0, not " + version);
        }
        Bytes.requireRange("the HTTP status code", status, 100, 999);
        if (reason == null || reason.chars().anyMatch(c -> c == '\r' || c == '\n')) {
            throw new IllegalArgumentException("the HTTP reason phrase must be one line of text");
        }
        if (headers == null || body == null) {
            throw new IllegalArgumentException("an HTTP response needs headers and a body (both may be empty)");
        }
        body = body.clone();
    }

    /** A response with the standard reason phrase, Content-Type and Content-Length. */
    public static HttpResponse of(int status, String contentType, byte[] body) {
        return new HttpResponse("HTTP/1.1", status, reasonPhrase(status), HttpHeaders.of("Content-Type", contentType,
                "Content-Length", String.valueOf(body.length)), body);
    }

    /** A UTF-8 text response. */
    public static HttpResponse text(int status, String text) {
        return of(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    /** The reason phrase RFC 9110 §15 gives a status code, or "" for codes it does not list. */
    public static String reasonPhrase(int status) {
        return switch (status) {
            case 100 -> "Continue";
            case 200 -> "OK";
            case 201 -> "Created";
            case 204 -> "No Content";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 304 -> "Not Modified";
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "";
        };
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * Parses one complete response; without Content-Length everything after the head is the
     * body (it ended when the server closed the connection, RFC 9112 §6.3).
     *
     * @throws MalformedPacketException quoting the bad line
     */
    public static HttpResponse parse(byte[] b) {
        Http1.Head head = Http1.parseHead(b, "status line");
        String line = head.startLine();
        String[] parts = line.split(" ", 3);
        if (parts.length < 2) {
            throw new MalformedPacketException("status line", "status line \"" + line + "\" must be the version, a space "
                    + "and a three-digit status code, e.g. \"HTTP/1.1 200 OK\"");
        }
        Http1.checkVersion(parts[0], line, "status line");
        if (!parts[1].matches("[1-9][0-9]{2}")) {
            throw new MalformedPacketException("status line", "status line \"" + line + "\" has status \"" + parts[1]
                    + "\" but a status code is three digits, e.g. 200 or 404");
        }
        return new HttpResponse(parts[0], Integer.parseInt(parts[1]), parts.length == 3 ? parts[2] : "", head.headers(),
                Http1.body(b, head, true));
    }

    public byte[] toBytes() {
        return Http1.write(version + " " + status + (reason.isEmpty() ? " " : " " + reason), headers, body);
    }

    /** e.g. {@code HTTP/1.1 200 OK text/html 512 bytes}. */
    @Override
    public String toString() {
        return version + " " + status + (reason.isEmpty() ? "" : " " + reason)
                + headers.get("Content-Type").map(t -> " " + t).orElse("") + " " + body.length + " bytes";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HttpResponse r && version.equals(r.version) && status == r.status && reason.equals(r.reason)
                && headers.equals(r.headers) && Arrays.equals(body, r.body);
    }

    @Override
    public int hashCode() {
        return status * 31 + Arrays.hashCode(body);
    }
}
