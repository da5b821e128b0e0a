package portolan.sandbox.stack;

import portolan.sandbox.wire.EthernetFrame;
import portolan.sandbox.wire.Ipv4Packet;
import portolan.sandbox.wire.MacAddress;
import portolan.sandbox.wire.MalformedPacketException;

/**
 * A Nic is a network interface card: an Ethernet port with a MAC address. It puts frames on its
 * link and, on receive, does what real NICs do before the operating system sees anything: it
 * checks the FCS and drops a corrupted frame, and it drops a frame addressed to another MAC
 * (unless promiscuous). Every drop is counted and explained in the trace.
 */
public final class Nic implements Port {

    /** Who handles the frames this NIC accepts (the node's IP stack). */
    public interface Receiver {
        /**
         * An accepted frame, FCS checked and included (callers must not modify it);
         * {@code traceIndex} lets the receiver attach a drop reason to it.
         */
        void receive(Nic nic, byte[] wire, int traceIndex);
    }

    private final String node;
    private final String name;
    private final MacAddress mac;
    private final PacketTrace trace;
    private final long macBits;
    private final String place;
    private final PacketTrace.Place tracePlace;
    private Receiver receiver;
    private Link link;
    private boolean promiscuous;
    private long framesSent;
    private long bytesSent;
    private long framesReceived;
    private long bytesReceived;
    private long badFcs;
    private long notMine;

    public Nic(String node, String name, MacAddress mac, PacketTrace trace) {
        this.node = node;
        this.name = name;
        this.mac = mac;
        this.trace = trace;
        this.macBits = mac.bits();
        this.place = node + ":" + name;
        this.tracePlace = trace.place(node, name);
    }

    public String name() {
        return name;
    }

    /** The owning node's name. */
    public String node() {
        return node;
    }

    public MacAddress mac() {
        return mac;
    }

    @Override
    public String place() {
        return place;
    }

    /** The link this NIC is plugged into, or null. */
    public Link link() {
        return link;
    }

    /** The link's MTU (1500 while unplugged). */
    public int mtu() {
        return link == null ? EthernetFrame.MAX_PAYLOAD : link.mtu();
    }

    public void setReceiver(Receiver receiver) {
        this.receiver = receiver;
    }

    /** Plugs this NIC into a switch or a link. */
    public Nic plugInto(Segment segment) {
        if (link != null) {
            throw new IllegalStateException(place() + " is already plugged into " + link.name()
                    + "; give the node another interface instead");
        }
        link = segment.plug(this);
        return this;
    }

    /** Accept frames for any MAC address (what a capture tool asks a NIC to do). */
    public Nic promiscuous(boolean on) {
        promiscuous = on;
        return this;
    }

    /** Sends a frame the node originated. */
    public void send(EthernetFrame frame) {
        transmit(frame.toBytes(), TraceEntry.Event.SENT);
    }

    /** Sends {@code packet} in a frame to {@code destination}, as originated or forwarded by the node. */
    void send(MacAddress destination, Ipv4Packet packet, boolean forwarded) {
        transmit(Frames.build(destination.bits(), macBits, packet),
                forwarded ? TraceEntry.Event.FORWARDED : TraceEntry.Event.SENT);
    }

    /** Puts a complete frame (FCS included) on the link; the IP layer's forwarding fast path builds it. */
    void transmit(byte[] wire, TraceEntry.Event event) {
        if (link == null) {
            trace.record(node, name, TraceEntry.Event.DROPPED, wire, place + " is not plugged into anything");
            return;
        }
        framesSent++;
        bytesSent += wire.length;
        trace.record(tracePlace, event, wire);
        link.transmit(this, wire);
    }

    /** The MAC address as a number, for comparisons on the fast path. */
    long macBits() {
        return macBits;
    }

    @Override
    public void deliver(byte[] wire, Link from) {
        if (!Frames.intact(wire)) {
            badFcs++;
            // IEEE 802.3 clause 3.2.9: a frame whose FCS does not match is discarded by the MAC.
            trace.record(node, name, TraceEntry.Event.DROPPED, wire, whyDamaged(wire));
            return;
        }
        long to = Frames.mac(wire, 0);
        if (to != macBits && to != MacAddress.BROADCAST.bits() && !promiscuous) {
            notMine++;
            trace.record(node, name, TraceEntry.Event.DROPPED, wire, "not my MAC: the frame is for " + MacAddress.of(to)
                    + " but " + place + " is " + mac);
            return;
        }
        framesReceived++;
        bytesReceived += wire.length;
        int index = trace.record(tracePlace, TraceEntry.Event.RECEIVED, wire);
        if (receiver == null) {
            trace.drop(index, place + " has no protocol stack above it");
            return;
        }
        receiver.receive(this, wire, index);
    }

    /** The explanation of a frame that failed the length or FCS check, as EthernetFrame.parse words it. */
    static String whyDamaged(byte[] wire) {
        try {
            EthernetFrame.parse(wire);
            return "bad FCS";
        } catch (MalformedPacketException e) {
            return ("FCS".equals(e.field()) ? "bad FCS: " : "bad frame: ") + e.getMessage();
        }
    }

    /** Everything this interface sent, received or dropped, for Wireshark. */
    public Capture capture() {
        return new Capture(place, trace.at(place));
    }

    public long framesSent() {
        return framesSent;
    }

    public long bytesSent() {
        return bytesSent;
    }

    public long framesReceived() {
        return framesReceived;
    }

    public long bytesReceived() {
        return bytesReceived;
    }

    /** Frames dropped because their FCS did not match (corrupted on the wire). */
    public long badFcsDrops() {
        return badFcs;
    }

    /** Frames dropped because they were addressed to another MAC. */
    public long notMyMacDrops() {
        return notMine;
    }

    /** ifconfig-like: name, MAC, link, counters. */
    @Override
    public String toString() {
        return place() + " " + mac + " on " + (link == null ? "nothing" : link.name()) + " mtu " + mtu() + "  tx "
                + framesSent + " frames " + bytesSent + " bytes  rx " + framesReceived + " frames " + bytesReceived
                + " bytes  dropped: bad FCS " + badFcs + ", not my MAC " + notMine;
    }
}
