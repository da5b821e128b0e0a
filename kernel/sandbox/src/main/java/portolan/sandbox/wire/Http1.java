package portolan.sandbox.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Http1 holds the HTTP/1.1 message syntax (RFC 9112) shared by {@link HttpRequest} and
 * {@link HttpResponse}: a start line, header field lines, an empty line, then a body whose
 * length Content-Length gives. Lines end with CRLF; a bare LF is accepted on input, as RFC 9112
 * §2.2 allows, but never written.
 *
 * <p>{@link #messageLength} tells a receiver reading a TCP stream whether a whole message has
 * arrived yet. Chunked transfer coding is not supported: the sandbox's servers always send
 * Content-Length.
 */
public final class Http1 {
    /** {@link #messageLength}: more bytes are needed. */
    public static final int NEED_MORE = -1;
    /** {@link #messageLength}: a response without Content-Length; its body ends when the server closes. */
    public static final int UNTIL_CLOSE = -2;
    /** Largest head accepted, in bytes. */
    public static final int MAX_HEAD = 64 * 1024;
    static final byte[] CRLF = {'\r', '\n'};

    private Http1() {
    }

    /** A parsed head: start line and headers, and where the body starts. */
    record Head(String startLine, HttpHeaders headers, int bodyStart) {
    }

    /**
     * How many bytes of {@code buffered} the first message takes: {@link #NEED_MORE} while the
     * head or body is incomplete, {@link #UNTIL_CLOSE} for a response that has no
     * Content-Length, else the total length of head and body.
     *
     * @throws MalformedPacketException if the head received so far is already invalid
     */
    public static int messageLength(byte[] buffered, boolean response) {
        int end = headEnd(buffered);
        if (end < 0) {
            if (buffered.length > MAX_HEAD) {
                throw new MalformedPacketException("head", "HTTP head is longer than " + MAX_HEAD
                        + " bytes without an empty line ending it");
            }
            return NEED_MORE;
        }
        Head head = parseHead(buffered, response ? "status line" : "request line");
        if (head.headers.contains("Transfer-Encoding")) {
            throw new MalformedPacketException("Transfer-Encoding", "Transfer-Encoding \""
                    + head.headers.get("Transfer-Encoding").orElseThrow() + "\" is not supported by the sandbox: send the "
                    + "body with a Content-Length header instead");
        }
        var length = head.headers.contentLength();
        if (length.isEmpty()) {
            return response && !noBody(head.startLine) ? UNTIL_CLOSE : head.bodyStart;
        }
        long total = head.bodyStart + length.getAsLong();
        if (total > Integer.MAX_VALUE) {
            throw new MalformedPacketException("Content-Length", "Content-Length " + length.getAsLong()
                    + " is larger than the sandbox can hold");
        }
        return buffered.length >= total ? (int) total : NEED_MORE;
    }

    /** Responses 1xx, 204 and 304 never have a body (RFC 9112 §6.3, rule 1). */
    private static boolean noBody(String statusLine) {
        String[] parts = statusLine.split(" ", 3);
        return parts.length >= 2 && (parts[1].startsWith("1") || parts[1].equals("204") || parts[1].equals("304"));
    }

    /** Index just after the empty line ending the head, or -1. */
    static int headEnd(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\n') {
                if (i + 1 < b.length && b[i + 1] == '\n') {
                    return i + 2;
                }
                if (i + 2 < b.length && b[i + 1] == '\r' && b[i + 2] == '\n') {
                    return i + 3;
                }
            }
        }
        return -1;
    }

    /** Splits the head of {@code b} into start line and header fields. */
    static Head parseHead(byte[] b, String startLineName) {
        int end = headEnd(b);
        if (end < 0) {
            throw new MalformedPacketException("head", "HTTP message has no empty line after its headers: the head "
                    + "must end with CRLF CRLF (\\r\\n\\r\\n)");
        }
        String head = new String(b, 0, end, StandardCharsets.ISO_8859_1);
        String[] lines = head.split("\r?\n", -1);
        if (lines[0].isEmpty()) {
            throw new MalformedPacketException(startLineName, "HTTP message starts with an empty line instead of a "
                    + startLineName);
        }
        List<HttpHeaders.Field> fields = new ArrayList<>();
        for (int i = 1; i < lines.length - 2; i++) {
            fields.add(parseField(lines[i]));
        }
        return new Head(lines[0], HttpHeaders.of(fields), end);
    }

    private static HttpHeaders.Field parseField(String line) {
        if (line.startsWith(" ") || line.startsWith("\t")) {
            throw new MalformedPacketException("header", "header line \"" + line + "\" starts with whitespace: folding a "
                    + "header over several lines is obsolete (RFC 9112 §5.2); put it on one line");
        }
        int colon = line.indexOf(':');
        if (colon < 0) {
            throw new MalformedPacketException("header", "header line \"" + line + "\" has no colon: write it as "
                    + "\"Name: value\"");
        }
        String name = line.substring(0, colon);
        if (!name.isEmpty() && (name.endsWith(" ") || name.endsWith("\t"))) {
            throw new MalformedPacketException("header", "header line \"" + line + "\" has whitespace before the colon, "
                    + "which RFC 9112 §5.1 forbids: write \"" + name.strip() + ":\"");
        }
        try {
            return new HttpHeaders.Field(name, line.substring(colon + 1).strip());
        } catch (IllegalArgumentException e) {
            throw new MalformedPacketException("header", "header line \"" + line + "\" is invalid: " + e.getMessage());
        }
    }

    /** Checks an HTTP version such as HTTP/1.1 in a start line. */
    static void checkVersion(String version, String line, String field) {
        if (!version.matches("HTTP/1\\.[01]")) {
            String why = version.matches("HTTP/[2-9](\\.[0-9])?") ? "HTTP/2 and later are binary protocols, not this text format"
                    : "it must be written HTTP/1.1 (or HTTP/1.0), in capitals";
            throw new MalformedPacketException(field, field + " \"" + line + "\" has version \"" + version + "\": " + why);
        }
    }

    /** A token (RFC 9110 §5.6.2): letters, digits and !#$%&'*+-.^_`|~. */
    static boolean isToken(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c < 0x7f && (Character.isLetterOrDigit(c) || "!#$%&'*+-.^_`|~"
                .indexOf(c) >= 0));
    }

    static void checkFieldName(String name) {
        if (name == null || !isToken(name)) {
            throw new IllegalArgumentException("header name \"" + name + "\" must be a token: letters, digits and "
                    + "!#$%&'*+-.^_`|~, no spaces");
        }
    }

    static void checkFieldValue(String name, String value) {
        if (value == null || value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0 || c > 0xff)) {
            throw new IllegalArgumentException("the value of header " + name + " must be one line of Latin-1 text");
        }
    }

    /** Writes start line, headers, empty line and body. */
    static byte[] write(String startLine, HttpHeaders headers, byte[] body) {
        StringBuilder s = new StringBuilder(startLine).append("\r\n");
        headers.fields().forEach(f -> s.append(f.name()).append(": ").append(f.value()).append("\r\n"));
        s.append("\r\n");
        byte[] head = s.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = java.util.Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    /** The body of a complete message whose head ends at {@code bodyStart}, checked against Content-Length. */
    static byte[] body(byte[] b, Head head, boolean untilCloseAllowed) {
        var length = head.headers.contentLength();
        int available = b.length - head.bodyStart;
        if (length.isEmpty()) {
            if (available > 0 && !untilCloseAllowed) {
                throw new MalformedPacketException("Content-Length", available + " bytes follow the head but there is no "
                        + "Content-Length header saying how long the body is");
            }
            return java.util.Arrays.copyOfRange(b, head.bodyStart, b.length);
        }
        if (length.getAsLong() != available) {
            throw new MalformedPacketException("Content-Length", "Content-Length is " + length.getAsLong() + " but "
                    + available + " bytes of body " + (available < length.getAsLong() ? "arrived: the body is incomplete"
                    : "follow: the extra bytes would be read as the next message"));
        }
        return java.util.Arrays.copyOfRange(b, head.bodyStart, b.length);
    }
}
