package portolan.notebook;

import java.util.ArrayList;
import java.util.List;

/**
 * Python's {@code str.splitlines(keepends=True)}, which nbformat uses to store multi-line text
 * as a list of lines. Python breaks at more than {@code \n}: also {@code \r}, {@code \r\n},
 * vertical tab, form feed, the file/group/record separators, NEL and the Unicode line and
 * paragraph separators; matching that keeps our files identical to Jupyter's.
 */
public final class PyLines {

    private PyLines() {
    }

    /** Splits after every line boundary, keeping the boundaries; joining the parts gives {@code s} back. */
    public static List<String> split(String s) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (isBreak(c)) {
                int end = i + 1;
                if (c == '\r' && end < s.length() && s.charAt(end) == '\n') {
                    end++;
                }
                lines.add(s.substring(start, end));
                start = end;
                i = end;
            } else {
                i++;
            }
        }
        if (start < s.length()) {
            lines.add(s.substring(start));
        }
        return lines;
    }

    private static boolean isBreak(char c) {
        switch (c) {
            case '\n': case '\r': case '\u000b': case '\u000c':
            case '\u001c': case '\u001d': case '\u001e': case '\u0085':
            case '\u2028': case '\u2029':
                return true;
            default:
                return false;
        }
    }
}
