package portolan.kernel.protocol;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The message authenticator of the connection file: an HMAC (the {@code signature_scheme},
 * {@code hmac-sha256} by default) keyed with {@code key}, over the header, parent header,
 * metadata and content frames, written as lowercase hex. An empty key means messages are
 * not signed: the signature frame is empty and nothing is verified.
 */
public final class Signer {

    private final Mac prototype;

    private Signer(Mac prototype) {
        this.prototype = prototype;
    }

    /**
     * Loads Java's cryptography providers on a thread of its own (the first {@code Mac} of a
     * JVM costs 50–100 ms of reading security policy and provider lists), so that a kernel
     * starting up does it while it sets up logging and its sockets.
     */
    public static void prepareInBackground() {
        Thread t = new Thread(() -> {
            try {
                Mac.getInstance("HmacSHA256");
            } catch (GeneralSecurityException | RuntimeException e) {
                // of() will report it, with the scheme the connection file asks for.
            }
        }, "portolan-crypto-load");
        t.setDaemon(true);
        t.start();
    }

    /** A signer that does not sign (empty key). */
    public static Signer unsigned() {
        return new Signer(null);
    }

    /**
     * @param scheme a Jupyter scheme name such as {@code hmac-sha256}
     * @param key    the key exactly as written in the connection file (UTF-8)
     */
    public static Signer of(String scheme, String key) {
        if (key == null || key.isEmpty()) {
            return unsigned();
        }
        String algorithm = algorithm(scheme == null || scheme.isEmpty() ? "hmac-sha256" : scheme);
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            return new Signer(mac);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("signature_scheme " + scheme + " is not available in this JDK ("
                    + e.getMessage() + "); use hmac-sha256", e);
        }
    }

    private static String algorithm(String scheme) {
        String lower = scheme.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("hmac-")) {
            throw new IllegalArgumentException("signature_scheme must look like hmac-sha256, got '" + scheme + "'");
        }
        // hmac-sha256 -> HmacSHA256 (JCA standard names).
        return "Hmac" + lower.substring("hmac-".length()).toUpperCase(Locale.ROOT);
    }

    public boolean signs() {
        return prototype != null;
    }

    /** The lowercase hex HMAC of the frames, or {@code ""} when unsigned. */
    public String sign(List<byte[]> frames) {
        if (prototype == null) {
            return "";
        }
        Mac mac = newMac();
        for (byte[] frame : frames) {
            mac.update(frame);
        }
        return HexFormat.of().formatHex(mac.doFinal());
    }

    /** Whether {@code signature} matches the frames; constant-time. Always true when unsigned. */
    public boolean verify(byte[] signature, List<byte[]> frames) {
        if (prototype == null) {
            return true;
        }
        byte[] expected = sign(frames).getBytes(StandardCharsets.US_ASCII);
        // Exact lowercase hex, like jupyter_client's compare_digest check.
        return MessageDigest.isEqual(expected, signature);
    }

    private Mac newMac() {
        try {
            // Mac instances are not thread-safe; a clone of the initialised prototype is cheap.
            synchronized (prototype) {
                return (Mac) prototype.clone();
            }
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's " + prototype.getAlgorithm() + " cannot be cloned", e);
        }
    }
}
