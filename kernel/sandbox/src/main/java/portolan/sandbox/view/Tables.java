package portolan.sandbox.view;

import java.util.ArrayList;
import java.util.List;
import portolan.sandbox.Netstat;
import portolan.sandbox.Node;
import portolan.sandbox.stack.ArpCache;
import portolan.sandbox.stack.Route;
import portolan.sandbox.stack.Switch;

/** Tables builds the HTML/text tables of a node's state: sockets, ARP cache, routes, a switch's MAC table. */
public final class Tables {
    private Tables() {
    }

    public static HtmlTable netstat(Netstat n) {
        return HtmlTable.ofRecords("sockets of host " + n.host(), Netstat.Row.class, n.rows());
    }

    public static HtmlTable arp(Node node) {
        List<List<String>> rows = new ArrayList<>();
        for (ArpCache.Entry e : node.arpTable().entries()) {
            rows.add(List.of(e.ip().toString(), e.mac().toString(), e.nic().name(),
                    TimeText.seconds(e.expires())));
        }
        return new HtmlTable("ARP cache of " + node.name(), List.of("address", "MAC", "interface", "expires at"), rows);
    }

    public static HtmlTable routes(Node node) {
        List<List<String>> rows = new ArrayList<>();
        for (Route r : node.routes().routes()) {
            rows.add(List.of(r.destination().toString(), r.gateway() == null ? "-" : r.gateway().toString(),
                    r.nic() == null ? "-" : r.nic().name(), String.valueOf(r.kind())));
        }
        return new HtmlTable("routes of " + node.name(), List.of("destination", "gateway", "interface", "kind"), rows);
    }

    public static HtmlTable macTable(Switch sw) {
        List<List<String>> rows = new ArrayList<>();
        for (Switch.Learned l : sw.macTable().entries()) {
            rows.add(List.of(l.mac().toString(), "port" + l.port(), TimeText.seconds(l.lastSeen())));
        }
        return new HtmlTable("MAC table of switch " + sw.name(), List.of("MAC", "port", "last seen"), rows);
    }
}
