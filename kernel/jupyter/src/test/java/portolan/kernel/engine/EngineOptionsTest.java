package portolan.kernel.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker's JVM command line: lean defaults, and options a user adds coming last so they win. */
class EngineOptionsTest {

    @Test
    void userOptionsAreSplitAtWhiteSpace() {
        assertEquals(List.of("-Xmx1g", "-XX:TieredStopAtLevel=4"),
                Engine.Options.userOptions("  -Xmx1g \t -XX:TieredStopAtLevel=4 "));
        assertEquals(List.of(), Engine.Options.userOptions("   "));
        assertEquals(List.of(), Engine.Options.userOptions(null));
    }

    @Test
    void theMachinesMemoryIsReadFromTheFirstLineOfProcMeminfo() {
        byte[] meminfo = "MemTotal:       24684508 kB\nMemFree:         1000 kB\n".getBytes(StandardCharsets.US_ASCII);
        assertEquals(24105, Engine.memTotalMegabytes(meminfo, meminfo.length));
        assertEquals(24105, Engine.memTotalMegabytes(meminfo, 40), "a read that stopped early still has the line");
        byte[] other = "MemFree:         1000 kB\n".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0, Engine.memTotalMegabytes(other, other.length));
        assertEquals(0, Engine.memTotalMegabytes(new byte[0], 0));
        int heap = Engine.defaultHeapMegabytes();
        assertTrue(heap >= 0 && heap <= 2048, "a quarter of the memory, at most 2 GiB: " + heap);
    }

    @Test
    void userOptionsComeAfterTheDefaultsSoTheyOverrideThem() {
        Engine.Options options = new Engine.Options("java", "portolan.jar", 512, 800, List.of("-Xms64m"));
        List<String> cmd = Engine.command(options);
        int defaultHeapStart = cmd.indexOf("-Xms" + Engine.INITIAL_HEAP_MEGABYTES + "m");
        int userHeapStart = cmd.indexOf("-Xms64m");
        assertTrue(defaultHeapStart > 0 && userHeapStart > defaultHeapStart, cmd.toString());
        assertTrue(userHeapStart < cmd.indexOf("-cp"), cmd.toString());
        assertTrue(cmd.contains("-ea") && cmd.contains("-Xmx512m"), cmd.toString());
    }

    @Test
    void aUserHeapLimitDropsTheDefaultInitialHeapSoTheWorkerStillStarts() {
        String initial = "-Xms" + Engine.INITIAL_HEAP_MEGABYTES + "m";
        Engine.Options small = new Engine.Options("java", "portolan.jar", 512, 800, List.of("-Xmx32m"));
        assertTrue(!Engine.command(small).contains(initial), Engine.command(small).toString());
        Engine.Options tiny = new Engine.Options("java", "portolan.jar", 48, 800, List.of());
        assertTrue(!Engine.command(tiny).contains(initial), Engine.command(tiny).toString());
        Engine.Options usual = new Engine.Options("java", "portolan.jar", 512, 800, List.of());
        assertTrue(Engine.command(usual).contains(initial), Engine.command(usual).toString());
    }

    @Test
    void theKernelJarStartsItsWorkerWithMinusJarSoTheManifestOpensJShell(@TempDir Path dir) throws IOException {
        Path jar = Files.createFile(dir.resolve("portolan.jar"));
        List<String> cmd = Engine.command(new Engine.Options("java", jar.toString(), 512, 800, List.of()));
        assertEquals(List.of("-jar", jar.toString(), "worker"), cmd.subList(cmd.size() - 3, cmd.size()), cmd.toString());
        assertTrue(cmd.stream().noneMatch(o -> o.startsWith("--add-opens")), cmd.toString());

        List<String> classes = Engine.command(new Engine.Options("java", dir.toString(), 512, 800, List.of()));
        assertTrue(classes.contains("--add-opens=jdk.jshell/jdk.jshell=ALL-UNNAMED"), classes.toString());
        assertTrue(classes.contains("--add-opens=java.base/java.lang=ALL-UNNAMED"), classes.toString());
        assertEquals(List.of("-cp", dir.toString(), "portolan.kernel.jshell.WorkerMain"),
                classes.subList(classes.size() - 3, classes.size()), classes.toString());
    }

    @Test
    void aRebuiltJarsArchiveReplacesTheOldOneAndLeavesOtherJarsAlone(@TempDir Path dir) throws IOException {
        Path old = Files.createFile(dir.resolve("worker-17-abc-1111.jsa"));
        Path current = dir.resolve("worker-17-abc-2222.jsa");
        Files.createFile(current);
        Path otherJar = Files.createFile(dir.resolve("worker-17-def-1111.jsa"));
        Path otherJdk = Files.createFile(dir.resolve("worker-25-abc-1111.jsa"));
        Engine.forgetOlderArchives(dir, "worker-17-abc-", current);
        assertTrue(Files.exists(current) && Files.exists(otherJar) && Files.exists(otherJdk));
        assertTrue(!Files.exists(old), "the archive of the jar's earlier build is still there");
    }

    @Test
    void onlyTheNewestArchivesOfAJdkAreKept(@TempDir Path dir) throws IOException {
        List<Path> made = new ArrayList<>();
        for (int i = 0; i < 6; i++) { // six installs' archives, the last written most recently
            Path p = Files.createFile(dir.resolve("worker-17-jar" + i + "-1.jsa"));
            Files.setLastModifiedTime(p, java.nio.file.attribute.FileTime.fromMillis(1_000_000L * (i + 1)));
            made.add(p);
        }
        Path otherJdk = Files.createFile(dir.resolve("worker-25-jar0-1.jsa"));
        Path current = dir.resolve("worker-17-new-1.jsa"); // about to be written
        Engine.keepNewest(dir, "worker-17-", current, 4);
        for (int i = 0; i < 6; i++) {
            assertEquals(i >= 3, Files.exists(made.get(i)), "archive " + i);
        }
        assertTrue(Files.exists(otherJdk), "another JDK's archives are counted apart");
    }

    @Test
    void onJdk25TheAheadOfTimeCacheBesideTheJarIsUsed(@TempDir Path dir) throws IOException {
        Path jar = Files.createFile(dir.resolve("portolan.jar"));
        Files.createFile(WorkerCache.file(jar));
        List<String> flags = Engine.classDataSharing(Engine.Options.defaults().withClassPath(jar.toString()));
        boolean ahead = Runtime.version().feature() >= WorkerCache.FIRST_JDK;
        assertEquals(ahead, flags.contains("-XX:AOTCache=" + WorkerCache.file(jar)), flags.toString());
        assertEquals(!ahead, flags.stream().anyMatch(f -> f.startsWith("-XX:SharedArchiveFile=")
                || f.startsWith("-XX:ArchiveClassesAtExit=")), flags.toString());
    }

    @Test
    void beforeJdk25PreparingTheCacheSaysThereIsNoneAndWritesNothing(@TempDir Path dir) throws IOException {
        // On JDK 25 install.sh makes the cache for real, and test_survival.py checks the worker maps it.
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.version().feature() < WorkerCache.FIRST_JDK);
        Path jar = Files.createFile(dir.resolve("portolan.jar"));
        java.io.ByteArrayOutputStream said = new java.io.ByteArrayOutputStream();
        assertEquals(0, WorkerCache.prepare(jar, new java.io.PrintStream(said, true, java.nio.charset.StandardCharsets.UTF_8)));
        assertTrue(said.toString(java.nio.charset.StandardCharsets.UTF_8).contains("has no ahead-of-time cache"));
        assertTrue(!Files.exists(WorkerCache.file(jar)));
    }
}
