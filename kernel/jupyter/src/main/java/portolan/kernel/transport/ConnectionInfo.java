package portolan.kernel.transport;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The parsed Jupyter connection file: transport ({@code tcp} or {@code ipc}), ip, the five
 * ports, the HMAC key and signature scheme. Unknown fields (such as {@code kernel_name}) are
 * ignored, as the spec asks.
 */
public record ConnectionInfo(String transport, String ip, int shellPort, int iopubPort, int stdinPort,
                             int controlPort, int hbPort, String key, String signatureScheme) {

    public ConnectionInfo {
        if (!transport.equals("tcp") && !transport.equals("ipc")) {
            throw new IllegalArgumentException("transport must be \"tcp\" or \"ipc\", got \"" + transport + "\"");
        }
        if (transport.equals("ipc")) {
            // Each port names a socket file; 0 would not pick one, and a shared one would be taken twice.
            List<Integer> ports = List.of(shellPort, iopubPort, stdinPort, controlPort, hbPort);
            if (ports.contains(0) || Set.copyOf(ports).size() != ports.size()) {
                throw new IllegalArgumentException("with transport \"ipc\" every channel needs a port of its own, "
                        + "1 or more (its socket file is ip-port); got shell " + shellPort + ", iopub " + iopubPort
                        + ", stdin " + stdinPort + ", control " + controlPort + ", hb " + hbPort);
            }
        }
    }

    /** Reads a connection file; the message of the exception names the file and the problem. */
    public static ConnectionInfo read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IOException("cannot read the connection file " + file + ": " + e, e);
        }
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new IOException("bad connection file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses the JSON text of a connection file. */
    public static ConnectionInfo parse(String json) {
        JsonObject o;
        try {
            JsonElement element = JsonParser.parseString(json);
            if (!element.isJsonObject()) {
                throw new IllegalArgumentException("expected a JSON object, got: " + element);
            }
            o = element.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("not valid JSON (" + e.getMessage() + ")", e);
        }
        return new ConnectionInfo(string(o, "transport", "tcp"), string(o, "ip", "127.0.0.1"),
                port(o, "shell_port"), port(o, "iopub_port"), port(o, "stdin_port"), port(o, "control_port"),
                port(o, "hb_port"), string(o, "key", ""), string(o, "signature_scheme", "hmac-sha256"));
    }

    /** The ZeroMQ endpoint for {@code port}: {@code tcp://ip:port}, or {@code ipc://ip-port} (dash, not colon). */
    public String address(int port) {
        return transport.equals("ipc") ? "ipc://" + ip + "-" + port : "tcp://" + ip + ":" + port;
    }

    /** For the ipc transport, the Unix domain socket file of {@code port}: {@code ip-port}. */
    public Path socketFile(int port) {
        return Path.of(ip + "-" + port);
    }

    private static String string(JsonObject o, String name, String fallback) {
        JsonElement value = o.get(name);
        if (value == null || value.isJsonNull()) {
            return fallback;
        }
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
            throw new IllegalArgumentException("\"" + name + "\" must be a string, got " + value);
        }
        return value.getAsString();
    }

    private static int port(JsonObject o, String name) {
        JsonElement value = o.get(name);
        if (value == null || value.isJsonNull()) {
            throw new IllegalArgumentException("\"" + name + "\" is missing; a connection file names all five ports");
        }
        try {
            int port = value.getAsInt();
            if (port < 0 || port > 65535 || value.getAsDouble() != port) {
                throw new IllegalArgumentException("\"" + name + "\" must be a port number 0..65535, got " + value);
            }
            return port;
        } catch (NumberFormatException | UnsupportedOperationException | IllegalStateException e) {
            throw new IllegalArgumentException("\"" + name + "\" must be a port number, got " + value, e);
        }
    }
}
