package portolan.kernel.core;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code %history} magic: the text it prints for its arguments, taken from the kernel's
 * {@link History}. The options are IPython's ({@code %history?} there): {@code -n} line numbers,
 * {@code -o} outputs too, {@code -g [PATTERN]} a glob search of all sessions, {@code -l [N]}
 * the last N cells of all sessions, and ranges such as {@code 4}, {@code 1-4} (inclusive),
 * {@code 3/1-5} (session 3) or {@code ~1/2} (one session back). Without any, it prints this
 * session's cells.
 */
public final class HistoryMagic {

    static final String USAGE = "usage: %history [-n] [-o] [-g [PATTERN]] [-l [N]] [RANGE ...], "
            + "e.g. %history -n, %history 1-4, %history -g println, %history -l 5, %history ~1/1-3";
    private static final Pattern RANGE = Pattern.compile("(?:(~?)(\\d+)/)?(\\d+)(?:-(\\d+))?");

    private HistoryMagic() {
    }

    /**
     * The output of {@code %history args}. {@code current} is the running cell (line and input),
     * which IPython lists too although it is stored only when it ends; null when it will not be stored.
     *
     * @throws IllegalArgumentException saying what in {@code args} is wrong
     */
    public static String run(History history, String args, History.Entry current) {
        boolean numbers = false;
        boolean outputs = false;
        String glob = null;
        int last = -1;
        List<String> ranges = new ArrayList<>();
        String[] words = args == null || args.isBlank() ? new String[0] : args.strip().split("\\s+");
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            switch (w) {
                case "-n" -> numbers = true;
                case "-o" -> outputs = true;
                case "-g" -> {
                    StringBuilder pattern = new StringBuilder();
                    while (i + 1 < words.length && !words[i + 1].startsWith("-")) {
                        pattern.append(pattern.length() == 0 ? "" : " ").append(words[++i]);
                    }
                    glob = "*" + pattern + "*";
                }
                case "-l" -> {
                    last = 10;
                    if (i + 1 < words.length && words[i + 1].matches("\\d+")) {
                        last = Integer.parseInt(words[++i]);
                    }
                }
                default -> {
                    if (w.startsWith("-")) {
                        throw new IllegalArgumentException("unknown option " + w + "; " + USAGE);
                    }
                    if (!RANGE.matcher(w).matches()) {
                        throw new IllegalArgumentException("'" + w + "' is not a line range; " + USAGE);
                    }
                    ranges.add(w);
                }
            }
        }
        List<History.Entry> all = new ArrayList<>();
        if (glob != null) {
            all.addAll(history.search(glob, 0, false));
            if (current != null && History.globToRegex(glob).matcher(current.input()).matches()) {
                all.add(current);
            }
        } else if (last >= 0) {
            all.addAll(history.tail(last));
            if (current != null && last > 0) {
                all.add(current);
                if (all.size() > last) {
                    all.remove(0);
                }
            }
        } else if (ranges.isEmpty()) {
            all.addAll(history.range(0, 1, 0));
            if (current != null) {
                all.add(current);
            }
        } else {
            for (String r : ranges) {
                all.addAll(range(history, r, current));
            }
        }
        boolean showSessions = glob != null || last >= 0;
        StringBuilder out = new StringBuilder();
        for (History.Entry e : all) {
            out.append(format(e, numbers, outputs, showSessions || e.session() != history.session()));
        }
        return out.toString();
    }

    private static List<History.Entry> range(History history, String text, History.Entry current) {
        Matcher m = RANGE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a line range; " + USAGE);
        }
        int session = 0;
        if (m.group(2) != null) {
            int s = Integer.parseInt(m.group(2));
            session = m.group(1).isEmpty() ? s : -s;
            if (session == 0 && m.group(1).isEmpty()) {
                throw new IllegalArgumentException("sessions are numbered from 1; '" + text + "' names session 0");
            }
        }
        int start = Integer.parseInt(m.group(3));
        int end = m.group(4) == null ? start : Integer.parseInt(m.group(4));
        if (end < start) {
            throw new IllegalArgumentException("the range " + text + " ends before it starts; write " + end + "-" + start);
        }
        List<History.Entry> found = new ArrayList<>(history.range(session, start, end + 1));
        boolean thisSession = session == 0 || session == history.session();
        if (thisSession && current != null && current.line() >= start && current.line() <= end) {
            found.add(current);
        }
        return found;
    }

    private static String format(History.Entry e, boolean numbers, boolean outputs, boolean withSession) {
        StringBuilder out = new StringBuilder();
        String input = e.input().stripTrailing();
        if (numbers) {
            String label = withSession ? e.session() + "/" + e.line() : Integer.toString(e.line());
            out.append(String.format("%4s:", label));
            out.append(input.contains("\n") ? "\n" : " ");
        }
        out.append(input).append('\n');
        if (outputs && e.output() != null) {
            out.append(e.output()).append('\n');
        }
        return out.toString();
    }
}
