package portolan.grader;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.engine.JupiterTestEngine;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import portolan.kernel.core.MimeBundle;
import portolan.kernel.jshell.CellOutput;

/**
 * Runs JUnit 5 test classes written in a notebook cell, inside the worker JVM:
 * <pre>{@code
 * class SquareTest {
 *     @Test @Tag("points=2") void positive() { assertEquals(4, square(2)); }
 *     @Test void negative() { assertEquals(9, square(-3)); }
 * }
 * portolan.grader.CellTests.run(SquareTest.class);
 * }</pre>
 * The cell shows a table of the tests and a {@value Scoring#TESTS_MIME} report the grader
 * scores (each test's share follows its {@code @Tag("points=N")}, default 1, PrairieLearn's
 * convention); if any test fails, the cell then fails with an {@code error} output naming them.
 * The test classes are passed as {@code Class} objects and the Jupiter engine is registered
 * explicitly, because JShell's class loader hides both from JUnit's usual lookups.
 */
public final class CellTests {

    /** One test's outcome: {@code passed}, {@code failed}, {@code aborted} or {@code skipped}. */
    public record Result(String name, String status, double points, String message) {
    }

    private CellTests() {
    }

    /** Runs the tests, shows the report and fails the cell if a test failed. */
    public static void run(Class<?>... testClasses) {
        List<Result> results = execute(testClasses);
        show(results);
        List<String> failed = new ArrayList<>();
        for (Result r : results) {
            if (r.status().equals("failed") || r.status().equals("aborted")) {
                failed.add(r.name() + (r.message().isEmpty() ? "" : " (" + r.message() + ")"));
            }
        }
        if (results.isEmpty()) {
            throw new AssertionError("no tests found: annotate test methods with @Test and pass their classes to CellTests.run");
        }
        if (!failed.isEmpty()) {
            throw new AssertionError(failed.size() + " of " + results.size() + " tests failed: " + String.join("; ", failed));
        }
    }

