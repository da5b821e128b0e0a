package portolan.sandbox.stack;

import java.nio.charset.StandardCharsets;

/**
 * A ConnectionName is a connection's name — "10.0.0.1:80 ⇄ 10.0.0.2:49152", or "0.0.0.0:80" for
 * a listener — as text for messages and as UTF-8 for the trace, each made once per pair of
 * endpoints. The trace hashes the bytes at every state change of every connection, so they are
 * written from the endpoints' digits directly rather than through the (UTF-16, because of ⇄) string.
 */
final class ConnectionName {
    static final String UNBOUND = "an unbound socket";
    private static final byte[] ARROW = " ⇄ ".getBytes(StandardCharsets.UTF_8);

    private String text;
    private Endpoint textLocal;
    private Endpoint textRemote;
    private byte[] utf8;
    private Endpoint utf8Local;
    private Endpoint utf8Remote;

    String text(Endpoint local, Endpoint remote) {
        if (local == null) {
            return UNBOUND;
        }
        if (local != textLocal || remote != textRemote) {
            text = remote == null ? local.toString() : local + " ⇄ " + remote;
            textLocal = local;
            textRemote = remote;
        }
        return text;
    }

    /** {@link #text} in UTF-8 (the caller must not modify it). */
    byte[] utf8(Endpoint local, Endpoint remote) {
        if (local == null) {
            return UNBOUND.getBytes(StandardCharsets.UTF_8);
        }
        if (local != utf8Local || remote != utf8Remote) {
            byte[] b = new byte[2 * 21 + ARROW.length];
            int n = ascii(local, b, 0);
            if (remote != null) {
                System.arraycopy(ARROW, 0, b, n, ARROW.length);
                n = ascii(remote, b, n + ARROW.length);
            }
            utf8 = java.util.Arrays.copyOf(b, n);
            utf8Local = local;
            utf8Remote = remote;
        }
        return utf8;
    }

    /** Writes {@code e} as {@link Endpoint#toString()} does ("10.0.0.1:80", at most 21 bytes) at {@code at}; returns the end. */
    private static int ascii(Endpoint e, byte[] b, int at) {
        int address = e.address().value();
        for (int shift = 24; shift >= 0; shift -= 8) {
            at = digits(address >>> shift & 0xff, b, at);
            b[at++] = (byte) (shift == 0 ? ':' : '.');
        }
        return digits(e.port(), b, at);
    }

    /** Writes {@code x} (0–65535) in decimal at {@code at}; returns the end. */
    private static int digits(int x, byte[] b, int at) {
        int length = x < 10 ? 1 : x < 100 ? 2 : x < 1000 ? 3 : x < 10000 ? 4 : 5;
        for (int i = at + length - 1; i >= at; i--) {
            b[i] = (byte) ('0' + x % 10);
            x /= 10;
        }
        return at + length;
    }
}
