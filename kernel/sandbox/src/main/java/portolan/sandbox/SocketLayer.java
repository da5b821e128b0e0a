package portolan.sandbox;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import portolan.sandbox.stack.IpLayer;
import portolan.sandbox.stack.TcpConnection;
import portolan.sandbox.stack.TcpStack;
import portolan.sandbox.stack.UdpEndpoint;
import portolan.sandbox.stack.UdpStack;
import portolan.sandbox.wire.Ipv4Address;

/**
 * A SocketLayer is the socket side of one host's operating system: its TCP and UDP stacks, its
 * descriptor table, its process privileges, the BSD calls ({@link #sys()}) and the java.net-style
 * socket factories. A {@code Host} owns one and registers {@link #tcp()} and {@link #udp()} with
 * its IP layer; tests build one over a fake IP layer.
 */
public final class SocketLayer {
    private final IpLayer ip;
    private final TcpStack tcp;
    private final UdpStack udp;
    private final DescriptorTable descriptors;
    private final Privileges privileges;
    private final Sys sys;

    public SocketLayer(IpLayer ip) {
        this.ip = ip;
        this.tcp = new TcpStack(ip);
        this.udp = new UdpStack(ip);
        this.descriptors = new DescriptorTable(ip.hostName());
        this.privileges = new Privileges(ip.simulator(), ip.hostName());
        this.sys = new Sys(this);
    }

    public String hostName() {
        return ip.hostName();
    }

    public TcpStack tcp() {
        return tcp;
    }

    public UdpStack udp() {
        return udp;
    }

    public Privileges privileges() {
        return privileges;
    }

    public DescriptorTable descriptors() {
        return descriptors;
    }

    /** The BSD-style system calls. */
    public Sys sys() {
        return sys;
    }

    /** A listening TCP socket on 0.0.0.0:{@code port} with backlog 50 (java.net.ServerSocket's default). */
    public TcpServerSocket serverSocket(int port) throws IOException {
        return serverSocket(Ipv4Address.ANY, port, TcpServerSocket.DEFAULT_BACKLOG);
    }

    /** A listening TCP socket on {@code address:port}; 127.0.0.1 accepts only connections from this host. */
    public TcpServerSocket serverSocket(Ipv4Address address, int port, int backlog) throws IOException {
        TcpServerSocket s = new TcpServerSocket(this);
        try {
            s.bind(address, port, backlog);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    /** An unbound server socket, to set options (e.g. reuse address) before {@link TcpServerSocket#bind}. */
    public TcpServerSocket serverSocket() {
        return new TcpServerSocket(this);
    }

    /** Connects to {@code address:port} and returns the connected socket. */
    public TcpSocket connect(Ipv4Address address, int port) throws IOException {
        TcpSocket s = new TcpSocket(this);
        try {
            s.connect(address, port);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    /** An unconnected TCP socket, to set options before {@link TcpSocket#connect}. */
    public TcpSocket tcpSocket() {
        return new TcpSocket(this);
    }

    /** A UDP socket bound to 0.0.0.0:{@code port} (0: any free port). */
    public UdpSocket udpSocket(int port) throws IOException {
        return new UdpSocket(this, Ipv4Address.ANY, port);
    }

    /** Every socket of the host, like {@code netstat -anp}. */
    public Netstat netstat() {
        List<Netstat.Row> rows = new ArrayList<>();
        for (TcpConnection c : tcp.sockets()) {
            DescriptorTable.Entry e = descriptors.of(c);
            rows.add(new Netstat.Row("TCP", String.valueOf(c.local()), c.remote() == null ? "-" : c.remote().toString(),
                    c.state().toString(), e == null ? "-" : String.valueOf(e.fd()), e == null ? "-" : e.process()));
        }
        for (UdpEndpoint u : udp.sockets()) {
            DescriptorTable.Entry e = descriptors.of(u);
            rows.add(new Netstat.Row("UDP", u.local().toString(), "-", "-", e == null ? "-" : String.valueOf(e.fd()),
                    e == null ? "-" : e.process()));
        }
        return new Netstat(hostName(), rows);
    }

    @Override
    public String toString() {
        return "SocketLayer[host " + hostName() + "]";
    }
}
