package portolan.kernel.protocol;

import com.google.gson.JsonObject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

/**
 * The kernel side of a Jupyter session: a session id fresh for every kernel process (clients
 * use a change of it to notice a restart), the user name, and the factory for the headers of
 * messages the kernel sends.
 */
public final class Session {

    /** The messaging protocol version this kernel speaks. */
    public static final String PROTOCOL_VERSION = "5.4";

    private final String id;
    private final String username;

    public Session(String id, String username) {
        this.id = id;
        this.username = username;
    }

    /** A session with a random id and the current OS user. */
    public static Session create() {
        return new Session(UUID.randomUUID().toString(), System.getProperty("user.name", "kernel"));
    }

    public String id() {
        return id;
    }

    /** A new message of type {@code msgType} caused by {@code parent} (null: no parent), addressed to no one. */
    public Message message(String msgType, JsonObject content, Message parent) {
        JsonObject parentHeader = parent == null ? new JsonObject() : parent.header().toJson();
        return Message.of(List.of(), header(msgType), parentHeader, content);
    }

    /** The reply to {@code request}: {@code parent} header = the request's, same identities. */
    public Message reply(Message request, String msgType, JsonObject content) {
        return Message.of(request.identities(), header(msgType), request.header().toJson(), content);
    }

    private Header header(String msgType) {
        // ISO 8601 with an explicit offset, as the spec asks for the date field.
        String date = OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        return Header.of(UUID.randomUUID().toString(), id, username, date, msgType, PROTOCOL_VERSION);
    }
}
