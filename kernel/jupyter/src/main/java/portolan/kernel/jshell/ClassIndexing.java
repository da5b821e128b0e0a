package portolan.kernel.jshell;

import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicBoolean;
import jdk.jshell.SourceCodeAnalysis;

/**
 * ClassIndexing holds back JShell's background class index until the first cell has run.
 *
 * <p>Creating a {@link SourceCodeAnalysis} (the kernel needs one to split every cell) starts a
 * thread that indexes every class of the JDK and the class path, for completing names that are
 * not imported yet. It takes about 0.15 s of CPU, just when the first cell's compilation and the
 * JIT compiler want both cores of a small machine. JShell pauses that indexing itself while it
 * computes completions ({@code SourceCodeAnalysisImpl.suspendIndexing()} and
 * {@code resumeIndexing()}, public methods of its non-public implementation, the same on JDK 17
 * and 25; nothing waits for the index to finish). The kernel pauses it the same way until the
 * first cell is done or the warm-up has run, reaching them as {@link SourceDocs} reaches
 * JShell's internals. Where a JDK has changed them, indexing simply runs at once, as before.
 */
final class ClassIndexing {
    private final SourceCodeAnalysis analysis;
    private final Method resume;
    private final AtomicBoolean resumed = new AtomicBoolean();

    private ClassIndexing(SourceCodeAnalysis analysis, Method resume) {
        this.analysis = analysis;
        this.resume = resume;
    }

    /** Pauses the indexing {@code analysis} has started; {@link #resume()} lets it go on. */
    static ClassIndexing pause(SourceCodeAnalysis analysis) {
        try {
            Method suspend = analysis.getClass().getMethod("suspendIndexing");
            Method resume = analysis.getClass().getMethod("resumeIndexing");
            suspend.setAccessible(true);
            resume.setAccessible(true);
            suspend.invoke(analysis);
            return new ClassIndexing(analysis, resume);
        } catch (ReflectiveOperationException | RuntimeException unavailable) {
            return new ClassIndexing(analysis, null);
        }
    }

    /** Whether indexing is held back now. */
    boolean paused() {
        return resume != null && !resumed.get();
    }

    /** Lets indexing go on; only the first call does anything. */
    void resume() {
        if (resume != null && resumed.compareAndSet(false, true)) {
            try {
                resume.invoke(analysis);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // Indexing stays paused: completion of names not yet imported is poorer, nothing else.
            }
        }
    }
}
