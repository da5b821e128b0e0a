package portolan.kernel.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

class MimeBundleTest {

    @Test
    void textBundleCarriesPlainText() {
        assertEquals("42", MimeBundle.text("42").data().get("text/plain").getAsString());
    }

    @Test
    void bundleWithoutPlainTextIsRefused() {
        JsonObject html = new JsonObject();
        html.addProperty("text/html", "<b>x</b>");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MimeBundle(html, null));
        assertEquals(true, e.getMessage().contains("text/plain"));
    }
}
