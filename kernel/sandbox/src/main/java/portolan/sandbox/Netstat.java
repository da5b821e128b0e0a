package portolan.sandbox;

import java.util.ArrayList;
import java.util.List;

/**
 * A Netstat is a snapshot of a host's sockets, like {@code netstat -anp}: protocol, local and
 * remote address, TCP state, descriptor and owning process. Connections no process holds any
 * more (closing, TIME-WAIT) show "-" as descriptor and process.
 */
public record Netstat(String host, List<Row> rows) {
    /** One socket. */
    public record Row(String protocol, String local, String remote, String state, String descriptor, String process) {
    }

    public Netstat {
        rows = List.copyOf(rows);
    }

    /** Rows whose TCP state is {@code state} (e.g. "TIME-WAIT"). */
    public List<Row> inState(String state) {
        return rows.stream().filter(r -> r.state().equals(state)).toList();
    }

    /** The table as HTML, for notebooks. */
    public String toHtml() {
        return portolan.sandbox.view.Tables.netstat(this).toHtml();
    }

    @Override
    public String toString() {
        List<String[]> table = new ArrayList<>();
        table.add(new String[] {"proto", "local", "remote", "state", "fd", "process"});
        for (Row r : rows) {
            table.add(new String[] {r.protocol(), r.local(), r.remote(), r.state(), r.descriptor(), r.process()});
        }
        return "sockets of host " + host + "\n" + TextTable.render(table);
    }
}
