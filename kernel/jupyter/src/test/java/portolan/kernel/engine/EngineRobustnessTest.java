package portolan.kernel.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import portolan.kernel.core.ExecuteOptions;
import portolan.kernel.core.ExecuteResult;

/** Floods of output, threads, stdin, interrupts and the ways user code can end or break the worker. */
@Timeout(90)
class EngineRobustnessTest {

    static final long GRACE = 3000;
    static WorkerInterpreter engine;
    static int count;

    @BeforeAll
    static void start() {
        // A longer grace period than the default 800 ms: this test machine is shared and often loaded,
        // and a cell that stops slowly must not be mistaken for one that ignores the stop.
        engine = Engine.launch(Engine.Options.defaults().withHeapMegabytes(256).withStopGraceMillis(GRACE));
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    static ExecuteResult run(String code, RecordingOutput out) {
        return run(code, out, true);
    }

    static ExecuteResult run(String code, RecordingOutput out, boolean allowStdin) {
        return engine.execute(code, new ExecuteOptions(++count, false, allowStdin), out);
    }

    static String plain(ExecuteResult r) {
        return String.join("\n", r.traceback()).replaceAll("\u001b\\[[0-9;]*m", "");
    }

    @Test
    void hundredThousandLinesArriveCompleteInOrderAndBatched() {
        RecordingOutput out = new RecordingOutput();
        long t0 = System.nanoTime();
        ExecuteResult r = run("for (int i = 0; i < 100_000; i++) System.out.println(\"line \" + i);", out);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(r.ok(), r::toString);
        String[] lines = out.stdout.toString().split("\n", -1);
        assertEquals(100_001, lines.length);
        for (int i = 0; i < 100_000; i++) {
            assertEquals("line " + i, lines[i]);
        }
        assertTrue(out.streamCalls < 1000, "stream messages: " + out.streamCalls);
        System.out.println("100k lines in " + millis + " ms, " + out.streamCalls + " stream messages");
    }

    @Test
    void outputOfAThreadTheCellStartedGoesToThatCellEvenAfterItEnded() throws Exception {
        RecordingOutput first = new RecordingOutput();
        assertTrue(run("""
                var gate = new java.util.concurrent.CountDownLatch(1);
                new Thread(() -> {
                    System.out.println("early");
                    try { gate.await(); } catch (InterruptedException e) { }
                    System.out.println("late");
                }).start();
                """, first).ok());
        RecordingOutput second = new RecordingOutput();
        assertTrue(run("gate.countDown(); Thread.sleep(300);", second).ok());
        assertEquals("early\nlate\n", first.stdout.toString());
        assertEquals("", second.stdout.toString());
    }

    @Test
    void stdinIsAskedFromTheFrontEnd() {
        RecordingOutput out = new RecordingOutput();
        out.answers.add("Ada");
        out.answers.add("36");
        ExecuteResult r = run("""
                var in = new Scanner(System.in);
                System.out.print("name? ");
                String name = in.nextLine();
                int age = Integer.parseInt(new BufferedReader(new InputStreamReader(System.in)).readLine());
                name + " is " + age
                """, out);
        assertTrue(r.ok(), () -> plain(r));
        assertEquals("\"Ada is 36\"", out.resultText());
        assertEquals(2, out.prompts.size());
        assertEquals("name? ", out.stdout.toString());
    }

    @Test
    void stdinFailsAtOnceWhenNotAllowed() {
        RecordingOutput out = new RecordingOutput();
        ExecuteResult r = run("new BufferedReader(new InputStreamReader(System.in)).readLine()", out, false);
        assertFalse(r.ok());
        assertEquals("java.io.IOException", r.ename());
        assertTrue(r.evalue().contains("allow_stdin=false"), r.evalue());
        assertTrue(out.prompts.isEmpty());
    }

    @Test
    void interruptStopsATightLoopAndTheCpuGoesIdle() throws Exception {
        assertInterruptStops("long spins = 0;\nwhile (true) { spins++; }");
    }

    @Test
    void interruptStopsSleep() throws Exception {
        assertInterruptStops("Thread.sleep(600_000);");
    }

    @Test
    void interruptStopsDeepRecursion() throws Exception {
        assertInterruptStops("long fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }\nfib(200)");
    }

    /**
     * JDK 17 stops the cell's thread with Thread.stop, whose ThreadDeath HotSpot throws only when
     * the thread next enters the VM; a loop in interpreted code of a method C1 has compiled (deep
     * has been called over 200 times) never does, unless something else brings a safepoint.
     */
    @Test
    void interruptStopsALoopAtTheBottomOfADeepRecursion() throws Exception {
        RecordingOutput setup = new RecordingOutput();
        assertTrue(run("void deep(int n) { if (n > 0) deep(n - 1); else while (true) { } }", setup).ok());
        assertInterruptStops("deep(3000);");
    }

    /** A recursion that is deep when the interrupt lands, busy in calls rather than in a loop. */
    @Test
    void interruptStopsASlowRecursionDeepInTheStack() throws Exception {
        RecordingOutput setup = new RecordingOutput();
        assertTrue(run("long slowFib(int n) { return n < 2 ? n : slowFib(n - 1) + slowFib(n - 2); }\n"
                + "long below(int depth) { return depth > 0 ? below(depth - 1) : slowFib(90); }", setup).ok());
        assertInterruptStops("below(3000)");
    }

    @Test
    void interruptStopsABlockingStdinRead() throws Exception {
        RecordingOutput out = new RecordingOutput();
        out.neverAnswer = true;
        assertInterruptStops("new Scanner(System.in).nextLine()", out);
    }

    private void assertInterruptStops(String code) throws Exception {
        assertInterruptStops(code, new RecordingOutput());
    }

    private void assertInterruptStops(String code, RecordingOutput out) throws Exception {
        RecordingOutput setup = new RecordingOutput();
        assertTrue(run("String survivor = \"still here\";", setup).ok());
        long pid = engine.workerPid();
        CompletableFuture<ExecuteResult> cell = CompletableFuture.supplyAsync(() -> run(code, out));
        Thread.sleep(700);
        assertFalse(cell.isDone(), "the cell should still be running");
        long t0 = System.nanoTime();
        engine.interrupt();
        ExecuteResult r = cell.get();
        long stopMillis = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("stopped after " + stopMillis + " ms: " + code.replace('\n', ' '));
        assertFalse(r.ok());
        assertEquals("Interrupted", r.ename(), () -> plain(r));
        // The target is well under a second; the bound leaves room for a heavily shared test machine.
        assertTrue(stopMillis < 2000, "stopped after " + stopMillis + " ms");
        assertEquals(pid, engine.workerPid(), "the worker should not have been replaced");
        // A thread still spinning burns ~100 ticks a second; a young worker's JIT a few.
        Thread.sleep(500);
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            RecordingOutput probe = new RecordingOutput();
            run("1", probe);
            throw new AssertionError("the worker ended after the interrupt: " + probe.stderr);
        }
        long before = cpuTicks(pid);
        Thread.sleep(1000);
        long used = cpuTicks(pid) - before;
        assertTrue(used < 50, "worker used " + used + " CPU ticks in a second after the interrupt");
        RecordingOutput after = new RecordingOutput();
        assertTrue(run("survivor", after).ok());
        assertEquals("\"still here\"", after.resultText());
    }

