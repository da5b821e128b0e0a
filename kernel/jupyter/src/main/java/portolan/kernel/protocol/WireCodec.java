package portolan.kernel.protocol;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Jupyter wire format: converts between the frames of one ZeroMQ multipart message and a
 * {@link Message}. The frames are {@code [identity..., "<IDS|MSG>", signature, header,
 * parent_header, metadata, content, buffer...]} (messaging spec, "The Wire Protocol").
 */
public final class WireCodec {

    /** The frame that separates routing identities from the message. */
    public static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.UTF_8);

    private WireCodec() {
    }

    /**
     * Parses and authenticates received frames.
     *
     * @throws MalformedMessageException when the delimiter or a JSON frame is missing, the
     *                                   signature does not match, or a JSON frame is not an object
     */
    public static Message decode(List<byte[]> frames, Signer signer) throws MalformedMessageException {
        int delimiter = indexOfDelimiter(frames);
        if (delimiter < 0) {
            throw new MalformedMessageException("no <IDS|MSG> delimiter among " + frames.size() + " frames");
        }
        if (frames.size() < delimiter + 6) {
            throw new MalformedMessageException("expected a signature and four JSON frames after <IDS|MSG>, got "
                    + (frames.size() - delimiter - 1) + " frames");
        }
        List<byte[]> json = List.copyOf(frames.subList(delimiter + 2, delimiter + 6));
        if (!signer.verify(frames.get(delimiter + 1), json)) {
            throw new MalformedMessageException("bad HMAC signature (is the key in the connection file the one the "
                    + "client uses?)");
        }
        Header header = Header.fromJson(object(json.get(0), "header"));
        return new Message(frames.subList(0, delimiter), header, object(json.get(1), "parent_header"),
                object(json.get(2), "metadata"), object(json.get(3), "content"),
                frames.subList(delimiter + 6, frames.size()), json);
    }

    /** The frames for {@code message}, signed by {@code signer}. */
    public static List<byte[]> encode(Message message, Signer signer) {
        List<byte[]> json = List.of(
                utf8(message.header().toJson()),
                utf8(message.parentHeader()),
                utf8(message.metadata()),
                utf8(message.content()));
        List<byte[]> frames = new ArrayList<>(message.identities().size() + 6 + message.buffers().size());
        frames.addAll(message.identities());
        frames.add(DELIMITER);
        frames.add(signer.sign(json).getBytes(StandardCharsets.US_ASCII));
        frames.addAll(json);
        frames.addAll(message.buffers());
        return frames;
    }

    private static int indexOfDelimiter(List<byte[]> frames) {
        for (int i = 0; i < frames.size(); i++) {
            if (Arrays.equals(frames.get(i), DELIMITER)) {
                return i;
            }
        }
        return -1;
    }

    private static JsonObject object(byte[] frame, String name) throws MalformedMessageException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(frame)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedMessageException("the " + name + " frame is not valid UTF-8", e);
        }
        try {
            JsonElement element = JsonParser.parseString(text);
            if (!element.isJsonObject()) {
                throw new MalformedMessageException("the " + name + " frame must be a JSON object, got: " + shorten(text));
            }
            return element.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new MalformedMessageException("the " + name + " frame is not valid JSON: " + shorten(text), e);
        }
    }

    private static byte[] utf8(JsonObject json) {
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String shorten(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
