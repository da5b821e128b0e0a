package portolan.sandbox.sim;

import java.time.Duration;

/**
 * A Cpu is a host's processor cores in virtual time: work that costs CPU time waits for a free
 * core in the order it asked (first come, first served, never preempted), so the same calls
 * always give the same times. Used to charge request service time and process/thread start-up.
 */
public final class Cpu {
    private final Simulator sim;
    private final String owner;
    private long[] freeAt;
    private long busyNanos;
    private long jobs;

    public Cpu(Simulator sim, String owner, int cores) {
        this.sim = sim;
        this.owner = owner;
        setCores(cores);
    }

    /** Changes the number of cores (from now on). */
    public void setCores(int cores) {
        if (cores < 1 || cores > 1024) {
            throw new IllegalArgumentException(owner + ": a CPU has 1 to 1024 cores, not " + cores);
        }
        freeAt = new long[cores];
    }

    public int cores() {
        return freeAt.length;
    }

    /**
     * Spends {@code nanos} of CPU time: takes the core that frees up first (lowest number on a tie),
     * waits for it, then runs. Blocks the calling simulated thread (or drives the simulation from
     * outside) until the work is done.
     */
    public void run(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException(owner + ": CPU time cannot be negative (" + nanos + " ns)");
        }
        int core = 0;
        for (int i = 1; i < freeAt.length; i++) {
            if (freeAt[i] < freeAt[core]) {
                core = i;
            }
        }
        long start = Math.max(sim.now(), freeAt[core]);
        freeAt[core] = SimTime.plus(start, nanos);
        busyNanos += nanos;
        jobs++;
        long wait = freeAt[core] - sim.now();
        if (wait > 0) {
            sim.sleep(wait);
        }
    }

    /** Like {@link #run(long)} with a {@link Duration}. */
    public void run(Duration work) {
        run(SimTime.nanos(work));
    }

    /** Total CPU time charged so far. */
    public long busyNanos() {
        return busyNanos;
    }

    /** How many pieces of work were charged. */
    public long jobs() {
        return jobs;
    }

    @Override
    public String toString() {
        return "CPU of " + owner + ": " + freeAt.length + " core(s), " + jobs + " jobs, " + SimTime.format(busyNanos)
                + " busy";
    }
}