    /** Runs the tests and returns one result per test, in the order JUnit ran them. */
    public static List<Result> execute(Class<?>... testClasses) {
        if (testClasses.length == 0) {
            throw new IllegalArgumentException("give the test classes, e.g. CellTests.run(SquareTest.class)");
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(testClasses[0].getClassLoader());
        try {
            LauncherConfig config = LauncherConfig.builder()
                    .enableTestEngineAutoRegistration(false)
                    .enableTestExecutionListenerAutoRegistration(false)
                    .enableLauncherSessionListenerAutoRegistration(false)
                    .enableLauncherDiscoveryListenerAutoRegistration(false)
                    .enablePostDiscoveryFilterAutoRegistration(false)
                    .addTestEngines(new JupiterTestEngine())
                    .build();
            var request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(java.util.Arrays.stream(testClasses).map(DiscoverySelectors::selectClass).toList())
                    .build();
            Recorder recorder = new Recorder();
            try (LauncherSession session = LauncherFactory.openSession(config)) {
                Launcher launcher = session.getLauncher();
                launcher.execute(launcher.discover(request), recorder);
            }
            return recorder.results();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** The report bundle: a text and an HTML table for people, the JSON report for the grader. */
    static MimeBundle bundle(List<Result> results) {
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder("<table><tr><th>test</th><th>points</th><th>result</th><th>message</th></tr>");
        JsonArray tests = new JsonArray();
        long passed = results.stream().filter(r -> r.status().equals("passed")).count();
        for (Result r : results) {
            text.append(r.status().equals("passed") ? "PASS " : r.status().equals("skipped") ? "SKIP " : "FAIL ")
                    .append(r.name()).append(" [").append(Report.points(r.points())).append("]")
                    .append(r.message().isEmpty() ? "" : ": " + r.message()).append('\n');
            html.append("<tr><td>").append(Report.html(r.name())).append("</td><td>").append(Report.points(r.points()))
                    .append("</td><td>").append(r.status()).append("</td><td>").append(Report.html(r.message())).append("</td></tr>");
            JsonObject t = new JsonObject();
            t.addProperty("name", r.name());
            t.addProperty("status", r.status());
            t.addProperty("points", r.points());
            t.addProperty("message", r.message());
            tests.add(t);
        }
        text.append(passed).append(" of ").append(results.size()).append(" tests passed\n");
        html.append("</table><p>").append(passed).append(" of ").append(results.size()).append(" tests passed</p>");
        JsonObject report = new JsonObject();
        report.add("tests", tests);
        JsonObject data = new JsonObject();
        data.addProperty("text/plain", text.toString());
        data.addProperty("text/html", html.toString());
        data.add(Scoring.TESTS_MIME, report);
        return new MimeBundle(data, null);
    }

    private static void show(List<Result> results) {
        MimeBundle bundle = bundle(results);
        try {
            CellOutput.display(bundle, null, false);
        } catch (IllegalStateException notInWorker) {
            System.out.print(bundle.data().get("text/plain").getAsString());
        }
    }

    /** Points from a {@code points=N} tag; 1 without one; 0 for a skipped test (it is not graded). */
    private static double points(TestIdentifier test) {
        for (TestTag tag : test.getTags()) {
            if (tag.getName().startsWith("points=")) {
                try {
                    return Math.max(0, Double.parseDouble(tag.getName().substring("points=".length())));
                } catch (NumberFormatException e) {
                    return 1;
                }
            }
        }
        return 1;
    }

    /** Collects results; tests whose class failed before they could run inherit its failure. */
    private static final class Recorder implements TestExecutionListener {
        private final Map<String, Result> results = new LinkedHashMap<>();
        private TestPlan plan;

        @Override
        public void testPlanExecutionStarted(TestPlan testPlan) {
            plan = testPlan;
            for (TestIdentifier root : testPlan.getRoots()) {
                for (TestIdentifier id : testPlan.getDescendants(root)) {
                    if (id.isTest()) {
                        results.put(id.getUniqueId(), new Result(name(id), "failed", points(id), "did not run"));
                    }
                }
            }
        }

        @Override
        public void dynamicTestRegistered(TestIdentifier id) {
            if (id.isTest()) {
                results.put(id.getUniqueId(), new Result(name(id), "failed", points(id), "did not run"));
            }
        }

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            List<TestIdentifier> tests = new ArrayList<>();
            if (id.isTest()) {
                tests.add(id);
            } else {
                plan.getDescendants(id).stream().filter(TestIdentifier::isTest).forEach(tests::add);
            }
            for (TestIdentifier t : tests) {
                results.put(t.getUniqueId(), new Result(name(t), "skipped", 0, reason == null ? "" : reason));
            }
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            String message = result.getThrowable().map(CellTests::message).orElse("");
            String status = switch (result.getStatus()) {
                case SUCCESSFUL -> "passed";
                case ABORTED -> "aborted";
                case FAILED -> "failed";
            };
            if (id.isTest()) {
                results.put(id.getUniqueId(), new Result(name(id), status, points(id), message));
            } else if (!status.equals("passed")) {
                for (TestIdentifier t : plan.getDescendants(id)) {
                    Result r = results.get(t.getUniqueId());
                    if (t.isTest() && r != null && r.message().equals("did not run")) {
                        results.put(t.getUniqueId(), new Result(r.name(), status, r.points(), "not run: " + message));
                    }
                }
            }
        }

        List<Result> results() {
            return List.copyOf(results.values());
        }

        private String name(TestIdentifier id) {
            Optional<TestIdentifier> parent = plan == null ? Optional.empty() : plan.getParent(id);
            // JShell classes are members of a generated wrapper ($JShell$12$SquareTest): show the simple name
            String prefix = parent.flatMap(TestIdentifier::getSource).filter(ClassSource.class::isInstance)
                    .map(s -> ((ClassSource) s).getJavaClass().getSimpleName() + ".").orElse("");
            return prefix + id.getDisplayName();
        }
    }

    private static String message(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            // JShell's stand-in for a method or class whose declaring cell did not compile
            if (c.getClass().getName().equals("jdk.jshell.spi.SPIResolutionException")) {
                return "the test calls a method or class that is not defined: the cell declaring it did not "
                        + "compile or was not run (see the error in that cell), so there is nothing to test";
            }
        }
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }
}
