package portolan.grader;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Test classes as a teacher writes them in a test cell, run by {@link CellTestsTest} through
 * CellTests; one fails on purpose, so the {@code cell-sample} tag keeps Surefire from running them itself.
 */
final class JunitCellSamples {

    private JunitCellSamples() {
    }

    static int square(int x) {
        return x * x + (x < 0 ? 1 : 0); // wrong for negative numbers on purpose
    }

    @Tag("cell-sample")
    static class Square {
        @Test
        @Tag("points=2")
        void positive() {
            org.junit.jupiter.api.Assertions.assertEquals(4, square(2));
        }

        @Test
        void negative() {
            org.junit.jupiter.api.Assertions.assertEquals(9, square(-3), "square(-3)");
        }

        @Test
        void onlyInTheLab() {
            org.junit.jupiter.api.Assumptions.assumeTrue(false, "needs the lab's database");
        }
    }

    @Tag("cell-sample")
    static class BrokenSetup {
        @BeforeAll
        static void setUp() {
            throw new IllegalStateException("no database");
        }

        @Test
        void needsSetup() {
        }
    }
}
