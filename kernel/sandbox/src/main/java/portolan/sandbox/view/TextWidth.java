package portolan.sandbox.view;

import java.util.ArrayList;
import java.util.List;

/**
 * TextWidth estimates how wide a label draws in a monospace font, without a font: a picture is
 * laid out from these estimates so the same input always gives the same bytes. Latin letters,
 * digits and punctuation count 0.6 em (the advance of common monospace fonts); Hangul, CJK and
 * other characters from U+1100 on count a full em, which monospace fonts give wide characters
 * (and which is an upper bound for arrows and symbols).
 */
final class TextWidth {
    private static final double NARROW = 0.6;
    private static final double WIDE = 1.0;

    private TextWidth() {
    }

    /** The estimated width of {@code text} in pixels at {@code fontSize} pixels. */
    static double of(String text, double fontSize) {
        double em = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            em += c < 0x1100 ? NARROW : WIDE;
            i += Character.charCount(c);
        }
        return em * fontSize;
    }

    /**
     * {@code text} broken at spaces into lines at most {@code maxWidth} pixels wide, at most
     * {@code maxLines} of them; a word longer than a line is cut, and text that does not fit
     * ends in "…".
     */
    static List<String> wrap(String text, double fontSize, double maxWidth, int maxLines) {
        List<String> lines = new ArrayList<>();
        String line = "";
        for (String word : text.strip().split(" +")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (of(candidate, fontSize) <= maxWidth) {
                line = candidate;
                continue;
            }
            if (!line.isEmpty()) {
                lines.add(line);
            }
            line = cut(word, fontSize, maxWidth);
        }
        if (!line.isEmpty()) {
            lines.add(line);
        }
        if (lines.size() > maxLines) {
            List<String> kept = new ArrayList<>(lines.subList(0, maxLines));
            String last = kept.get(maxLines - 1);
            kept.set(maxLines - 1, last.endsWith("…") ? last : cut(last + " …", fontSize, maxWidth, true));
            return kept;
        }
        return lines;
    }

    /** The longest prefix of {@code word} that fits with a trailing "…", or the word if it fits. */
    static String cut(String word, double fontSize, double maxWidth) {
        return cut(word, fontSize, maxWidth, false);
    }

    private static String cut(String word, double fontSize, double maxWidth, boolean always) {
        if (!always && of(word, fontSize) <= maxWidth) {
            return word;
        }
        String base = always ? word.substring(0, word.length() - 2) : word;
        int end = base.length();
        while (end > 0 && of(base.substring(0, end) + "…", fontSize) > maxWidth) {
            end = base.offsetByCodePoints(end, -1);
        }
        return base.substring(0, end) + "…";
    }
}
