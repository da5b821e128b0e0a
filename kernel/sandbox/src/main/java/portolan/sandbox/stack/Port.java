package portolan.sandbox.stack;

/**
 * A Port is one end of a {@link Link}: a NIC or a switch port. The link hands it every frame
 * that arrives, exactly as it came off the wire (FCS included, possibly corrupted).
 */
public interface Port {

    /** A frame arrived over {@code link}. */
    void deliver(byte[] wire, Link link);

    /** "laptop:eth0" or "lan:port2", for messages. */
    String place();
}
