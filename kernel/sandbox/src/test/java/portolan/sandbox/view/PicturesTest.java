package portolan.sandbox.view;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import portolan.sandbox.HomeStory;
import portolan.sandbox.Network;
import portolan.sandbox.Topologies;

/** Every picture of the sandbox is well-formed XML, deterministic, labelled, and has a text fallback. */
class PicturesTest {

    /** Parses {@code xml} with the JDK's parser, secure processing on and no DOCTYPE or external entities. */
    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setExpandEntityReferences(false);
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    /** The notes' home with a successful forwarded fetch and one refused by the 공유기 (no rule for 8082). */
    static HomeStory scenario() {
        HomeStory h = new HomeStory(7, true);
        assertEquals("laptop's page", HomeStory.fetch(h.net, h.phone, "59.6.66.238", 8081));
        assertTrue(HomeStory.fetch(h.net, h.phone, "59.6.66.238", 8082).startsWith("failed"));
        return h;
    }

    @Test
    void topologyIsValidDeterministicSvgWithNamesAddressesAndPorts() throws Exception {
        HomeStory a = scenario();
        String svg = a.net.toSvg();
        Document doc = parse(svg);
        assertEquals("svg", doc.getDocumentElement().getLocalName());
        assertTrue(svg.contains("공유기"), svg);
        for (String label : List.of("desktop", "laptop", "phone", "192.168.0.3/24", "59.6.66.238", "listening")) {
            assertTrue(svg.contains(label), label + " missing from\n" + svg);
        }
        assertEquals(svg, scenario().net.toSvg(), "same scenario, same picture");
        String text = a.net.topology().toString();
        assertTrue(text.contains("host laptop") && text.contains("192.168.0.4/24"), text);
        assertTrue(doc.getDocumentElement().getTextContent().contains("공유기"));
    }

    @Test
    void sequenceShowsFlagsNatRewriteAndDropsWithReasons() throws Exception {
        HomeStory a = scenario();
        SequenceDiagram all = a.net.sequence();
        String svg = all.toSvg();
        parse(svg);
        assertEquals(svg, scenario().net.sequence().toSvg());
        assertTrue(svg.contains("SYN"), "TCP flags are labelled");
        // NAT: the phone's SYN reaches the public address; the router forwards it to the laptop's private one
        SequenceDiagram http = all.port(8081).protocol("TCP");
        assertFalse(http.arrows().isEmpty());
        String text = http.toString();
        assertTrue(text.contains("→ 59.6.66.238"), text);
        assertTrue(a.net.sequence().port(80).host("laptop").toString().contains("→ 192.168.0.4"), "rewritten side");
        SequenceDiagram drops = all.drops();
        assertFalse(drops.arrows().isEmpty(), "the fetch to 8082 was refused somewhere");
        String dropSvg = drops.toSvg();
        parse(dropSvg);
        String reason = drops.arrows().get(0).at().reason();
        assertTrue(reason != null && !reason.isBlank());
        assertTrue(dropSvg.contains("✕ " + Xml.escape(reason)), dropSvg);
        assertTrue(drops.toString().contains("✕ " + reason));
        all.host("phone").arrows().forEach(x -> assertTrue(x.from().equals("phone") || x.to().equals("phone")));
        all.protocol("ARP").arrows().forEach(x -> assertEquals("ARP", x.sent().protocol()));
        assertFalse(all.protocol("ARP").arrows().isEmpty());
    }

    @Test
    void packetTableAndLayeredViewAreWellFormedAndReadable() throws Exception {
        HomeStory a = scenario();
        HtmlTable table = a.net.packets();
        String html = table.toHtml();
        parse(html);
        assertEquals(html, scenario().net.packets().toHtml());
        assertEquals(List.of("No.", "Time", "Where", "Event", "Source", "Destination", "Protocol", "Info", "Reason"),
                table.headers());
        assertEquals(a.net.trace().size(), table.rows().size());
        long syn = a.net.trace().where(e -> e.summary().contains("[SYN]")).get(0).number();
        PacketView view = a.net.packet(syn);
        String layered = view.toHtml();
        parse("<root>" + layered + "</root>");
        assertEquals(List.of("EthernetFrame", "Ipv4Packet", "TcpSegment"), view.layers().stream().map(PacketView.Layer::name).toList());
        assertTrue(view.toString().contains("sourcePort: "), view.toString());
        assertTrue(view.hexDump().startsWith("0000  "), view.hexDump());
        assertEquals((a.net.trace().get(syn).frame().length + 15) / 16, view.hexDump().lines().count());
        assertThrows(IllegalArgumentException.class, () -> a.net.packet(0));
    }

