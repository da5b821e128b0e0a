package portolan.kernel.jshell;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A raw javadoc comment (HTML with {@code {@tag ...}} inline tags and {@code @param}-style
 * block tags, as JShell returns it) rendered as plain text and as HTML for inspection.
 */
final class Javadoc {

    private static final Map<String, String> BLOCK_TITLES = Map.of(
            "param", "Parameters", "return", "Returns", "throws", "Throws", "exception", "Throws",
            "see", "See also", "since", "Since", "deprecated", "Deprecated", "implNote", "Implementation note",
            "apiNote", "API note", "implSpec", "Implementation requirements");

    private Javadoc() {
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String toPlainText(String raw) {
        StringBuilder out = new StringBuilder();
        Parts parts = Parts.of(raw);
        out.append(plainBody(inline(parts.body, false)).strip());
        String lastTitle = null;
        for (String[] tag : parts.blocks) {
            String title = BLOCK_TITLES.getOrDefault(tag[0], tag[0]);
            if (!title.equals(lastTitle)) {
                out.append("\n\n").append(title).append(':');
                lastTitle = title;
            }
            out.append("\n  ").append(plainBody(inline(tag[1], false)).strip().replaceAll("\\s+", " "));
        }
        return out.toString();
    }

    static String toHtml(String raw) {
        Parts parts = Parts.of(raw);
        StringBuilder out = new StringBuilder(inline(parts.body, true).strip());
        if (!parts.blocks.isEmpty()) {
            out.append("\n<dl>");
            String lastTitle = null;
            for (String[] tag : parts.blocks) {
                String title = BLOCK_TITLES.getOrDefault(tag[0], tag[0]);
                if (!title.equals(lastTitle)) {
                    out.append("<dt>").append(escape(title)).append("</dt>");
                    lastTitle = title;
                }
                out.append("<dd>").append(inline(tag[1], true).strip()).append("</dd>");
            }
            out.append("</dl>");
        }
        return out.toString();
    }

    /** Replaces {@code {@code x}}, {@code {@link A#b label}} and friends. */
    private static String inline(String text, boolean html) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf("{@", i);
            if (open < 0) {
                out.append(text, i, text.length());
                break;
            }
            out.append(text, i, open);
            int depth = 0;
            int close = open;
            for (; close < text.length(); close++) {
                char c = text.charAt(close);
                if (c == '{') {
                    depth++;
                } else if (c == '}' && --depth == 0) {
                    break;
                }
            }
            String inner = text.substring(open + 2, Math.min(close, text.length()));
            int space = inner.indexOf(' ');
            String name = space < 0 ? inner : inner.substring(0, space);
            String arg = space < 0 ? "" : inner.substring(space + 1).strip();
            String shown = switch (name) {
                case "link", "linkplain" -> {
                    int sp = arg.indexOf(' ');
                    String target = sp < 0 ? arg : arg.substring(0, sp);
                    String label = sp < 0 ? target.replace('#', '.') : arg.substring(sp + 1);
                    yield label.startsWith(".") ? label.substring(1) : label;
                }
                case "inheritDoc" -> "";
                default -> arg;
            };
            boolean code = name.equals("code") || name.equals("link") || name.equals("value");
            if (html) {
                out.append(code ? "<code>" + escape(shown) + "</code>" : escape(shown));
            } else {
                out.append(shown);
            }
            i = Math.min(close + 1, text.length());
        }
        return out.toString();
    }

    /** HTML body to plain text: paragraphs and list items become line breaks, tags go away. */
    private static String plainBody(String html) {
        String s = html.replaceAll("(?i)<p>|</p>|<br\\s*/?>", "\n")
                .replaceAll("(?i)<li>", "\n - ")
                .replaceAll("<[^>]+>", "");
        s = s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&nbsp;", " ")
                .replace("&amp;", "&");
        return s.replaceAll("\n{3,}", "\n\n");
    }

    /** A comment split into its main text and its block tags ({@code [name, text]}). */
    private record Parts(String body, List<String[]> blocks) {
        static Parts of(String raw) {
            List<String[]> blocks = new ArrayList<>();
            StringBuilder body = new StringBuilder();
            String[] current = null;
            for (String line : raw.split("\n", -1)) {
                String t = line.strip();
                if (t.startsWith("@") && t.length() > 1 && Character.isLetter(t.charAt(1))) {
                    int sp = t.indexOf(' ');
                    current = new String[] {sp < 0 ? t.substring(1) : t.substring(1, sp), sp < 0 ? "" : t.substring(sp + 1)};
                    blocks.add(current);
                } else if (current != null) {
                    current[1] = current[1] + "\n" + line;
                } else {
                    body.append(line).append('\n');
                }
            }
            return new Parts(body.toString(), blocks);
        }
    }
}
