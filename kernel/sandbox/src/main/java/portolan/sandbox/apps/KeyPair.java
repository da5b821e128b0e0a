package portolan.sandbox.apps;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A KeyPair is a cloud login key: the cloud keeps the instance side ({@link #fingerprint()}
 * names it), the user downloads the private key as a {@link KeyFile}. Login proves possession
 * with a challenge–response (see {@link Ssh}).
 *
 * <p>Choice: the key is 32 bytes from the simulation's seeded random stream and the proof is an
 * HMAC-SHA256 of the server's challenge. That is deterministic (same seed, same bytes) and uses
 * only the JDK's {@code javax.crypto.Mac}; real SSH uses a public-key signature (Ed25519/RSA),
 * where the server holds only the public half — here the cloud holds the secret, which the
 * sandbox accepts to keep runs reproducible without a seeded key-pair generator.
 */
public final class KeyPair {
    private final String name;
    private final byte[] secret;

    KeyPair(String name, byte[] secret) {
        this.name = name;
        this.secret = secret.clone();
    }

    public String name() {
        return name;
    }

    byte[] secret() {
        return secret.clone();
    }

    /** SHA256 fingerprint, as {@code ssh-keygen -l} prints it (hex here). */
    public String fingerprint() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(secret);
            return "SHA256:" + HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    /** The private key file "{name}.pem" as downloaded: owned by {@code owner}, mode 0644 like a browser saves it. */
    public KeyFile download(String owner) {
        return new KeyFile(name + ".pem", owner, 0644, this);
    }

    @Override
    public String toString() {
        return "key pair " + name + " " + fingerprint();
    }
}
