package portolan.sandbox.view;

import portolan.sandbox.Netstat;
import portolan.sandbox.Node;
import portolan.sandbox.stack.Switch;

/**
 * Tables gives a node's state tables as {@link HtmlTable}s: sockets, ARP cache, routes, a
 * switch's MAC table. Each is also the object's own HTML form, so {@code pc.arpTable()} at the
 * end of a cell shows the same table.
 */
public final class Tables {
    private Tables() {
    }

    public static HtmlTable netstat(Netstat n) {
        return HtmlTable.ofRecords("sockets of host " + n.host(), Netstat.Row.class, n.rows());
    }

    public static HtmlTable arp(Node node) {
        return new HtmlTable(node.arpTable().table());
    }

    public static HtmlTable routes(Node node) {
        return new HtmlTable(node.routes().table());
    }

    public static HtmlTable macTable(Switch sw) {
        return new HtmlTable(sw.macTable().table());
    }
}
