package portolan.sandbox.wire;

import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * A Url is a parsed absolute URL with an authority (RFC 3986 §3):
 * {@code scheme://userinfo@host:port/path?query#fragment}.
 *
 * <p>Only a colon separates host and port: {@code http://opentutorials.org:8080} is host
 * {@code opentutorials.org} on port 8080, while {@code http://opentutorials.org.8080} is the
 * host name {@code opentutorials.org.8080} on the default port 80, because dots belong to
 * host names (RFC 3986 §3.2.2). {@link #explain()} spells that out for each part.
 *
 * <p>The scheme and host are case-insensitive and kept in lowercase. A host of four dot
 * separated numbers must be a valid IPv4 address; an IPv6 literal is written in brackets.
 * Bad input raises {@link IllegalArgumentException} saying what to change: this is text a
 * person typed, not bytes from the network.
 *
 * @param userInfo the part before '@' in the authority, or null
 * @param port the port written in the URL, or -1 when none was written
 * @param path "" or starting with '/'
 * @param query the text after '?', or null when there is no '?'
 * @param fragment the text after '#', or null when there is no '#'
 */
public record Url(String scheme, String userInfo, String host, int port, String path, String query, String fragment) {
    /** Default ports of the schemes the notes use (IANA service names). */
    private static final Map<String, Integer> DEFAULT_PORTS = new TreeMap<>(Map.of("http", 80, "https", 443, "ssh", 22,
            "ftp", 21, "ws", 80, "wss", 443));
    private static final String SUB_DELIMS = "!$&'()*+,;=";
    private static final String UNRESERVED_MARKS = "-._~";

    /** What kind of host a URL names. */
    public enum HostType { NAME, IPV4, IPV6 }

    /**
     * Parses a URL such as {@code http://example.com:8080/index.html?q=1#top}.
     *
     * @throws IllegalArgumentException saying what is wrong, e.g. "port 99999 is out of range 0–65535"
     */
    public static Url parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("the URL is empty: write one like http://example.com/");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t') {
                throw new IllegalArgumentException(bad(text, "it contains a space at position " + (i + 1)
                        + "; URLs cannot contain spaces (write %20 inside a path, or remove it)"));
            }
            if (c < 0x21 || c > 0x7e || "<>\"{}|\\^`".indexOf(c) >= 0) {
                throw new IllegalArgumentException(bad(text, "the character '" + c + "' at position " + (i + 1)
                        + " is not allowed in a URL; percent-encode it (e.g. %7C for |)"));
            }
        }
        int colon = text.indexOf(':');
        if (colon <= 0 || !text.startsWith("//", colon + 1)) {
            throw new IllegalArgumentException(bad(text, "missing scheme: start with the protocol, e.g. http://"
                    + (colon == 0 ? text.substring(1) : text)));
        }
        String scheme = text.substring(0, colon);
        if (!scheme.matches("[A-Za-z][A-Za-z0-9+.-]*")) {
            throw new IllegalArgumentException(bad(text, "the scheme '" + scheme + "' must start with a letter and "
                    + "contain only letters, digits, '+', '-' or '.'"));
        }
        String rest = text.substring(colon + 3);
        int authorityEnd = firstOf(rest, "/?#");
        String authority = rest.substring(0, authorityEnd);
        rest = rest.substring(authorityEnd);
        String fragment = null;
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            fragment = checkPart(text, "fragment", rest.substring(hash + 1), "/?");
            rest = rest.substring(0, hash);
        }
        String query = null;
        int question = rest.indexOf('?');
        if (question >= 0) {
            query = checkPart(text, "query", rest.substring(question + 1), "/?");
            rest = rest.substring(0, question);
        }
        String path = checkPart(text, "path", rest, "/:@");
        String userInfo = null;
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            userInfo = checkPart(text, "user information", authority.substring(0, at), ":");
            authority = authority.substring(at + 1);
        }
        String hostPart = authority;
        String portText = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException(bad(text, "the IPv6 address after '[' has no closing ']'"));
            }
            hostPart = authority.substring(0, close + 1);
            String after = authority.substring(close + 1);
            if (!after.isEmpty() && !after.startsWith(":")) {
                throw new IllegalArgumentException(bad(text, "after the IPv6 address ']' only ':port' may follow, not '"
                        + after + "'"));
            }
            portText = after.isEmpty() ? null : after.substring(1);
        } else if (authority.indexOf(':') >= 0) {
            hostPart = authority.substring(0, authority.indexOf(':'));
            portText = authority.substring(authority.indexOf(':') + 1);
        }
        String host = checkHost(text, hostPart.toLowerCase(Locale.ROOT));
        return new Url(scheme.toLowerCase(Locale.ROOT), userInfo, host, parsePort(text, portText), path, query, fragment);
    }

    public Url {
        if (scheme == null || host == null || path == null) {
            throw new IllegalArgumentException("a URL needs a scheme, a host and a path (which may be empty)");
        }
        Bytes.requireRange("the port (-1 for none)", port, -1, 65535);
    }

    private static int parsePort(String text, String port) {
        if (port == null || port.isEmpty()) {
            return -1; // RFC 3986 §3.2.3: an empty port means the scheme's default
        }
        if (!port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException(bad(text, "the port '" + port + "' must be a number"
                    + (port.contains(":") ? " (only one ':' may separate host and port)" : "")));
        }
        if (port.length() > 5 || Integer.parseInt(port) > 65535) {
            throw new IllegalArgumentException(bad(text, "port " + port + " is out of range 0–65535"));
        }
        return Integer.parseInt(port);
    }

    private static String checkHost(String text, String host) {
        if (host.isEmpty()) {
            throw new IllegalArgumentException(bad(text, "missing host: put the server name after //, "
                    + "e.g. http://example.com/"));
        }
        if (host.startsWith("[")) {
            String inside = host.substring(1, host.length() - 1);
            boolean ok = inside.contains(":") && inside.matches("[0-9a-f:.]+") && inside.indexOf("::") == inside
                    .lastIndexOf("::") && inside.split(":", -1).length <= 9;
            if (!ok) {
                throw new IllegalArgumentException(bad(text, "'" + inside + "' is not an IPv6 address"));
            }
            return host;
        }
        if (host.matches("[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+")) {
            Ipv4Address.parse(host);
            return host;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (!(Character.isLetterOrDigit(c) || UNRESERVED_MARKS.indexOf(c) >= 0 || SUB_DELIMS.indexOf(c) >= 0
                    || c == '%')) {
                throw new IllegalArgumentException(bad(text, "the host '" + host + "' contains '" + c
                        + "', which cannot appear in a host name"));
            }
        }
        checkPercent(text, "host", host);
        return host;
    }

    /** Checks a path, query, fragment or userinfo: unreserved, sub-delims, pct-encoded and {@code extra}. */
    private static String checkPart(String text, String part, String value, String extra) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = Character.isLetterOrDigit(c) || UNRESERVED_MARKS.indexOf(c) >= 0 || SUB_DELIMS.indexOf(c) >= 0
                    || c == '%' || c == ':' || c == '@' || extra.indexOf(c) >= 0;
            if (!ok) {
                throw new IllegalArgumentException(bad(text, "the " + part + " contains '" + c + "', which must be "
                        + "percent-encoded there"));
            }
        }
        checkPercent(text, part, value);
        return value;
    }

    private static void checkPercent(String text, String part, String value) {
        for (int i = value.indexOf('%'); i >= 0; i = value.indexOf('%', i + 1)) {
            if (i + 2 >= value.length() || !isHex(value.charAt(i + 1)) || !isHex(value.charAt(i + 2))) {
                throw new IllegalArgumentException(bad(text, "the " + part + " has a '%' not followed by two hex digits; "
                        + "write %25 for a literal percent sign"));
            }
        }
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0 && c < 0x80;
    }

    private static int firstOf(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return s.length();
    }

    private static String bad(String text, String why) {
        return "'" + text + "' is not a valid URL: " + why;
    }

    /** The scheme's default port, if the sandbox knows one. */
    public static OptionalInt defaultPort(String scheme) {
        Integer p = DEFAULT_PORTS.get(scheme.toLowerCase(Locale.ROOT));
        return p == null ? OptionalInt.empty() : OptionalInt.of(p);
    }

    /**
     * The port a client connects to: the one written, else the scheme's default.
     *
     * @throws IllegalStateException when no port was written and the scheme has no known default
     */
    public int effectivePort() {
        if (port >= 0) {
            return port;
        }
        return defaultPort(scheme).orElseThrow(() -> new IllegalStateException("the URL " + this + " names no port and "
                + "the scheme '" + scheme + "' has no default port; write one, e.g. " + scheme + "://" + host + ":8080"));
    }

    public HostType hostType() {
        if (host.startsWith("[")) {
            return HostType.IPV6;
        }
        return host.matches("[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+") ? HostType.IPV4 : HostType.NAME;
    }

    /** What an HTTP request line asks for: the path ("/" when empty) and the query. */
    public String requestTarget() {
        return (path.isEmpty() ? "/" : path) + (query == null ? "" : "?" + query);
    }

    /** The Host header value: the host, plus the port when one was written (RFC 9110 §7.2). */
    public String hostHeader() {
        return port >= 0 ? host + ":" + port : host;
    }

    /** One English sentence per part of the URL, one per line. */
    public String explain() {
        StringBuilder s = new StringBuilder();
        s.append("scheme '").append(scheme).append("': the protocol to speak").append(defaultPort(scheme).isPresent()
                ? " (" + scheme.toUpperCase(Locale.ROOT) + ")" : "").append(".\n");
        if (userInfo != null) {
            s.append("user info '").append(userInfo).append("': a user name (and password) sent to the server; avoid "
                    + "putting passwords in URLs.\n");
        }
        s.append("host '").append(host).append("': ").append(switch (hostType()) {
            case IPV4 -> "an IPv4 address, used as is without DNS";
            case IPV6 -> "an IPv6 address, written in brackets so its colons are not read as a port";
            case NAME -> "a name that DNS turns into an IP address"
                    + (host.matches(".*\\.[0-9]+") ? "; the part after the last dot is a number, but only ':' starts a "
                    + "port, so it is part of the name" : "");
        }).append(".\n");
        if (port >= 0) {
            s.append("port ").append(port).append(": written after ':', so the client connects to port ").append(port)
                    .append(defaultPort(scheme).isPresent() && defaultPort(scheme).getAsInt() != port ? " instead of "
                    + scheme + "'s default " + defaultPort(scheme).getAsInt() : "").append(".\n");
        } else {
            s.append("port: none written, so ").append(defaultPort(scheme).isPresent() ? scheme + "'s default port "
                    + defaultPort(scheme).getAsInt() + " is used" : "the scheme's default would be used, but '" + scheme
                    + "' has none the sandbox knows").append(".\n");
        }
        s.append("path '").append(requestTarget().split("\\?", 2)[0]).append("': which resource on the server")
                .append(path.isEmpty() ? " (none written, so the root '/')" : "").append(".\n");
        if (query != null) {
            s.append("query '").append(query).append("': parameters for the resource, after '?'.\n");
        }
        if (fragment != null) {
            s.append("fragment '").append(fragment).append("': a place inside the page; the browser keeps it and "
                    + "never sends it to the server.\n");
        }
        return s.toString().stripTrailing();
    }

    /** The URL in its normalized text form. */
    @Override
    public String toString() {
        return scheme + "://" + (userInfo == null ? "" : userInfo + "@") + host + (port >= 0 ? ":" + port : "") + path
                + (query == null ? "" : "?" + query) + (fragment == null ? "" : "#" + fragment);
    }
}
