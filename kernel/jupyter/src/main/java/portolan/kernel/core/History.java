package portolan.kernel.core;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The input history of one user across kernel runs, answering {@code history_request}.
 * Every kernel start is a new session numbered one above the highest seen so far; each stored
 * cell is a line numbered by its execution count. It persists as an append-only file of JSON
 * lines ({@code {"session":3,"line":1,"input":"...","output":"..."}}); a line that does not
 * parse (a crash mid-write, a hand edit) is skipped, never fatal.
 */
public final class History {

    private static final Logger LOG = Logger.getLogger(History.class.getName());

    /** One stored cell; {@code output} is the text/plain of its result, or null. */
    public record Entry(int session, int line, String input, String output) {
    }

    private final Path file;
    private final List<Entry> entries = new ArrayList<>();
    /** Done when the file has been read; everything but the reading waits for it. */
    private final CompletableFuture<Void> loaded = new CompletableFuture<>();
    private int session;
    private boolean needsNewline;

    private History(Path file) {
        this.file = file;
    }

    /** {@code $XDG_DATA_HOME/portolan/history.jsonl}, or {@code ~/.local/share/portolan/history.jsonl}. */
    public static Path defaultFile() {
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("portolan").resolve("history.jsonl");
    }

    /** A history kept only in memory (nothing read or written). */
    public static History inMemory() {
        History history = new History(null);
        history.session = 1;
        history.loaded.complete(null);
        return history;
    }

    /**
     * Reads {@code file} (if it exists) and starts a new session in it. Unwritable files degrade
     * to memory. The file is read on a thread of its own (years of cells take a while), so a
     * kernel answers {@code kernel_info} without waiting for it; the first use waits.
     */
    public static History open(Path file) {
        History history = new History(file);
        Thread reader = new Thread(() -> {
            try {
                history.load();
            } finally {
                history.loaded.complete(null);
            }
        }, "portolan-history-read");
        reader.setDaemon(true);
        reader.start();
        return history;
    }

    /** Reads the file; runs before {@link #loaded} completes, so nothing else touches the fields yet. */
    private void load() {
        int maxSession = 0;
        if (Files.exists(file)) {
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                needsNewline = !text.isEmpty() && !text.endsWith("\n");
                int skipped = 0;
                for (String line : text.split("\n")) {
                    if (line.isBlank()) {
                        continue;
                    }
                    try {
                        JsonObject o = JsonParser.parseString(line).getAsJsonObject();
                        int s = o.get("session").getAsInt();
                        maxSession = Math.max(maxSession, s);
                        if (o.has("input")) {
                            JsonElement out = o.get("output");
                            entries.add(new Entry(s, o.get("line").getAsInt(), o.get("input").getAsString(),
                                    out == null || out.isJsonNull() ? null : out.getAsString()));
                        }
                    } catch (JsonParseException | IllegalStateException | UnsupportedOperationException
                             | NullPointerException | NumberFormatException e) {
                        skipped++;
                    }
                }
                if (skipped > 0) {
                    LOG.warning("skipped " + skipped + " unreadable line(s) in the history file " + file);
                }
            } catch (IOException e) {
                LOG.warning("cannot read the history file " + file + " (" + e + "); history starts empty");
            }
        }
        session = maxSession + 1;
        // Claim the session number at once, so a kernel started next gets the following one.
        JsonObject start = new JsonObject();
        start.addProperty("session", session);
        append(start);
    }

    /** Waits until the file has been read (never while holding this object's lock: the reader does not take it). */
    private void ready() {
        loaded.join();
    }

    /** The number of this kernel run. */
    public int session() {
        ready();
        return session;
    }

    /** Stores a cell of this session. */
    public synchronized void add(int line, String input, String output) {
        ready();
        entries.add(new Entry(session, line, input, output));
        JsonObject o = new JsonObject();
        o.addProperty("session", session);
        o.addProperty("line", line);
        o.addProperty("input", input);
        if (output != null) {
            o.addProperty("output", output);
        }
        append(o);
    }

    /** The last {@code n} cells of all sessions, oldest first. */
    public synchronized List<Entry> tail(int n) {
        ready();
        int from = Math.max(0, entries.size() - Math.max(0, n));
        return List.copyOf(entries.subList(from, entries.size()));
    }

    /**
     * Cells of one session with {@code start <= line < stop}. {@code session} 0 is this run,
     * negative counts back from it (-1 = the previous run), positive is absolute.
     * {@code stop <= 0} means to the end.
     */
    public synchronized List<Entry> range(int session, int start, int stop) {
        ready();
        int wanted = session > 0 ? session : this.session + session;
        List<Entry> found = new ArrayList<>();
        for (Entry e : entries) {
            if (e.session() == wanted && e.line() >= start && (stop <= 0 || e.line() < stop)) {
                found.add(e);
            }
        }
        return found;
    }

    /**
     * Cells whose whole input matches the glob {@code pattern} ({@code *}, {@code ?},
     * {@code [abc]}; case-sensitive, like IPython's SQLite GLOB). With {@code unique} only the
     * latest occurrence of each input is kept; {@code n > 0} keeps the last {@code n} matches.
     */
    public synchronized List<Entry> search(String pattern, int n, boolean unique) {
        ready();
        Pattern regex = globToRegex(pattern == null || pattern.isEmpty() ? "*" : pattern);
        List<Entry> found = new ArrayList<>();
        for (Entry e : entries) {
            if (regex.matcher(e.input()).matches()) {
                found.add(e);
            }
        }
        if (unique) {
            Set<String> seen = new HashSet<>();
            List<Entry> latestFirst = new ArrayList<>();
            for (int i = found.size() - 1; i >= 0; i--) {
                if (seen.add(found.get(i).input())) {
                    latestFirst.add(0, found.get(i));
                }
            }
            found = latestFirst;
        }
        return n > 0 && found.size() > n ? List.copyOf(found.subList(found.size() - n, found.size())) : found;
    }

    static Pattern globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else if (c == '[' && glob.indexOf(']', i + 2) > 0) {
                int close = glob.indexOf(']', i + 2);
                String set = glob.substring(i + 1, close);
                // SQLite GLOB negates a set with ^, as regex does.
                regex.append('[').append(set.startsWith("^") ? "^" + quoteSet(set.substring(1))
                        : quoteSet(set)).append(']');
                i = close;
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
            i++;
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private static String quoteSet(String set) {
        // Keep ranges (a-z); escape what regex classes treat specially.
        return set.replace("\\", "\\\\").replace("[", "\\[").replace("&", "\\&");
    }

    private void append(JsonObject record) {
        if (file == null) {
            return;
        }
        String line = (needsNewline ? "\n" : "") + record + "\n";
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            needsNewline = false;
        } catch (IOException e) {
            LOG.warning("cannot write the history file " + file + " (" + e + "); this session's history stays in memory");
        }
    }
}
