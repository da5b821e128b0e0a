package portolan.sandbox.apps;

import java.io.IOException;
import portolan.sandbox.Host;
import portolan.sandbox.sim.WaitQueue;

/**
 * Daemon starts a server program the way init starts a daemon: a privileged process with a name
 * ("named", "apache") opens its socket itself, so netstat and bind errors name it, and the caller
 * learns at once whether opening worked (a {@link java.net.BindException} is thrown to the caller).
 */
final class Daemon {
    private Daemon() {
    }

    /** Opens a socket (or anything) inside the new process. */
    interface Opener<S> {
        S open() throws IOException;
    }

    /** What the process does with what it opened. */
    interface Body<S> {
        void serve(S opened) throws Exception;
    }

    static <S> S start(Host host, String process, Opener<S> opener, Body<S> body) throws IOException {
        Object[] result = new Object[1];
        WaitQueue opened = new WaitQueue(host.network().simulator(), "host " + host.name() + ": starting " + process);
        host.spawnAsRoot(process, () -> {
            S s;
            try {
                s = opener.open();
                result[0] = s;
            } catch (IOException | RuntimeException e) {
                result[0] = e;
                opened.signalAll();
                return;
            }
            opened.signalAll();
            body.serve(s);
        });
        opened.awaitUntil(() -> result[0] != null);
        if (result[0] instanceof IOException e) {
            e.setStackTrace(new Throwable().getStackTrace());
            throw e;
        }
        if (result[0] instanceof RuntimeException e) {
            throw e;
        }
        @SuppressWarnings("unchecked")
        S s = (S) result[0];
        return s;
    }
}
