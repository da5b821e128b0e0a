package portolan.kernel.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import portolan.kernel.core.ExecuteOptions;

/**
 * Prints the engine's figures (a program, not a test): launch to first result, warm
 * {@code 1+1}, completion, and 100,000 printed lines, measured through the Interpreter
 * interface. Run: {@code java -cp <portolan.jar>:<test-classes> portolan.kernel.engine.EngineBench [runs]}.
 */
public final class EngineBench {

    private EngineBench() {
    }

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        // The worker gets the kernel's own code location only (the jar when run from one), as when installed.
        String jar;
        try {
            jar = java.nio.file.Path.of(Engine.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Engine.Options options = Engine.Options.defaults().withClassPath(jar);
        System.out.println("worker class path: " + jar + ", JVM flags: " + Engine.command(options));
        List<Double> launches = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            try (WorkerInterpreter engine = Engine.launch(options)) {
                RecordingOutput out = new RecordingOutput();
                engine.execute("1 + 1", new ExecuteOptions(1, false, true), out);
                launches.add((System.nanoTime() - t0) / 1e6);
                if (!"2".equals(out.resultText())) {
                    throw new IllegalStateException("wrong result " + out.resultText());
                }
            }
        }
        report("launch -> first 1+1 result", launches);
        try (WorkerInterpreter engine = Engine.launch(options)) {
            List<Double> warm = new ArrayList<>();
            List<Double> vars = new ArrayList<>();
            List<Double> completions = new ArrayList<>();
            for (int i = 0; i < runs + 20; i++) {
                long t0 = System.nanoTime();
                engine.execute("1 + 1", new ExecuteOptions(i, false, true), new RecordingOutput());
                long t1 = System.nanoTime();
                engine.execute("int x" + i + " = " + i + ";", new ExecuteOptions(i, false, true), new RecordingOutput());
                long t2 = System.nanoTime();
                engine.complete("System.out.pri", 14);
                long t3 = System.nanoTime();
                if (i >= 20) {
                    warm.add((t1 - t0) / 1e6);
                    vars.add((t2 - t1) / 1e6);
                    completions.add((t3 - t2) / 1e6);
                }
            }
            report("warm 1+1", warm);
            report("warm int x = i;", vars);
            report("complete System.out.pri", completions);
            List<Double> flood = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                RecordingOutput out = new RecordingOutput();
                long t0 = System.nanoTime();
                engine.execute("for (int i = 0; i < 100_000; i++) System.out.println(\"line \" + i);",
                        new ExecuteOptions(i, false, true), out);
                flood.add((System.nanoTime() - t0) / 1e6);
                System.out.println("100k lines: " + out.stdout.length() + " chars in " + out.streamCalls + " messages");
            }
            report("100k println lines", flood);
            System.out.printf("worker RSS after the runs: %d MB%n", rssMegabytes(engine.workerPid()));
        }
    }

    static long rssMegabytes(long pid) {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (java.io.IOException e) {
            return -1;
        }
        return -1;
    }

    static void report(String what, List<Double> millis) {
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        double p50 = sorted.get(sorted.size() / 2);
        double p95 = sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.95) - 1));
        System.out.printf("%-28s p50 %8.1f ms   p95 %8.1f ms   (n=%d)%n", what, p50, p95, sorted.size());
    }
}
