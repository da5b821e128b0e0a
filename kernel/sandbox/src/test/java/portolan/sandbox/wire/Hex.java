package portolan.sandbox.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.function.Executable;

/** Test helpers: hex dumps with free spacing, and the malformed-input assertion. */
final class Hex {
    private Hex() {
    }

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
    }

    static String of(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** Asserts that parsing fails with a MalformedPacketException naming {@code field}; returns its message. */
    static String malformed(String field, Executable parse) {
        MalformedPacketException e = assertThrows(MalformedPacketException.class, parse);
        assertEquals(field, e.field(), () -> "wrong field in: " + e.getMessage());
        return e.getMessage();
    }
}
