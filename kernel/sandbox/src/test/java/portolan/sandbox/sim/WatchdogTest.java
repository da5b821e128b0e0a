package portolan.sandbox.sim;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class WatchdogTest {
    @Test
    void aStallExpiresAfterTheThresholdAndProgressResetsIt() {
        Watchdog dog = new Watchdog(40_000_000L); // 40 ms threshold, 5 ms polls, at most 10 ms counted per poll
        assertFalse(dog.expired(1));
        int polls = 0;
        while (!dog.expired(1)) {
            dog.pause(this);
            polls++;
            assertTrue(polls < 1_000, "the watchdog never expired");
        }
        assertTrue(polls >= 4, "expired after only " + polls + " polls");
        assertFalse(dog.expired(2), "progress starts the count again");
        assertFalse(dog.expired(2), "and a fresh count is far from the threshold");
    }

    @Test
    void oneLongPauseOfEveryoneIsNotAStall() {
        Watchdog dog = new Watchdog(40_000_000L);
        assertFalse(dog.expired(7));
        LockSupport.parkNanos(120_000_000L); // like a 120 ms GC pause: three thresholds at once
        assertFalse(dog.expired(7), "a single late poll counts as two poll intervals, not as the whole gap");
    }
}
