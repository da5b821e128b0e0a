package portolan.sandbox;

import java.io.IOException;
import java.net.SocketException;
import java.time.Duration;
import portolan.sandbox.stack.UdpEndpoint;
import portolan.sandbox.wire.Ipv4Address;

/**
 * A UdpSocket sends and receives single datagrams, in the style of
 * {@code java.net.DatagramSocket}: no connection, no retransmission, no ordering. Named so it
 * does not clash with java.net in a notebook.
 */
public final class UdpSocket extends DescriptorSocket {

    UdpSocket(SocketLayer layer, Ipv4Address address, int port) throws IOException {
        super(layer, layer.sys().socket(Sys.AF_INET, Sys.SOCK_DGRAM));
        try {
            layer.sys().bind(fd, address, port);
        } catch (IOException | RuntimeException e) {
            layer.sys().close(fd);
            throw e;
        }
    }

    /** Sends one datagram to {@code address:port}. */
    public void send(byte[] data, Ipv4Address address, int port) throws IOException {
        checkOpen();
        layer.udp().send(endpoint(), address, port, data);
    }

    /** Waits for the next datagram (at most the SO_TIMEOUT, else {@link java.net.SocketTimeoutException}). */
    public UdpEndpoint.Datagram receive() throws IOException {
        checkOpen();
        return layer.sys().recvFrom(fd);
    }

    /** How long receive() waits, in milliseconds of virtual time; 0 waits forever. */
    public void setSoTimeout(int millis) throws SocketException {
        if (millis < 0) {
            throw new IllegalArgumentException("timeout must not be negative, got " + millis + " ms");
        }
        layer.sys().setTimeout(fd, Duration.ofMillis(millis));
    }

    public int getLocalPort() {
        return isClosed() ? -1 : endpoint().local().port();
    }


    private UdpEndpoint endpoint() {
        try {
            return layer.sys().udp(fd, "udp").udp();
        } catch (SocketException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }




    @Override
    String what() {
        return "UDP socket " + fd;
    }

    @Override
    public String toString() {
        return "UdpSocket[host " + layer.hostName() + (isClosed() ? ", closed" : ", " + endpoint().local()) + "]";
    }
}
