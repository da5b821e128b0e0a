package portolan.kernel.core;

import com.google.gson.JsonObject;

/**
 * A Jupyter MIME bundle: {@code data} maps MIME types to values (always with
 * {@code text/plain}), {@code metadata} holds per-type hints such as image sizes.
 */
public record MimeBundle(JsonObject data, JsonObject metadata) {

    public MimeBundle {
        if (data == null || !data.has("text/plain")) {
            throw new IllegalArgumentException("a MIME bundle needs a text/plain entry, got " + data);
        }
        if (metadata == null) {
            metadata = new JsonObject();
        }
    }

    public static MimeBundle text(String plain) {
        JsonObject data = new JsonObject();
        data.addProperty("text/plain", plain);
        return new MimeBundle(data, new JsonObject());
    }
}
