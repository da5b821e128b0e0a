package portolan.sandbox;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import portolan.sandbox.stack.TcpConnection;
import portolan.sandbox.stack.UdpEndpoint;

/**
 * A DescriptorTable is a host's table of open socket descriptors: small integers handed out
 * lowest-free-first from 3 (0, 1 and 2 are stdin, stdout and stderr on Unix), each naming a
 * TCP or UDP socket and the process that opened it. Both socket faces (the BSD calls of
 * {@link Sys} and the java.net-style classes) share one table per host.
 */
public final class DescriptorTable {
    /** The first descriptor a socket gets, after stdin, stdout and stderr. */
    public static final int FIRST = 3;

    /** One open descriptor; exactly one of {@code tcp} and {@code udp} is set (udp after bind). */
    public static final class Entry {
        private final int fd;
        private final String protocol;
        private final String process;
        TcpConnection tcp;
        UdpEndpoint udp;
        long timeoutNanos = Long.MAX_VALUE;
        boolean reuseAddress;

        Entry(int fd, String protocol, String process) {
            this.fd = fd;
            this.protocol = protocol;
            this.process = process;
        }

        public int fd() {
            return fd;
        }

        /** "TCP" or "UDP". */
        public String protocol() {
            return protocol;
        }

        /** The process that opened it. */
        public String process() {
            return process;
        }

        public TcpConnection tcp() {
            return tcp;
        }

        public UdpEndpoint udp() {
            return udp;
        }

        String local() {
            if (tcp != null && tcp.local() != null) {
                return tcp.local().toString();
            }
            return udp != null ? udp.local().toString() : "-";
        }

        String remote() {
            return tcp != null && tcp.remote() != null ? tcp.remote().toString() : "-";
        }

        String state() {
            return tcp != null ? tcp.state().toString() : udp != null ? "BOUND" : "UNBOUND";
        }

        @Override
        public String toString() {
            return fd + " " + protocol + " " + local() + " " + remote() + " " + state() + " '" + process + "'";
        }
    }

    private final String hostName;
    /**
     * Open entries by descriptor number, null where free. An array and a bit set rather than a
     * sorted map and a free list: a server opens and closes a descriptor per connection, and the
     * lowest free number is then one {@link BitSet#nextClearBit} away.
     */
    private Entry[] byFd = new Entry[16];
    private final BitSet open = new BitSet();
    private int size;
    private final Map<Object, Entry> bySocket = new IdentityHashMap<>(); // looked up only

    DescriptorTable(String hostName) {
        this.hostName = hostName;
    }

    Entry open(String protocol, String process) {
        int fd = open.nextClearBit(FIRST);
        Entry e = new Entry(fd, protocol, process);
        if (fd >= byFd.length) {
            byFd = Arrays.copyOf(byFd, Math.max(byFd.length * 2, fd + 1));
        }
        byFd[fd] = e;
        open.set(fd);
        size++;
        return e;
    }

    void attach(Entry e, Object socket) {
        bySocket.put(socket, e);
    }

    /** The entry for {@code fd}; {@link java.net.SocketException} with a hint when it is not open. */
    Entry get(int fd) throws java.net.SocketException {
        Entry e = fd >= 0 && fd < byFd.length ? byFd[fd] : null;
        if (e == null) {
            throw new java.net.SocketException("bad file descriptor: " + fd + " is not an open socket on host " + hostName
                    + " (open: " + open.stream().boxed().toList() + ")");
        }
        return e;
    }

    void remove(Entry e) {
        if (e.fd < byFd.length && byFd[e.fd] == e) {
            byFd[e.fd] = null;
            open.clear(e.fd);
            size--;
        }
        if (e.tcp != null) {
            bySocket.remove(e.tcp, e);
        }
        if (e.udp != null) {
            bySocket.remove(e.udp, e);
        }
    }

    /** The descriptor of a stack socket, or null if no descriptor refers to it (e.g. TIME-WAIT). */
    Entry of(Object socket) {
        return bySocket.get(socket);
    }

    /** Open descriptors, lowest first. */
    public List<Entry> entries() {
        List<Entry> list = new ArrayList<>(size);
        for (int fd = open.nextSetBit(0); fd >= 0; fd = open.nextSetBit(fd + 1)) {
            list.add(byFd[fd]);
        }
        return list;
    }

    public int size() {
        return size;
    }

    /** A table: fd, proto, local, remote, state, process. */
    @Override
    public String toString() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"fd", "proto", "local", "remote", "state", "process"});
        for (Entry e : entries()) {
            rows.add(new String[] {String.valueOf(e.fd), e.protocol, e.local(), e.remote(), e.state(), e.process});
        }
        return "descriptors of host " + hostName + "\n" + TextTable.render(rows);
    }

    /** The table as HTML, for notebooks. */
    public String toHtml() {
        List<List<String>> rows = new ArrayList<>();
        for (Entry e : entries()) {
            rows.add(List.of(String.valueOf(e.fd), e.protocol, e.local(), e.remote(), e.state(), e.process));
        }
        return new portolan.sandbox.view.HtmlTable("descriptors of host " + hostName,
                List.of("fd", "proto", "local", "remote", "state", "process"), rows).toHtml();
    }
}
