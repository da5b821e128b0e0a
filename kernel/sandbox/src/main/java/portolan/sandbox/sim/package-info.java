/**
 * The simulation core of the sandbox: virtual time, events, seeded randomness, the trace
 * fingerprint, and simulated threads that run ordinary blocking Java deterministically.
 *
 * <p><b>Layer rule.</b> Imports only {@code java.base}; nothing from other sandbox packages.
 * Reads no wall clock (except {@code Watchdog}, which only bounds real waiting) and no unseeded
 * randomness; iterates no hash-ordered collection in anything observable.
 *
 * <h2>API for the stack (one {@link portolan.sandbox.sim.Simulator} per network)</h2>
 * <pre>{@code
 * Simulator sim = new Simulator(seed);
 * long t = sim.now();                                   // virtual ns
 * Event e = sim.schedule(delayNs, "host a: ARP timeout", () -> ...);   // or scheduleAt(timeNs, ...)
 * e.cancel();                                           // flag; ties run in scheduling order
 * RandomStream isn = sim.random("host laptop/tcp");     // own stream per component name
 * sim.trace().record(sim.now(), "link lan: laptop -> router", frameBytes);
 * String fp = sim.trace().fingerprint();                // SHA-256 hex
 *
 * // user-facing blocking calls (sockets) are built on WaitQueue:
 * WaitQueue acceptable = new WaitQueue(sim, "host server: accept() on 0.0.0.0:80 waiting for a connection");
 * acceptable.awaitUntil(() -> !backlog.isEmpty());                 // user side: blocks in virtual time
 * if (!readable.awaitUntil(() -> buf.size() > 0, soTimeoutNs)) throw new SocketTimeoutException(...);
 * backlog.add(conn); acceptable.signalAll();                       // stack side, inside an event handler
 *
 * SimThread t = sim.spawn("host server", "worker-1", () -> { ... }); // Host.spawn wraps this
 * t.join();  sim.sleep(ns);  sim.currentThread();      // null when called from outside
 *
 * // for user code: BlockingQueue / pre-started pool / clock, all in virtual time
 * SimQueue<TcpSocket> q = new SimQueue<>(sim, "connections");   // put/take/offer/poll(timeout)
 * SimThreadPool pool = new SimThreadPool(sim, "host server", "worker", 8);  // submit(task), shutdown()
 * Instant t = Instant.now(sim.clock());                 // SimTime.EPOCH + now()
 *
 * sim.runFor(ns); sim.runUntil(timeNs); sim.runUntilIdle();
 * boolean ok = sim.runUntil(() -> cond, timeoutNs);    // false on timeout
 * sim.runUntil(() -> cond);                            // throws SimulationDeadlockException if idle
 * sim.stop();  sim.close();
 * }</pre>
 *
 * <h2>How blocking works</h2>
 * <ul>
 *   <li>Only one strand runs at a time: the <em>driver</em> (the thread outside the simulation that
 *       called a run method or a blocking call: a notebook cell's thread, a test thread) or one
 *       simulated thread. Each JShell cell runs on a new thread, so the rule is "one thread at a
 *       time", not "the same thread"; a second thread entering while a run is in progress gets an
 *       {@code IllegalStateException} naming both.</li>
 *   <li>A blocking call from a simulated thread ({@code WaitQueue.await}, {@code sleep},
 *       {@code join}) gives up the baton; a blocking call from outside runs the simulation until it
 *       can return. The same primitives therefore serve {@code ss.accept()} in a cell and in a
 *       server thread.</li>
 *   <li>Events and thread turns share one order: (time, sequence). A thread woken by a signal takes
 *       a sequence number then, so it runs after the events already queued for that instant and
 *       before later ones. Woken threads run in wake order.</li>
 *   <li>Signals: whoever changes the state a simulated thread waits for must call
 *       {@code signalAll()}/{@code signalOne()} on its WaitQueue in the same step. If it forgets, the
 *       waiter's timeout (or a deadlock report) says so and the run fails. An outside caller of
 *       {@code awaitUntil(condition...)} re-checks the condition after every step, so it returns as
 *       soon as the state changes even without a signal.</li>
 *   <li>Event handlers and {@code runUntil} conditions must never block; doing so is reported.</li>
 *   <li>User code must block only through the sandbox: a real {@code BlockingQueue}, lock,
 *       {@code Thread.sleep} or socket blocks the real thread that holds the baton and trips the
 *       watchdog. {@link portolan.sandbox.sim.SimQueue} and {@link portolan.sandbox.sim.SimThreadPool}
 *       are the replacements; {@code synchronized} is fine as long as no sandbox call blocks inside
 *       it while another simulated thread needs the same monitor.</li>
 *   <li>Call {@code close()} when a simulation is no longer needed: parked simulated threads
 *       otherwise stay parked (platform threads on JDK 17 are never collected).</li>
 *   <li>Simulated threads run on virtual threads on JDK 21+ and on platform threads on JDK 17;
 *       results are identical (tested).</li>
 * </ul>
 *
 * <h2>How runs fail (always with a message a learner can act on)</h2>
 * <ul>
 *   <li>{@link portolan.sandbox.sim.SimulationDeadlockException}: an outside caller waits for
 *       something nothing can ever cause (no event, no runnable thread); lists every waiter.
 *       {@code runUntilIdle()} and {@code runFor()} never throw it: threads blocked for good (a
 *       server in accept()) are normal there.</li>
 *   <li>{@link portolan.sandbox.sim.SimulationException}: a simulated thread or an event threw
 *       (named, with the cause), or a step limit was hit (a run that never ends).</li>
 *   <li>{@link portolan.sandbox.sim.SimulationInterruptedException}: the driving thread was
 *       interrupted or {@code stop()} was called; the simulation stays usable.</li>
 *   <li>{@link portolan.sandbox.sim.SimulationWatchdogException}: a simulated thread blocked
 *       outside the sandbox (real {@code Thread.sleep}, {@code java.net}) for longer than the
 *       watchdog allows (default 2 s of real time); the simulation is unusable afterwards.</li>
 *   <li>{@link portolan.sandbox.sim.SimulationClosedError}: thrown inside simulated threads by
 *       {@code close()} so they unwind.</li>
 * </ul>
 */
package portolan.sandbox.sim;
