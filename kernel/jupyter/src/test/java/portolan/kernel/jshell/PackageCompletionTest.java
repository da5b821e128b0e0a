package portolan.kernel.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Package names in an import are completed without JShell's class index (still being built just after start). */
class PackageCompletionTest {

    private static List<String> complete(String before, int[] anchor) {
        Set<String> matches = new LinkedHashSet<>();
        Assist.completePackage(before, matches, anchor);
        return List.copyOf(matches);
    }

    @Test
    void theNextPackageSegmentIsOfferedWithItsDot() {
        int[] anchor = new int[1];
        assertEquals(List.of("concurrent."), complete("import java.util.conc", anchor));
        assertEquals("import java.util.".length(), anchor[0]);
        assertTrue(complete("import static java.util.", anchor).containsAll(List.of("concurrent.", "function.", "stream.")));
        assertEquals(List.of("sandbox."), complete("int x = 1;\nimport portolan.sand", anchor));
    }

    @Test
    void outsideAnImportNothingIsOffered() {
        int[] anchor = new int[1];
        assertEquals(List.of(), complete("java.util.conc", anchor));
        assertEquals(List.of(), complete("import java.util.nothingLikeThis", anchor));
    }
}
