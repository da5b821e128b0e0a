package portolan.sandbox.apps;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import portolan.sandbox.Host;
import portolan.sandbox.TcpServerSocket;
import portolan.sandbox.TcpSocket;
import portolan.sandbox.sim.RandomStream;

/**
 * Ssh is a miniature SSH on TCP port 22: the daemon ({@code sshd}) sends a version line and a
 * random challenge, the client answers with its user name, key name and an HMAC-SHA256 of the
 * challenge made with its private key (see {@link KeyPair} for why HMAC), and the daemon lets it
 * in only if the key is authorised for that user. Not the real SSH wire format.
 */
public final class Ssh {
    static final String VERSION = "SSH-2.0-PortolanSandbox";

    private final Host host;
    private final Map<String, KeyPair> authorized = new LinkedHashMap<>(); // "user key" -> key
    private final RandomStream challenges;
    private int logins;

    private Ssh(Host host) {
        this.host = host;
        this.challenges = host.network().simulator().random("sshd " + host.name());
    }

    /** Starts sshd (privileged) on port 22 of {@code host}. */
    static Ssh daemon(Host host) throws IOException {
        Ssh d = new Ssh(host);
        Daemon.start(host, "sshd", () -> host.serverSocket(22), d::acceptLoop);
        return d;
    }

    /** Lets {@code user} log in with {@code key} (~user/.ssh/authorized_keys). */
    void authorize(String user, KeyPair key) {
        authorized.put(user + " " + key.name(), key);
    }

    /** Successful logins so far. */
    public int logins() {
        return logins;
    }

    private void acceptLoop(TcpServerSocket ss) throws IOException {
        while (true) {
            TcpSocket s = ss.accept();
            host.spawnAsRoot("sshd-session", () -> session(s));
        }
    }

    private void session(TcpSocket s) throws IOException {
        try (s) {
            byte[] challenge = challenges.nextBytes(16);
            OutputStream out = s.getOutputStream();
            out.write((VERSION + "\r\nchallenge " + HexFormat.of().formatHex(challenge) + "\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String line = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            String[] f = line == null ? new String[0] : line.split(" ");
            KeyPair key = f.length == 3 ? authorized.get(f[0] + " " + f[1]) : null;
            boolean ok = key != null && MessageDigest.isEqual(proof(key, challenge), HexFormat.of().parseHex(f[2]));
            if (ok) {
                logins++;
            }
            out.write((ok ? "OK Welcome to " + host.name() + ", " + f[0] + "\n" : "DENIED " + (f.length == 3 ? f[0]
                    : "?") + "@" + host.name() + ": Permission denied (publickey).\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException badHex) {
            // a garbled answer: the connection just ends
        }
    }

    static byte[] proof(KeyPair key, byte[] challenge) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.secret(), "HmacSHA256"));
            return mac.doFinal(challenge);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK always has HmacSHA256", e);
        }
    }

    /**
     * {@code ssh -i keyFile user@address} from {@code client}: the welcome line on success.
     *
     * @throws IOException saying why the login failed, in OpenSSH's words where it has them
     */
    public static String login(Host client, String userAtHost, KeyFile keyFile) throws IOException {
        int at = userAtHost.indexOf('@');
        if (at <= 0 || at == userAtHost.length() - 1) {
            throw new IllegalArgumentException("write the login as user@address, e.g. \"ubuntu@3.34.0.10\", not \""
                    + userAtHost + "\"");
        }
        String user = userAtHost.substring(0, at);
        String where = userAtHost.substring(at + 1);
        String problem = keyFile.problem();
        if (problem != null) {
            throw new IOException(problem + "\n" + user + "@" + where + ": Permission denied (publickey).");
        }
        var address = client.resolve(where);
        try (TcpSocket s = client.tcpSocket()) {
            try {
                s.connect(address, 22, 10_000);
            } catch (IOException e) {
                throw new IOException("ssh: connect to host " + where + " port 22: " + e.getMessage(), e);
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            String version = in.readLine();
            String challengeLine = in.readLine();
            if (version == null || !version.startsWith("SSH-") || challengeLine == null) {
                throw new IOException("ssh: " + where + " port 22 does not speak SSH (got " + version + ")");
            }
            byte[] challenge = HexFormat.of().parseHex(challengeLine.substring("challenge ".length()));
            s.getOutputStream().write((user + " " + keyFile.key().name() + " "
                    + HexFormat.of().formatHex(proof(keyFile.key(), challenge)) + "\n").getBytes(StandardCharsets.US_ASCII));
            String answer = in.readLine();
            if (answer == null || !answer.startsWith("OK ")) {
                throw new IOException(answer == null ? user + "@" + where + ": Connection closed" : answer.substring(7));
            }
            return answer.substring(3);
        }
    }
}
