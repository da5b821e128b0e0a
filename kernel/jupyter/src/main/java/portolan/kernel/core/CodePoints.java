package portolan.kernel.core;

/**
 * Conversions between the protocol's cursor positions, counted in Unicode code points
 * (messaging spec 5.2, "cursor_pos is now in Unicode code points"), and Java {@code String}
 * indices, counted in UTF-16 units. They differ as soon as the code holds a character outside
 * the Basic Multilingual Plane, such as an emoji.
 */
final class CodePoints {

    private CodePoints() {
    }

    /** The UTF-16 index of code point position {@code codePoints}, clamped to the string. */
    static int toUtf16(String code, int codePoints) {
        int total = code.codePointCount(0, code.length());
        int clamped = Math.max(0, Math.min(codePoints, total));
        return code.offsetByCodePoints(0, clamped);
    }

    /** The code point position of UTF-16 index {@code utf16}, clamped to the string. */
    static int fromUtf16(String code, int utf16) {
        int clamped = Math.max(0, Math.min(utf16, code.length()));
        return code.codePointCount(0, clamped);
    }
}
