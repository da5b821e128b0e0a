package portolan.kernel.jshell;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The rendering convention, the registry and the wrapper values, in process (no worker). */
class RenderersTest {

    @AfterEach
    void forget() {
        Renderers.clear();
    }

    public static final class Everything {
        public String toHtml() {
            return "<b>e</b>";
        }

        public String toSvg() {
            return "<svg/>";
        }

        public String toMarkdown() {
            return "**e**";
        }

        public String toLatex() {
            return "$e$";
        }

        public String toJson() {
            return "{\"e\": 1}";
        }

        @Override
        public String toString() {
            return "E";
        }
    }

    public static final class Bundled {
        public Map<String, Object> toMimeBundle() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("text/plain", "bundled text");
            m.put("image/png", new byte[] {1, 2, 3});
            m.put("text/html", "<p>b</p>");
            return m;
        }
    }

    public static final class Throws {
        public String toHtml() {
            throw new IllegalStateException("boom");
        }

        public String toMarkdown() {
            return "still *here*";
        }

        @Override
        public String toString() {
            return "T";
        }
    }

    public static final class BadJson {
        public String toJson() {
            return "{not json";
        }
    }

    static JsonObject data(Object value) {
        return Renderers.render(value, null).bundle().data();
    }

    @Test
    void everyConventionMethodBecomesItsMimeType() {
        JsonObject d = data(new Everything());
        assertEquals("E", d.get("text/plain").getAsString());
        assertEquals("<b>e</b>", d.get("text/html").getAsString());
        assertEquals("<svg/>", d.get("image/svg+xml").getAsString());
        assertEquals("**e**", d.get("text/markdown").getAsString());
        assertEquals("$e$", d.get("text/latex").getAsString());
        assertEquals(1, d.getAsJsonObject("application/json").get("e").getAsInt());
    }

    @Test
    void toMimeBundleGivesTextAndBase64Bytes() {
        JsonObject d = data(new Bundled());
        assertEquals("bundled text", d.get("text/plain").getAsString());
        assertEquals(Base64.getEncoder().encodeToString(new byte[] {1, 2, 3}), d.get("image/png").getAsString());
        assertEquals("<p>b</p>", d.get("text/html").getAsString());
    }

    @Test
    void aThrowingMethodIsSkippedWithANoteAndTheOthersStay() {
        Renderers.Rendering r = Renderers.render(new Throws(), null);
        JsonObject d = r.bundle().data();
        assertFalse(d.has("text/html"));
        assertEquals("still *here*", d.get("text/markdown").getAsString());
        assertEquals("T", d.get("text/plain").getAsString());
        assertEquals(1, r.notes().size());
        assertTrue(r.notes().get(0).contains("Throws.toHtml() threw IllegalStateException: boom"), r.notes()::toString);
    }

    @Test
    void invalidJsonIsDroppedWithANote() {
        Renderers.Rendering r = Renderers.render(new BadJson(), null);
        assertFalse(r.bundle().data().has("application/json"));
        assertTrue(r.notes().get(0).contains("application/json"), r.notes()::toString);
    }

    @Test
    void plainObjectsAndNullAreText() {
        assertEquals("[1, 2]", data(List.of(1, 2)).get("text/plain").getAsString());
        assertEquals(1, data(List.of(1, 2)).size());
        assertEquals("null", data(null).get("text/plain").getAsString());
        assertEquals("\"q\"", Renderers.render("q", "\"q\"").bundle().data().get("text/plain").getAsString());
    }

    @Test
    void registryWinsLatestFirstAndCoversSubtypes() {
        Renderers.register(CharSequence.class, s -> Display.html("<u>" + s + "</u>"));
        JsonObject first = data(new StringBuilder("x"));
        assertEquals("<u>x</u>", first.get("text/html").getAsString());
        assertEquals("x", first.get("text/plain").getAsString());
        Renderers.register(StringBuilder.class, s -> Map.of("text/markdown", "_" + s + "_"));
        JsonObject d = data(new StringBuilder("y"));
        assertEquals("_y_", d.get("text/markdown").getAsString());
        assertFalse(d.has("text/html"));
        Renderers.register(Everything.class, e -> {
            throw new IllegalArgumentException("nope");
        });
        Renderers.Rendering r = Renderers.render(new Everything(), null);
        assertEquals(1, r.bundle().data().size());
        assertTrue(r.notes().get(0).contains("registered for Everything failed"), r.notes()::toString);
        assertThrows(IllegalArgumentException.class, () -> Renderers.register(null, x -> x));
    }

    @Test
    void bufferedImageBecomesADecodablePng() throws Exception {
        BufferedImage image = new BufferedImage(5, 2, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(1, 1, 0xFFFF0000);
        String b64 = data(image).get("image/png").getAsString();
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(b64)));
        assertEquals(5, back.getWidth());
        assertEquals(0xFFFF0000, back.getRGB(1, 1));
        assertArrayEquals(Base64.getDecoder().decode(b64), Base64.getDecoder().decode(data(Display.png(image))
                .get("image/png").getAsString()));
    }

    @Test
    void wrappersCarryTheirTypeAndAText() {
        assertEquals("<i>h</i>", data(Display.html("<i>h</i>")).get("text/html").getAsString());
        assertEquals("# m", data(Display.markdown("# m")).get("text/plain").getAsString());
        assertEquals("[1]", data(Display.json("[1]")).getAsJsonArray("application/json").toString());
        assertThrows(IllegalArgumentException.class, () -> Display.html(null));
        assertThrows(IllegalArgumentException.class, () -> Display.png(new byte[2]));
    }

    @Test
    void displayFunctionsDoNotClashWithStartupImportNames() throws Exception {
        for (String pkg : StartupImports.PACKAGES) {
            for (String name : StartupImportsTest.publicClasses(pkg)) {
                for (java.lang.reflect.Method m : Display.class.getMethods()) {
                    assertFalse(m.getName().equals(name), m.getName() + " is also a class in " + pkg);
                }
                assertFalse(name.equals("Rich"), "Display.Rich would shadow " + pkg + ".Rich");
            }
        }
    }

    @Test
    void sandboxStateTablesRenderAsHtmlTablesWithTheirTextTable() {
        try (portolan.sandbox.Network net = new portolan.sandbox.Network(1)) {
            portolan.sandbox.Isp kt = net.isp("KT", "59.6.64.0/20");
            portolan.sandbox.HomeRouter home = net.homeRouter("공유기").connect(kt);
            portolan.sandbox.Host laptop = home.join(net.host("laptop"));
            home.forward(portolan.sandbox.stack.IpProtocol.TCP, 8081, laptop, 80);
            List<Object> tables = List.of(home.forwards(), home.leases(), home.natTable(), laptop.arpTable(),
                    laptop.routes(), home.lan().macTable(), kt.leases(), laptop.netstat());
            for (Object table : tables) {
                JsonObject d = data(table);
                assertTrue(d.get("text/html").getAsString().startsWith("<table class=\"portolan-table\"><caption>"),
                        table.getClass() + ": " + d);
                assertEquals(table.toString(), d.get("text/plain").getAsString());
            }
            assertTrue(data(home.forwards()).get("text/html").getAsString().contains("<td>8081</td>"));
        }
    }
}
