package portolan.sandbox.sim;

import java.time.Duration;
import java.util.ArrayDeque;

/**
 * A first-in first-out queue whose blocking operations wait in virtual time: the sandbox's
 * {@code BlockingQueue}, e.g. for an accept loop handing sockets to worker threads. (A real
 * {@code java.util.concurrent.BlockingQueue} would block the real thread and trip the watchdog.)
 *
 * <p>{@link #take()} waits while the queue is empty, {@link #put(Object)} while it is full; waiting
 * callers are served in the order they started waiting. Null elements are refused, as in
 * {@code BlockingQueue}.
 */
public final class SimQueue<E> {
    private final String name;
    private final int capacity;
    private final ArrayDeque<E> items = new ArrayDeque<>();
    private final WaitQueue notEmpty;
    private final WaitQueue notFull;

    /** An unbounded queue; {@code name} appears in messages ("take() on queue 'connections'"). */
    public SimQueue(Simulator simulator, String name) {
        this(simulator, name, Integer.MAX_VALUE);
    }

    /** A queue holding at most {@code capacity} elements. */
    public SimQueue(Simulator simulator, String name, int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("queue '" + name + "' needs a positive capacity, got " + capacity);
        }
        this.name = name;
        this.capacity = capacity;
        this.notEmpty = new WaitQueue(simulator, "take() on queue '" + name + "' waiting for an element");
        this.notFull = new WaitQueue(simulator, "put() on queue '" + name + "' waiting for space (capacity " + capacity + ")");
    }

    /** Adds {@code item}, waiting while the queue is full. */
    public void put(E item) {
        check(item);
        notFull.awaitUntil(() -> items.size() < capacity);
        add(item);
    }

    /** Adds {@code item} if there is space, without waiting; true if added. */
    public boolean offer(E item) {
        check(item);
        if (items.size() >= capacity) {
            return false;
        }
        add(item);
        return true;
    }

    /** Removes the oldest element, waiting while the queue is empty. */
    public E take() {
        notEmpty.awaitUntil(() -> !items.isEmpty());
        return remove();
    }

    /** Removes the oldest element, or returns null at once if the queue is empty. */
    public E poll() {
        return items.isEmpty() ? null : remove();
    }

    /** Removes the oldest element, waiting up to {@code timeoutNanos} of virtual time; null on timeout. */
    public E poll(long timeoutNanos) {
        return notEmpty.awaitUntil(() -> !items.isEmpty(), timeoutNanos) ? remove() : null;
    }

    /** Like {@link #poll(long)} with a {@link Duration}. */
    public E poll(Duration timeout) {
        return poll(SimTime.nanos(timeout));
    }

    /** The oldest element without removing it, or null. */
    public E peek() {
        return items.peek();
    }

    /** Number of elements. */
    public int size() {
        return items.size();
    }

    /** True if there is no element. */
    public boolean isEmpty() {
        return items.isEmpty();
    }

    /** The name given at creation. */
    public String name() {
        return name;
    }

    private void check(E item) {
        if (item == null) {
            throw new IllegalArgumentException("queue '" + name + "' does not accept null elements");
        }
    }

    private void add(E item) {
        items.add(item);
        notEmpty.signalOne();
    }

    private E remove() {
        E item = items.poll();
        notFull.signalOne();
        if (!items.isEmpty()) {
            notEmpty.signalOne(); // a woken taker that lost the race re-waits; pass the turn on
        }
        return item;
    }

    @Override
    public String toString() {
        return "SimQueue[" + name + ", " + items.size() + (capacity == Integer.MAX_VALUE ? "" : "/" + capacity) + "]";
    }
}
