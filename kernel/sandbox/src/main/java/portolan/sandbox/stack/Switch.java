package portolan.sandbox.stack;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import portolan.sandbox.sim.SimTime;
import portolan.sandbox.sim.Simulator;
import portolan.sandbox.text.Table;
import portolan.sandbox.wire.MacAddress;

/**
 * A Switch is a learning Ethernet bridge (IEEE 802.1D): it remembers on which port each source MAC
 * address was last seen, sends a frame only out of the port its destination was learned on, and
 * floods broadcasts and frames for unknown addresses out of every other port. Its MAC table is
 * visible with {@link #macTable()}. Being store-and-forward, it drops frames with a bad FCS.
 */
public final class Switch implements Segment {
    /** How long a learned address stays in the table without being seen again (802.1D default: 300 s). */
    public static final long AGING_TIME = 300 * SimTime.SECOND;
    /** Latency of each cable between a NIC and a switch port. */
    public static final long CABLE_LATENCY = 50_000;

    private final String name;
    private final Simulator sim;
    private final PacketTrace trace;
    private final List<SwitchPort> ports = new ArrayList<>();
    /** Learned addresses in learning order; a slot is updated in place when its address is seen again. */
    private final Map<MacAddress, Slot> table = new LinkedHashMap<>();
    private int mtu = 1500;
    private long bitsPerSecond = 1_000_000_000L;
    private long dropped;

    /** One learned address. */
    public record Learned(MacAddress mac, int port, long lastSeen) {
    }

    /** A table entry; {@link Learned} is its snapshot. Mutable so that re-learning allocates nothing. */
    private static final class Slot {
        final MacAddress mac;
        int port;
        long lastSeen;

        Slot(MacAddress mac, int port, long lastSeen) {
            this.mac = mac;
            this.port = port;
            this.lastSeen = lastSeen;
        }
    }

    /** The MAC table at one instant: the learned addresses in learning order, printed as the switch's CLI would. */
    public record MacTable(String switchName, long time, List<Learned> entries) {
        public MacTable {
            entries = List.copyOf(entries);
        }

        /** The port {@code mac} was learned on, or 0 if it is unknown (frames for it are flooded). */
        public int portOf(MacAddress mac) {
            return entries.stream().filter(l -> l.mac.equals(mac)).mapToInt(Learned::port).findFirst().orElse(0);
        }

        /** The table: MAC address, port, age (time since last seen). */
        public Table table() {
            List<List<String>> rows = new ArrayList<>();
            for (Learned l : entries) {
                rows.add(List.of(l.mac.toString(), "port" + l.port, SimTime.format(time - l.lastSeen)));
            }
            return new Table("MAC table of switch " + switchName, List.of("MAC address", "port", "age"), rows);
        }

        /** The table as HTML, for notebooks. */
        public String toHtml() {
            return table().toHtml();
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder("MAC table of switch " + switchName + "\n");
            s.append(String.format("%-17s  %-5s  %s%n", "MAC address", "port", "age"));
            for (Learned l : entries) {
                s.append(String.format("%-17s  %-5d  %s%n", l.mac, l.port, SimTime.format(time - l.lastSeen)));
            }
            return s.toString();
        }
    }

    public Switch(String name, Simulator sim, PacketTrace trace) {
        this.name = name;
        this.sim = sim;
        this.trace = trace;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int mtu() {
        return mtu;
    }

    /** Sets the MTU of every cable on this switch (68..1500), for cables plugged in afterwards. */
    public Switch mtu(int bytes) {
        if (bytes < 68 || bytes > 1500) {
            throw new IllegalArgumentException("switch " + name + ": the MTU must be between 68 and 1500, not " + bytes);
        }
        mtu = bytes;
        return this;
    }

    /** Sets the bandwidth of cables plugged in afterwards (default 1 Gbit/s). */
    public Switch bandwidth(long bitsPerSecond) {
        if (bitsPerSecond <= 0) {
            throw new IllegalArgumentException("switch " + name + ": bandwidth must be positive, not " + bitsPerSecond);
        }
        this.bitsPerSecond = bitsPerSecond;
        return this;
    }

    @Override
    public Link plug(Nic nic) {
        SwitchPort port = new SwitchPort(ports.size() + 1);
        Link cable = new Link(name + ":port" + port.number + "-" + nic.place(), sim, trace, CABLE_LATENCY)
                .bandwidth(bitsPerSecond).mtu(mtu);
        cable.attach(port);
        cable.attach(nic);
        port.cable = cable;
        ports.add(port);
        return cable;
    }

    /** Number of ports in use. */
    public int portCount() {
        return ports.size();
    }

    /** The current MAC table, entries older than the aging time removed, in learning order. */
    public MacTable macTable() {
        age();
        return new MacTable(name, sim.now(), table.values().stream().map(l -> new Learned(l.mac, l.port, l.lastSeen))
                .toList());
    }

    /** Frames this switch threw away (bad FCS). */
    public long droppedFrames() {
        return dropped;
    }

    private void age() {
        long now = sim.now();
        table.values().removeIf(l -> now - l.lastSeen >= AGING_TIME);
    }

    private void receive(SwitchPort in, byte[] wire) {
        if (!Frames.intact(wire)) {
            dropped++;
            trace.record(name, "port" + in.number, TraceEntry.Event.DROPPED, wire, Nic.whyDamaged(wire));
            return;
        }
        MacAddress source = MacAddress.of(Frames.mac(wire, 6));
        MacAddress destination = MacAddress.of(Frames.mac(wire, 0));
        long now = sim.now();
        if (!source.isMulticast()) {
            Slot learned = table.get(source);
            if (learned == null) {
                table.put(source, new Slot(source, in.number, now));
            } else { // re-learning keeps the table order, as a put of the same key did
                learned.port = in.number;
                learned.lastSeen = now;
            }
        }
        Slot known = destination.isMulticast() ? null : table.get(destination);
        if (known != null && now - known.lastSeen < AGING_TIME) {
            if (known.port != in.number) {
                ports.get(known.port - 1).send(wire);
            }
            return; // a frame for the port it came from is filtered (802.1D 7.7.1)
        }
        for (SwitchPort out : ports) {
            if (out != in) {
                out.send(wire);
            }
        }
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("switch " + name + " (" + ports.size() + " ports, MTU " + mtu + ")\n");
        for (SwitchPort p : ports) {
            Port other = p.cable.peer(p);
            s.append("  port").append(p.number).append(" -> ").append(other == null ? "-" : other.place()).append('\n');
        }
        return s.append(macTable()).toString();
    }

    private final class SwitchPort implements Port {
        private final int number;
        private Link cable;

        SwitchPort(int number) {
            this.number = number;
        }

        void send(byte[] wire) {
            cable.transmit(this, wire);
        }

        @Override
        public void deliver(byte[] wire, Link link) {
            receive(this, wire);
        }

        @Override
        public String place() {
            return name + ":port" + number;
        }
    }
}
