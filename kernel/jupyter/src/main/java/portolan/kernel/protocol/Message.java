package portolan.kernel.protocol;

import com.google.gson.JsonObject;
import java.util.List;

/**
 * One Jupyter message: the routing identities that precede the delimiter (for iopub, the
 * topic), the header, the parent header ({@code {}} when there is none), metadata, content and
 * raw binary buffers.
 *
 * <p>{@code received} holds the exact bytes of the four JSON frames as they arrived (header,
 * parent header, metadata, content), because the HMAC is computed over those bytes and not
 * over any re-serialisation; it is empty for messages the kernel builds itself.
 */
public record Message(List<byte[]> identities, Header header, JsonObject parentHeader, JsonObject metadata,
                      JsonObject content, List<byte[]> buffers, List<byte[]> received) {

    public Message {
        identities = List.copyOf(identities);
        buffers = List.copyOf(buffers);
        received = List.copyOf(received);
        if (parentHeader == null) {
            parentHeader = new JsonObject();
        }
        if (metadata == null) {
            metadata = new JsonObject();
        }
        if (content == null) {
            content = new JsonObject();
        }
    }

    /** A message to send, with no buffers. */
    public static Message of(List<byte[]> identities, Header header, JsonObject parentHeader, JsonObject content) {
        return new Message(identities, header, parentHeader, new JsonObject(), content, List.of(), List.of());
    }

    public String msgType() {
        return header.msgType();
    }

    /** This message addressed to other identities (for iopub: a topic). */
    public Message withIdentities(List<byte[]> newIdentities) {
        return new Message(newIdentities, header, parentHeader, metadata, content, buffers, received);
    }

    @Override
    public String toString() {
        return "Message[" + header.msgType() + " " + header.msgId() + " content=" + content + "]";
    }
}
