package portolan.sandbox.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class Http1Test {
    /** A curl-style request head (curl sends exactly these three headers by default). */
    static final String CURL_GET = "GET /index.html HTTP/1.1\r\nHost: opentutorials.org:8080\r\n"
            + "User-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\n";
    static final String RESPONSE = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: 13\r\n"
            + "\r\n<h1>hi!</h1>\n";

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void parsesARequestHead() {
        HttpRequest r = HttpRequest.parse(ascii(CURL_GET));
        assertEquals("GET", r.method());
        assertEquals("/index.html", r.target());
        assertEquals("HTTP/1.1", r.version());
        assertEquals("opentutorials.org:8080", r.headers().get("host").orElseThrow(), "names match in any case");
        assertEquals(List.of("Host", "User-Agent", "Accept"), r.headers().fields().stream()
                .map(HttpHeaders.Field::name).toList(), "order and spelling kept");
        assertEquals(0, r.body().length);
        assertEquals("HTTP GET /index.html HTTP/1.1 Host opentutorials.org:8080", r.toString());
        assertArrayEquals(ascii(CURL_GET), r.toBytes());
    }

    @Test
    void buildsRequests() {
        HttpRequest get = HttpRequest.get("/", "example.com");
        assertEquals("GET / HTTP/1.1\r\nHost: example.com\r\n\r\n", new String(get.toBytes(), StandardCharsets.US_ASCII));
        HttpRequest post = new HttpRequest("POST", "/login", "HTTP/1.1", HttpHeaders.of("Host", "example.com"),
                new byte[0]).withBody("application/x-www-form-urlencoded", ascii("id=kim&pw=1234"));
        HttpRequest back = HttpRequest.parse(post.toBytes());
        assertEquals(post, back);
        assertEquals("id=kim&pw=1234", back.bodyText());
        assertEquals("14", back.headers().get("content-length").orElseThrow());
    }

    @Test
    void parsesAndBuildsAResponse() {
        HttpResponse r = HttpResponse.parse(ascii(RESPONSE));
        assertEquals(200, r.status());
        assertEquals("OK", r.reason());
        assertEquals("<h1>hi!</h1>\n", r.bodyText());
        assertEquals("HTTP/1.1 200 OK text/html; charset=utf-8 13 bytes", r.toString());
        HttpResponse built = HttpResponse.of(200, "text/html; charset=utf-8", ascii("<h1>hi!</h1>\n"));
        assertArrayEquals(ascii(RESPONSE), built.toBytes());
        assertEquals("Not Found", HttpResponse.text(404, "no such page").reason());
    }

    @Test
    void responseWithoutContentLengthReadsToTheEnd() {
        HttpResponse r = HttpResponse.parse(ascii("HTTP/1.0 200 OK\r\n\r\nall of it"));
        assertEquals("all of it", r.bodyText());
        HttpResponse noReason = HttpResponse.parse(ascii("HTTP/1.1 299 \r\nContent-Length: 0\r\n\r\n"));
        assertEquals("", noReason.reason());
        assertArrayEquals(ascii("HTTP/1.1 299 \r\nContent-Length: 0\r\n\r\n"), noReason.toBytes());
    }

    @Test
    void bareLineFeedsAreAccepted() {
        HttpRequest r = HttpRequest.parse(ascii("GET / HTTP/1.1\nHost: a\n\n"));
        assertEquals("a", r.headers().get("Host").orElseThrow());
    }

    @Test
    void messageLengthCutsMessagesFromAStream() {
        byte[] two = ascii(RESPONSE + RESPONSE);
        int first = Http1.messageLength(two, true);
        assertEquals(RESPONSE.length(), first);
        assertEquals(Http1.NEED_MORE, Http1.messageLength(Arrays.copyOf(two, 20), true), "head incomplete");
        assertEquals(Http1.NEED_MORE, Http1.messageLength(Arrays.copyOf(two, RESPONSE.length() - 1), true),
                "body incomplete");
        assertEquals(CURL_GET.length(), Http1.messageLength(ascii(CURL_GET + "GET /next"), false));
        assertEquals(Http1.UNTIL_CLOSE, Http1.messageLength(ascii("HTTP/1.0 200 OK\r\n\r\nsome"), true));
        assertEquals(33, Http1.messageLength(ascii("HTTP/1.1 204 No Content\r\nA: b\r\n\r\nX"), true),
                "204 never has a body");
        assertTrue(Hex.malformed("Transfer-Encoding", () -> Http1.messageLength(ascii(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"), true)).contains("Content-Length header instead"));
        assertTrue(Hex.malformed("head", () -> Http1.messageLength(new byte[Http1.MAX_HEAD + 1], false))
                .contains("longer than"));
    }

    @Test
    void headerLookupAndEditing() {
        HttpHeaders h = HttpHeaders.of("Set-Cookie", "a=1", "Host", "x", "set-cookie", "b=2");
        assertEquals(List.of("a=1", "b=2"), h.all("SET-COOKIE"));
        HttpHeaders replaced = h.set("Set-Cookie", "c=3");
        assertEquals("Set-Cookie: c=3; Host: x", replaced.toString());
        assertEquals("Set-Cookie: a=1; Host: x; set-cookie: b=2; Accept: */*", h.with("Accept", "*/*").toString());
        assertThrows(IllegalArgumentException.class, () -> HttpHeaders.of("Bad Name", "x"));
        assertThrows(IllegalArgumentException.class, () -> HttpHeaders.of("X", "two\r\nlines"));
        assertThrows(IllegalArgumentException.class, () -> HttpHeaders.of("odd"));
    }

    @Test
    void badRequestLinesAreQuoted() {
        assertEquals("request line \"GET /index.html\" must be three parts separated by single spaces: method, target "
                + "and version, e.g. \"GET /index.html HTTP/1.1\"",
                Hex.malformed("request line", () -> HttpRequest.parse(ascii("GET /index.html\r\n\r\n"))));
        assertTrue(Hex.malformed("request line", () -> HttpRequest.parse(ascii("GET  / HTTP/1.1\r\n\r\n")))
                .contains("single spaces"));
        assertTrue(Hex.malformed("request line", () -> HttpRequest.parse(ascii("GET / http/1.1\r\n\r\n")))
                .contains("in capitals"));
        assertTrue(Hex.malformed("request line", () -> HttpRequest.parse(ascii("GET / HTTP/2.0\r\n\r\n")))
                .contains("binary protocols"));
        assertTrue(Hex.malformed("request line", () -> HttpRequest.parse(ascii("G(T / HTTP/1.1\r\n\r\n")))
                .contains("method \"G(T\""));
        Hex.malformed("request line", () -> HttpRequest.parse(ascii("\r\nGET / HTTP/1.1\r\n\r\n")));
        Hex.malformed("head", () -> HttpRequest.parse(ascii("GET / HTTP/1.1\r\nHost: a\r\n")));
    }

    @Test
    void badHeadersAreQuoted() {
        assertEquals("header line \"Host example.com\" has no colon: write it as \"Name: value\"",
                Hex.malformed("header", () -> HttpRequest.parse(ascii("GET / HTTP/1.1\r\nHost example.com\r\n\r\n"))));
        assertTrue(Hex.malformed("header", () -> HttpRequest.parse(ascii("GET / HTTP/1.1\r\nHost : a\r\n\r\n")))
                .contains("whitespace before the colon"));
        assertTrue(Hex.malformed("header", () -> HttpRequest.parse(ascii("GET / HTTP/1.1\r\nA: b\r\n  c\r\n\r\n")))
                .contains("folding"));
        assertTrue(Hex.malformed("header", () -> HttpRequest.parse(ascii("GET / HTTP/1.1\r\n: b\r\n\r\n")))
                .contains("must be a token"));
    }

    @Test
    void badBodiesAndStatusLines() {
        assertTrue(Hex.malformed("Content-Length", () -> HttpRequest.parse(ascii(
                "POST / HTTP/1.1\r\nContent-Length: ten\r\n\r\n"))).contains("\"ten\""));
        assertTrue(Hex.malformed("Content-Length", () -> HttpRequest.parse(ascii(
                "POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nabc"))).contains("body is incomplete"));
        assertTrue(Hex.malformed("Content-Length", () -> HttpRequest.parse(ascii(
                "POST / HTTP/1.1\r\nContent-Length: 1\r\n\r\nabc"))).contains("next message"));
        assertTrue(Hex.malformed("Content-Length", () -> HttpRequest.parse(ascii(
                "POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab"))).contains("ambiguous"));
        assertTrue(Hex.malformed("Content-Length", () -> HttpRequest.parse(ascii("POST / HTTP/1.1\r\n\r\nabc")))
                .contains("no Content-Length"));
        assertTrue(Hex.malformed("status line", () -> HttpResponse.parse(ascii("HTTP/1.1 OK\r\n\r\n")))
                .contains("status \"OK\""));
        Hex.malformed("status line", () -> HttpResponse.parse(ascii("HTTP/1.1\r\n\r\n")));
    }
}
