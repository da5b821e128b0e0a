package portolan.sandbox.apps;

import portolan.sandbox.Host;
import portolan.sandbox.Network;
import portolan.sandbox.stack.Switch;

/** A small internet for the web scenarios: a home LAN, one router, a server LAN with a web server and a DNS server. */
final class WebScenarios {
    final Network net;
    final Host pc;
    final Host server;
    final Host ns;
    final DnsServer dns;

    WebScenarios(long seed) throws Exception {
        net = new Network(seed);
        Switch home = net.lan("home");
        Switch dc = net.lan("datacenter");
        net.router("r1").attach(home, "192.168.0.1/24").attach(dc, "1.2.3.1/24");
        pc = net.host("pc").attach(home, "192.168.0.4/24").gateway("192.168.0.1").dns("1.2.3.53");
        server = net.host("server").attach(dc, "1.2.3.4/24").gateway("1.2.3.1").dns("1.2.3.53");
        ns = net.host("ns").attach(dc, "1.2.3.53/24").gateway("1.2.3.1");
        dns = DnsServer.start(ns).add("opentutorials.org", "1.2.3.4").add("www.opentutorials.org", "opentutorials.org");
    }
}
