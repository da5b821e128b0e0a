package portolan.kernel.jshell;

import com.google.gson.JsonObject;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;

/** The worker's end of the loopback connection to the kernel: thread-safe sends, one reader. */
final class WorkerChannel {

    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;

    WorkerChannel(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
        out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 1 << 16));
    }

    /** Sends one message; throws UncheckedIOException when the kernel has gone away. */
    void send(JsonObject message) {
        try {
            synchronized (out) {
                WorkerProtocol.write(out, message);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the kernel connection is closed", e);
        }
    }

    /** Reads the next message; null when the kernel closed the connection. Only one thread reads. */
    JsonObject receive() throws IOException {
        return WorkerProtocol.read(in);
    }
}