    @Test
    void pcapDownloadCarriesTheCaptureBytes() throws Exception {
        HomeStory a = scenario();
        Download d = a.net.pcap("home.pcap");
        Map<String, Object> bundle = d.toMimeBundle();
        assertEquals(List.of(Download.PCAP, "text/html", "text/plain"), new ArrayList<>(bundle.keySet()));
        byte[] bytes = (byte[]) bundle.get(Download.PCAP);
        assertArrayEquals(a.net.capture().pcapBytes(), bytes);
        String html = (String) bundle.get("text/html");
        parse(html);
        String b64 = html.substring(html.indexOf("base64,") + 7, html.indexOf('"', html.indexOf("base64,")));
        assertArrayEquals(bytes, Base64.getDecoder().decode(b64));
        assertTrue(d.toString().contains(bytes.length + " bytes"));
        assertThrows(IllegalArgumentException.class, () -> Download.pcap("../x.pcap", bytes, ""));

        Download phone = a.net.pcap("phone.pcap", "phone:eth0");
        byte[] one = (byte[]) phone.toMimeBundle().get(Download.PCAP);
        assertArrayEquals(a.net.capture("phone:eth0").pcapBytes(), one);
        assertTrue(one.length < bytes.length, "one interface's view is part of the whole");
        assertTrue(phone.toString().contains("frames seen at phone:eth0"), phone.toString());
        IllegalArgumentException nowhere = assertThrows(IllegalArgumentException.class,
                () -> a.net.pcap("x.pcap", "phone:eth9"));
        assertTrue(nowhere.getMessage().startsWith("nothing was seen at phone:eth9"), nowhere.getMessage());
    }

    @Test
    void percentileChartComputesNearestRankAndDrawsEverySeries() throws Exception {
        Map<String, List<Long>> samples = new LinkedHashMap<>();
        List<Long> hundred = new ArrayList<>();
        for (long i = 1; i <= 100; i++) {
            hundred.add(i);
        }
        samples.put("thread per connection", hundred);
        samples.put("event loop <epoll>", List.of(3L, 1L, 2L));
        Chart c = Chart.percentiles("response time", "ms", samples);
        assertArrayEquals(new double[] {50, 90, 95, 99, 100}, c.of("thread per connection"));
        assertArrayEquals(new double[] {2, 3, 3, 3, 3}, c.of("event loop <epoll>"));
        String svg = c.toSvg();
        parse(svg);
        assertEquals(svg, Chart.percentiles("response time", "ms", samples).toSvg());
        assertTrue(svg.contains("event loop &lt;epoll&gt;"));
        assertEquals(2, parse(svg).getElementsByTagNameNS("http://www.w3.org/2000/svg", "polyline").getLength());
        assertTrue(c.toString().contains("p99 (ms)"));
        assertThrows(IllegalArgumentException.class, () -> Chart.percentiles("x", "ms", Map.of("empty", List.of())));
    }

    @Test
    void tablesOfNodeStateRenderAsHtmlAndText() throws Exception {
        try (Network net = Topologies.threeRouters(3)) {
            net.node("pc").ping("10.0.3.10");
            String routes = Tables.routes(net.node("r2")).toHtml();
            parse(routes);
            assertTrue(routes.contains("10.0.3.0/24") && routes.contains("10.0.23.2"), routes);
            HtmlTable arp = Tables.arp(net.node("pc"));
            assertTrue(arp.toString().contains("192.168.0.1"), arp.toString());
            parse(arp.toHtml());
        }
        HomeStory a = scenario();
        String netstat = a.laptop.netstat().toHtml();
        parse(netstat);
        assertTrue(netstat.contains("LISTEN"), netstat);
        String fds = a.laptop.sockets().descriptors().toHtml();
        parse(fds);
        assertTrue(fds.contains("LISTEN") && fds.contains("descriptors of host laptop"), fds);
        HtmlTable mac = Tables.macTable(a.home.lan());
        assertFalse(mac.rows().isEmpty());
        parse(mac.toHtml());
    }

    @Test
    void escapingKeepsHostileAndKoreanTextWellFormed() throws Exception {
        String name = "<공유기 & \"router\" 'x'>\u0001";
        String svg = new Svg(10, 10).text(1, 1, name, "start", "a\"b", name).render(name);
        Document doc = parse(svg);
        assertTrue(doc.getDocumentElement().getTextContent().contains("<공유기 & \"router\" 'x'>\uFFFD"));
        HtmlTable t = new HtmlTable(name, List.of("a"), List.of(List.of(name)));
        parse(t.toHtml());
        assertTrue(t.toString().contains(name));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HtmlTable("t", List.of("a", "b"), List.of(List.of("only one"))));
        assertTrue(e.getMessage().contains("2 columns"));
        assertThrows(IllegalArgumentException.class, () -> new Svg(0, 10));
    }
}
