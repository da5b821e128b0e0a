package portolan.sandbox.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * HttpHeaders is the ordered list of header fields of an HTTP/1.1 message (RFC 9110 §5):
 * names are matched case-insensitively, the order and spelling they were written in is kept,
 * and a name may repeat. Immutable; {@link #with} and {@link #set} return copies.
 */
public final class HttpHeaders {
    /** One header field line, e.g. {@code Host: example.com}. */
    public record Field(String name, String value) {
        public Field {
            Http1.checkFieldName(name);
            Http1.checkFieldValue(name, value);
        }

        @Override
        public String toString() {
            return name + ": " + value;
        }
    }

    private static final HttpHeaders EMPTY = new HttpHeaders(List.of());
    private final List<Field> fields;

    private HttpHeaders(List<Field> fields) {
        this.fields = List.copyOf(fields);
    }

    public static HttpHeaders empty() {
        return EMPTY;
    }

    /** Headers from name/value pairs: {@code of("Host", "example.com", "Accept", "*}{@code /*")}. */
    public static HttpHeaders of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("HttpHeaders.of needs name, value pairs; got an odd number of strings");
        }
        List<Field> list = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            list.add(new Field(namesAndValues[i], namesAndValues[i + 1]));
        }
        return new HttpHeaders(list);
    }

    static HttpHeaders of(List<Field> fields) {
        return new HttpHeaders(fields);
    }

    public List<Field> fields() {
        return fields;
    }

    /** The first value of {@code name}, in any letter case. */
    public Optional<String> get(String name) {
        return fields.stream().filter(f -> f.name.equalsIgnoreCase(name)).map(Field::value).findFirst();
    }

    /** Every value of {@code name}, in order. */
    public List<String> all(String name) {
        return fields.stream().filter(f -> f.name.equalsIgnoreCase(name)).map(Field::value).toList();
    }

    public boolean contains(String name) {
        return get(name).isPresent();
    }

    /** A copy with one more field at the end. */
    public HttpHeaders with(String name, String value) {
        List<Field> list = new ArrayList<>(fields);
        list.add(new Field(name, value));
        return new HttpHeaders(list);
    }

    /** A copy where {@code name} has exactly one value, in the place of its first occurrence (or at the end). */
    public HttpHeaders set(String name, String value) {
        Field field = new Field(name, value);
        List<Field> list = new ArrayList<>();
        boolean placed = false;
        for (Field f : fields) {
            if (!f.name.equalsIgnoreCase(name)) {
                list.add(f);
            } else if (!placed) {
                list.add(field);
                placed = true;
            }
        }
        if (!placed) {
            list.add(field);
        }
        return new HttpHeaders(list);
    }

    /**
     * The body length announced by Content-Length (RFC 9112 §6.3), if present.
     *
     * @throws MalformedPacketException if it is not a number or repeats with different values
     */
    public OptionalLong contentLength() {
        List<String> values = all("Content-Length");
        if (values.isEmpty()) {
            return OptionalLong.empty();
        }
        String first = values.get(0).trim();
        for (String v : values) {
            if (!v.trim().equals(first)) {
                throw new MalformedPacketException("Content-Length", "Content-Length appears twice with different values ("
                        + String.join(" and ", values) + "), so the body length is ambiguous");
            }
        }
        if (!first.matches("[0-9]{1,18}")) {
            throw new MalformedPacketException("Content-Length", "Content-Length is \"" + first
                    + "\" but must be a whole number of bytes such as 42");
        }
        return OptionalLong.of(Long.parseLong(first));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HttpHeaders h && fields.equals(h.fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    /** The field lines separated by CRLF-free "; ", e.g. {@code Host: example.com; Accept: *}{@code /*}. */
    @Override
    public String toString() {
        return String.join("; ", fields.stream().map(Field::toString).toList());
    }
}
