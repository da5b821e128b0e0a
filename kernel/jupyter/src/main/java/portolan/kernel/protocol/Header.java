package portolan.kernel.protocol;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * A Jupyter message header: {@code msg_id}, {@code session}, {@code username}, {@code date},
 * {@code msg_type} and {@code version}. A received header keeps its JSON as it arrived
 * (including fields we do not know, such as 5.5's {@code subshell_id}) so that replies can
 * echo it verbatim as their parent header.
 */
public record Header(String msgId, String session, String username, String date, String msgType,
                     String version, JsonObject json) {

    public Header {
        if (json == null) {
            json = new JsonObject();
            json.addProperty("msg_id", msgId);
            json.addProperty("session", session);
            json.addProperty("username", username);
            json.addProperty("date", date);
            json.addProperty("msg_type", msgType);
            json.addProperty("version", version);
        }
    }

    /** A header built from its fields, as the kernel creates for the messages it sends. */
    public static Header of(String msgId, String session, String username, String date, String msgType,
                            String version) {
        return new Header(msgId, session, username, date, msgType, version, null);
    }

    /**
     * Reads a received header. Only {@code msg_type} is required: a message without it cannot be
     * dispatched. Missing strings become empty.
     */
    public static Header fromJson(JsonObject json) throws MalformedMessageException {
        String msgType = string(json, "msg_type");
        if (msgType.isEmpty()) {
            throw new MalformedMessageException("the message header has no msg_type: " + json);
        }
        return new Header(string(json, "msg_id"), string(json, "session"), string(json, "username"),
                string(json, "date"), msgType, string(json, "version"), json.deepCopy());
    }

    /** The header as JSON; a copy, so callers may modify it. */
    public JsonObject toJson() {
        return json.deepCopy();
    }

    private static String string(JsonObject json, String name) throws MalformedMessageException {
        JsonElement value = json.get(name);
        if (value == null || value.isJsonNull()) {
            return "";
        }
        if (!value.isJsonPrimitive()) {
            throw new MalformedMessageException("header field " + name + " must be a string, got " + value);
        }
        return value.getAsString();
    }
}
