package portolan.sandbox.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UrlTest {
    @Test
    void colonStartsAPort() {
        Url url = Url.parse("http://opentutorials.org:8080");
        assertEquals("opentutorials.org", url.host());
        assertEquals(8080, url.port());
        assertEquals(8080, url.effectivePort());
        assertEquals("/", url.requestTarget());
        assertEquals("opentutorials.org:8080", url.hostHeader());
    }

    @Test
    void aDotDoesNotStartAPort() {
        Url url = Url.parse("http://opentutorials.org.8080");
        assertEquals("opentutorials.org.8080", url.host());
        assertEquals(-1, url.port());
        assertEquals(80, url.effectivePort());
        assertEquals(Url.HostType.NAME, url.hostType());
        assertTrue(url.explain().contains("only ':' starts a port, so it is part of the name"), url.explain());
    }

    @Test
    void allParts() {
        Url url = Url.parse("HTTPS://kim:secret@Example.COM:8443/a/b%20c.html?q=1&r=2#top");
        assertEquals("https", url.scheme());
        assertEquals("kim:secret", url.userInfo());
        assertEquals("example.com", url.host());
        assertEquals(8443, url.port());
        assertEquals("/a/b%20c.html", url.path());
        assertEquals("q=1&r=2", url.query());
        assertEquals("top", url.fragment());
        assertEquals("/a/b%20c.html?q=1&r=2", url.requestTarget());
        assertEquals("https://kim:secret@example.com:8443/a/b%20c.html?q=1&r=2#top", url.toString());
    }

    @Test
    void defaultPorts() {
        assertEquals(80, Url.parse("http://a").effectivePort());
        assertEquals(443, Url.parse("https://a/").effectivePort());
        assertEquals(22, Url.parse("ssh://git@github.com").effectivePort());
        assertEquals(21, Url.parse("ftp://files.example.com/pub").effectivePort());
        assertEquals(-1, Url.parse("http://a:/").port(), "an empty port means the default (RFC 3986 §3.2.3)");
        assertTrue(assertThrows(IllegalStateException.class, () -> Url.parse("gopher://a").effectivePort())
                .getMessage().contains("no default port"));
    }

    @Test
    void hostKinds() {
        Url v4 = Url.parse("http://192.168.0.1:8000/");
        assertEquals(Url.HostType.IPV4, v4.hostType());
        assertEquals(8000, v4.port());
        Url v6 = Url.parse("http://[2001:db8::1]:8080/x");
        assertEquals("[2001:db8::1]", v6.host());
        assertEquals(Url.HostType.IPV6, v6.hostType());
        assertEquals(8080, v6.port());
        assertEquals(-1, Url.parse("http://[::1]/").port());
        assertTrue(v6.explain().contains("brackets"));
    }

    @Test
    void explainsEachPart() {
        assertEquals("""
                scheme 'http': the protocol to speak (HTTP).
                host 'example.com': a name that DNS turns into an IP address.
                port 8080: written after ':', so the client connects to port 8080 instead of http's default 80.
                path '/index.html': which resource on the server.
                query 'q=1': parameters for the resource, after '?'.
                fragment 'top': a place inside the page; the browser keeps it and never sends it to the server.""",
                Url.parse("http://example.com:8080/index.html?q=1#top").explain());
        assertEquals("""
                scheme 'http': the protocol to speak (HTTP).
                host '10.0.0.1': an IPv4 address, used as is without DNS.
                port: none written, so http's default port 80 is used.
                path '/': which resource on the server (none written, so the root '/').""",
                Url.parse("http://10.0.0.1").explain());
    }

    @Test
    void clearErrors() {
        assertEquals("'http://example.com:99999/' is not a valid URL: port 99999 is out of range 0–65535",
                message("http://example.com:99999/"));
        assertEquals("'example.com/index.html' is not a valid URL: missing scheme: start with the protocol, e.g. "
                + "http://example.com/index.html", message("example.com/index.html"));
        assertTrue(message("localhost:8080").contains("missing scheme"));
        assertTrue(message("http://example.com/my page.html").contains("contains a space at position 22"));
        assertTrue(message(" http://example.com").contains("space at position 1"));
        assertTrue(message("http://").contains("missing host"));
        assertTrue(message("http://example.com:80a").contains("the port '80a' must be a number"));
        assertTrue(message("http://[::1:80/").contains("no closing ']'"));
        assertTrue(message("http://[zz]/").contains("is not an IPv6 address"));
        assertTrue(message("http://256.1.1.1/").contains("256 is larger than 255"));
        assertTrue(message("http://exa_mple.com|x/").contains("'|'"));
        assertTrue(message("http://a/%zz").contains("two hex digits"));
        assertTrue(message("1http://a").contains("scheme '1http'"));
        assertTrue(message("").contains("empty"));
        assertTrue(message("http://a/한글").contains("percent-encode"));
    }

    @Test
    void noQueryOrFragmentIsNull() {
        Url url = Url.parse("http://a/b");
        assertNull(url.query());
        assertNull(url.fragment());
        assertNull(url.userInfo());
        assertEquals("", Url.parse("http://a?x").path());
        assertEquals("/?x", Url.parse("http://a?x").requestTarget());
    }

    private static String message(String url) {
        return assertThrows(IllegalArgumentException.class, () -> Url.parse(url)).getMessage();
    }
}
