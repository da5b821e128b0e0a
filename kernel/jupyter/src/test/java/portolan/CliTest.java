package portolan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CliTest {

    @Test
    void handlesOnlyItsOwnCommands() {
        assertEquals(-1, Cli.dispatch(new String[0]));
        assertEquals(-1, Cli.dispatch(new String[] {"kernel", "x.json"}));
        assertEquals(0, Cli.dispatch(new String[] {"grade", "help"}));
        assertEquals(0, Cli.dispatch(new String[] {"run", "--help"}));
        assertEquals(2, Cli.dispatch(new String[] {"run"}), "no notebook given");
    }
}
