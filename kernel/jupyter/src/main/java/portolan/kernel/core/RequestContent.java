package portolan.kernel.core;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Typed reads of a request's content with the protocol's defaults: a field that is missing,
 * null or of the wrong JSON type reads as the default, because clients differ in what they send.
 */
record RequestContent(JsonObject json) {

    String string(String name, String fallback) {
        JsonElement value = json.get(name);
        return value != null && value.isJsonPrimitive() ? value.getAsString() : fallback;
    }

    boolean bool(String name, boolean fallback) {
        JsonElement value = json.get(name);
        return value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isBoolean()
                ? value.getAsBoolean() : fallback;
    }

    int integer(String name, int fallback) {
        JsonElement value = json.get(name);
        if (value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()) {
            return value.getAsInt();
        }
        return fallback;
    }

    JsonObject object(String name) {
        JsonElement value = json.get(name);
        return value != null && value.isJsonObject() ? value.getAsJsonObject() : new JsonObject();
    }
}
