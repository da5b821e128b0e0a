package portolan.sandbox.apps;

import portolan.sandbox.Host;
import portolan.sandbox.wire.Ipv4Address;

/**
 * An Instance is a rented virtual machine in a {@link Cloud} (C1, EC2-like): a {@link Host} whose
 * only interface has a private VPC address; its public address lives at the cloud edge (1:1 NAT),
 * changes at every stop/start unless an elastic address is attached.
 */
public final class Instance {
    /** Running or stopped. */
    public enum State { RUNNING, STOPPED }

    private final Cloud cloud;
    private final Host host;
    private final SecurityGroup group;
    private final Ssh sshd;
    private Ipv4Address publicIp;
    private boolean elastic;
    private State state = State.RUNNING;

    Instance(Cloud cloud, Host host, SecurityGroup group, Ssh sshd) {
        this.cloud = cloud;
        this.host = host;
        this.group = group;
        this.sshd = sshd;
    }

    void map(Ipv4Address address) {
        publicIp = address;
        cloud.nat().map(address, privateIp());
    }

    private void unmap() {
        if (publicIp != null) {
            cloud.nat().unmap(publicIp);
        }
    }

    public String name() {
        return host.name();
    }

    /** The guest machine (run servers on it: {@code instance.host().webServer(...)}). */
    public Host host() {
        return host;
    }

    /** The address the guest sees on its interface. */
    public Ipv4Address privateIp() {
        return host.ip();
    }

    /** The address the internet reaches it at (null while stopped without an elastic address). */
    public Ipv4Address publicIp() {
        return publicIp;
    }

    public SecurityGroup group() {
        return group;
    }

    public State state() {
        return state;
    }

    public boolean isElastic() {
        return elastic;
    }

    Ssh sshd() {
        return sshd;
    }

    /** Allocates an elastic (static) public address and attaches it in place of the current one. */
    public Ipv4Address elasticIp() {
        if (elastic) {
            return publicIp;
        }
        Ipv4Address a = cloud.allocateElastic();
        unmap();
        elastic = true;
        map(a);
        return a;
    }

    /** Stops the instance: it is unreachable and loses its public address unless it is elastic. */
    public Instance stop() {
        cloud.check(Cloud.Action.START_STOP, "stop instance " + name());
        if (state == State.STOPPED) {
            return this;
        }
        state = State.STOPPED;
        unmap();
        if (!elastic) {
            publicIp = null;
        }
        return this;
    }

    /** Starts it again: a new public address, or the same elastic one. */
    public Instance start() {
        cloud.check(Cloud.Action.START_STOP, "start instance " + name());
        if (state == State.RUNNING) {
            return this;
        }
        state = State.RUNNING;
        map(elastic ? publicIp : cloud.newPublicAddress());
        return this;
    }

    @Override
    public String toString() {
        return "instance " + name() + " " + state + ", private " + privateIp() + ", public " + (publicIp == null ? "-"
                : publicIp + (elastic ? " (elastic)" : "")) + ", " + group.id();
    }
}
