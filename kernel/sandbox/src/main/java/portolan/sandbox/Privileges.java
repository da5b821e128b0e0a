package portolan.sandbox;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.Callable;
import portolan.sandbox.sim.SimRunnable;
import portolan.sandbox.sim.SimThread;
import portolan.sandbox.sim.Simulator;

/**
 * Privileges is a host's process model in miniature: which simulated thread (process) is
 * privileged ("root") and what each is called. On Unix only a privileged process may bind ports
 * 1–1023; here a thread started with {@link #spawn} is an ordinary user, one started with
 * {@link #spawnAsRoot} is root, and code outside the simulation (a notebook cell, a test) is an
 * ordinary user called "notebook" unless it runs inside {@link #asRoot}.
 */
public final class Privileges {
    /** What code outside any simulated thread is called in messages and netstat. */
    public static final String OUTSIDE = "notebook";

    private final Simulator sim;
    private final String hostName;
    private final Set<SimThread> root = Collections.newSetFromMap(new IdentityHashMap<>()); // looked up only
    private int outsideRootDepth;

    public Privileges(Simulator sim, String hostName) {
        this.sim = sim;
        this.hostName = hostName;
    }

    /** Starts an ordinary (unprivileged) process on this host. */
    public SimThread spawn(String name, SimRunnable body) {
        return sim.spawn("host " + hostName, name, body);
    }

    /** Starts a privileged process (like a daemon started by root, e.g. "apache"). */
    public SimThread spawnAsRoot(String name, SimRunnable body) {
        SimThread t = sim.spawn("host " + hostName, name, body);
        root.add(t);
        return t;
    }

    /** Runs {@code body} with privileges, like {@code sudo}, and returns its result. */
    public <T> T asRoot(Callable<T> body) throws Exception {
        SimThread me = sim.currentThread();
        boolean added = false;
        if (me == null) {
            outsideRootDepth++;
        } else {
            added = root.add(me);
        }
        try {
            return body.call();
        } finally {
            if (me == null) {
                outsideRootDepth--;
            } else if (added) {
                root.remove(me);
            }
        }
    }

    /** Runs {@code body} with privileges, like {@code sudo}. */
    public void asRoot(SimRunnable body) throws Exception {
        asRoot(() -> {
            body.run();
            return null;
        });
    }

    /** True if the code calling now is privileged. */
    public boolean isPrivileged() {
        SimThread me = sim.currentThread();
        return me == null ? outsideRootDepth > 0 : root.contains(me);
    }

    /** The calling process's name: the simulated thread's name, or "notebook" outside the simulation. */
    public String processName() {
        SimThread me = sim.currentThread();
        return me == null ? OUTSIDE : me.name();
    }
}