    @Test
    void aWorkerThatEndsBetweenCellsIsReplacedAndTheNextCellSaysSo() throws Exception {
        RecordingOutput out = new RecordingOutput();
        long pid = engine.workerPid();
        ExecuteResult started = run("new Thread(() -> { try { Thread.sleep(200); Runtime.class.getMethod(\"halt\", int.class)"
                + ".invoke(Runtime.getRuntime(), 4); } catch (Exception e) { } }).start();", out);
        assertTrue(started.ok(), () -> plain(started) + " stderr: " + out.stderr);
        for (int i = 0; i < 200 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false); i++) {
            Thread.sleep(50);
        }
        Thread.sleep(200);
        RecordingOutput next = new RecordingOutput();
        ExecuteResult r = run("40 + 2", next);
        assertTrue(r.ok(), () -> plain(r));
        assertEquals("42", next.resultText());
        assertTrue(next.stderr.toString().contains("halt(4)"), next.stderr::toString);
        assertNotEquals(pid, engine.workerPid());
    }

    @Test
    void aCellThatIgnoresTheStopIsEndedByReplacingTheWorker() throws Exception {
        RecordingOutput out = new RecordingOutput();
        long pid = engine.workerPid();
        // A thread of an earlier cell holds a lock while it sleeps; waiting to enter a monitor is
        // something neither JDK's stop (Thread.stop on 17, interrupt plus checks on 25) can end.
        assertTrue(run("""
                Object held = new Object();
                new Thread(() -> { synchronized (held) { try { Thread.sleep(600_000); } catch (InterruptedException e) { } } }).start();
                Thread.sleep(100);
                """, out).ok());
        CompletableFuture<ExecuteResult> cell = CompletableFuture.supplyAsync(
                () -> run("synchronized (held) { }", out));
        Thread.sleep(700);
        long t0 = System.nanoTime();
        engine.interrupt();
        ExecuteResult r = cell.get();
        long millis = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("uninterruptible cell ended after " + millis + " ms: " + r.ename() + ": " + r.evalue());
        assertEquals("JavaProcessEnded", r.ename(), () -> plain(r));
        assertTrue(r.evalue().contains("did not stop within " + GRACE + " ms"), r.evalue());
        assertTrue(millis >= GRACE && millis < GRACE + WorkerInterpreter.UNRESPONSIVE_MILLIS - 1000, "took " + millis + " ms");
        RecordingOutput next = new RecordingOutput();
        assertTrue(run("2 + 2", next).ok());
        assertEquals("4", next.resultText());
        assertNotEquals(pid, engine.workerPid());
    }

    /** utime + stime of a process, in clock ticks, from /proc/pid/stat. */
    static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    @Test
    void haltThroughReflectionEndsTheWorkerButNotTheKernel() {
        RecordingOutput out = new RecordingOutput();
        long pid = engine.workerPid();
        ExecuteResult r = run("Runtime.class.getMethod(\"halt\", int.class).invoke(Runtime.getRuntime(), 7);", out);
        assertFalse(r.ok());
        assertEquals("JavaProcessEnded", r.ename());
        assertTrue(r.evalue().contains("halt(7)"), r.evalue());
        assertTrue(r.evalue().contains("gone"), r.evalue());
        RecordingOutput next = new RecordingOutput();
        assertTrue(run("6 * 7", next).ok());
        assertEquals("42", next.resultText());
        assertNotEquals(pid, engine.workerPid());
    }

    @Test
    void directExitCallsStopTheProgramAndKeepTheState() {
        RecordingOutput out = new RecordingOutput();
        long pid = engine.workerPid();
        assertTrue(run("int kept = 5;", out).ok());
        ExecuteResult zero = run("System.out.println(\"before\");\nSystem.exit(0);\nSystem.out.println(\"after\");", out);
        assertTrue(zero.ok(), () -> plain(zero));
        assertTrue(out.stdout.toString().startsWith("before\n(System.exit(0) was called at cell(line 2)"), out.stdout::toString);
        assertFalse(out.stdout.toString().contains("after"));
        ExecuteResult three = run("try { System.exit(3); } catch (Exception e) { }", out);
        assertFalse(three.ok());
        assertEquals("SystemExit", three.ename());
        assertTrue(plain(three).contains("variables and definitions are kept"), () -> plain(three));
        ExecuteResult halt = run("void stopNow() { Runtime.getRuntime().halt(1); }\nstopNow();", out);
        assertEquals("SystemExit", halt.ename());
        assertTrue(halt.evalue().startsWith("Runtime.halt(1) was called at stopNow(line 1)"), halt.evalue());
        RecordingOutput next = new RecordingOutput();
        assertTrue(run("kept", next).ok());
        assertEquals("5", next.resultText());
        assertEquals(pid, engine.workerPid());
    }

    @Test
    void systemExitThroughReflectionEndsTheWorkerAndSaysSo() {
        RecordingOutput out = new RecordingOutput();
        ExecuteResult r = run("System.class.getMethod(\"exit\", int.class).invoke(null, 3);", out);
        assertFalse(r.ok());
        assertTrue(r.evalue().contains("System.exit(3) was called"), r.evalue());
        RecordingOutput next = new RecordingOutput();
        assertTrue(run("1 + 2", next).ok());
        assertEquals("3", next.resultText());
    }

    @Test
    void stackOverflowIsAnOrdinaryErrorWithATrimmedTrace() {
        RecordingOutput out = new RecordingOutput();
        ExecuteResult r = run("int down(int n) { return down(n + 1) + 1; }\ndown(0)", out);
        assertFalse(r.ok());
        assertEquals("java.lang.StackOverflowError", r.ename());
        assertTrue(r.traceback().size() < 50, "traceback lines: " + r.traceback().size());
        assertTrue(plain(r).contains("repeats"), plain(r));
    }
}
