package portolan.sandbox.stack;

/**
 * A Segment is something a NIC can be plugged into: a point-to-point {@link Link} or a
 * {@link Switch}. Plugging returns the link (cable) the NIC now sends on.
 */
public interface Segment {

    /** The segment's name ("lan", "r1-r2"). */
    String name();

    /** The largest IP packet, in bytes, a frame on this segment can carry. */
    int mtu();

    /** Connects {@code nic} and returns the cable it now sends on. */
    Link plug(Nic nic);
}
