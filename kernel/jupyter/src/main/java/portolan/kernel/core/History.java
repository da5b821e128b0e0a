package portolan.kernel.core;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
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

    /** How much of the file's end is read at start to find the latest session number. */
    static final int TAIL_BYTES = 64 * 1024;

    private final Path file;
    /** Done when this run's session number is claimed; everything but the claiming waits for it. */
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private int session;
    private boolean needsNewline;
    /** The file's length before this run appended to it: the earlier runs' cells. */
    private long earlierBytes;
    /** All cells, oldest first: null until first asked for (then read from the file's earlier part). */
    private List<Entry> entries;
    /** This run's cells, kept until {@link #entries} is read. */
    private final List<Entry> added = new ArrayList<>();

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
        history.entries = new ArrayList<>();
        history.started.complete(null);
        return history;
    }

    /**
     * Opens {@code file} (if it exists) and starts a new session in it. Unwritable files degrade
     * to memory. Only the end of the file is read at start, on a thread of its own, to number the
     * session; the cells of earlier runs are read when a history request first needs them. (Years
     * of cells take a while to parse, and a kernel start is when the worker needs the CPU.)
     */
    public static History open(Path file) {
        History history = new History(file);
        Thread reader = new Thread(() -> {
            try {
                history.claimSession();
            } finally {
                history.started.complete(null);
            }
        }, "portolan-history-start");
        reader.setDaemon(true);
        reader.start();
        return history;
    }

    /**
     * Numbers this run one above the latest session and writes that down at once, so a kernel
     * started next gets the following number. Runs before {@link #started} completes, so nothing
     * else touches the fields yet.
     */
    private void claimSession() {
        int latest = 0;
        if (Files.exists(file)) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                earlierBytes = channel.size();
                long from = Math.max(0, earlierBytes - TAIL_BYTES);
                String tail = read(channel, from, earlierBytes);
                needsNewline = !tail.isEmpty() && !tail.endsWith("\n");
                if (from > 0) {
                    tail = tail.substring(tail.indexOf('\n') + 1); // the first line is cut
                }
                latest = latestSession(tail, from == 0);
                if (latest < 0) {
                    latest = Math.max(0, latestSession(read(channel, 0, earlierBytes), true));
                }
            } catch (IOException e) {
                LOG.warning("cannot read the history file " + file + " (" + e + "); history starts empty");
                earlierBytes = 0;
            }
        }
        session = latest + 1;
        JsonObject start = new JsonObject();
        start.addProperty("session", session);
        append(start);
    }

    private static String read(FileChannel channel, long from, long to) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8, to - from));
        while (bytes.hasRemaining() && channel.read(bytes, from + bytes.position()) > 0) {
            // read on until full or at the end
        }
        return new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8);
    }

    /**
     * The highest session number in {@code lines}, or -1 if it may not be the file's highest.
     * Every run writes a line with just its number when it starts, after all earlier runs' ones;
     * so a part of the file that holds the start line of its highest number holds the highest
     * number of all (later cells of older runs may follow it). A whole file always does.
     */
    static int latestSession(String lines, boolean whole) {
        int highest = 0;
        boolean started = false;
        for (String line : lines.split("\n")) {
            JsonObject o = parse(line);
            if (o == null) {
                continue;
            }
            int s = o.get("session").getAsInt();
            if (s > highest) {
                highest = s;
                started = false;
            }
            if (s == highest && !o.has("line")) {
                started = true;
            }
        }
        return whole || started ? highest : -1;
    }

    /** A history line as JSON with at least a session number, or null for a line that does not parse. */
    private static JsonObject parse(String line) {
        if (line.isBlank()) {
            return null;
        }
        try {
            JsonObject o = JsonParser.parseString(line).getAsJsonObject();
            o.get("session").getAsInt();
            return o;
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException
                 | NullPointerException | NumberFormatException e) {
            return null;
        }
    }

    /** All cells, reading the earlier runs' ones the first time. Called with this object's lock held. */
    private List<Entry> entries() {
        ready();
        if (entries == null && earlierBytes == 0) {
            entries = new ArrayList<>(added); // nothing earlier (no file, or a new one)
            added.clear();
        }
        if (entries == null) {
            List<Entry> all = new ArrayList<>();
            int skipped = 0;
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                String earlier = earlierBytes > 0 ? read(channel, 0, earlierBytes) : "";
                for (String line : earlier.split("\n")) {
                    JsonObject o = parse(line);
                    if (o == null) {
                        skipped += line.isBlank() ? 0 : 1;
                    } else if (o.has("input")) {
                        try {
                            JsonElement out = o.get("output");
                            all.add(new Entry(o.get("session").getAsInt(), o.get("line").getAsInt(),
                                    o.get("input").getAsString(), out == null || out.isJsonNull() ? null : out.getAsString()));
                        } catch (IllegalStateException | UnsupportedOperationException | NullPointerException
                                 | NumberFormatException e) {
                            skipped++;
                        }
                    }
                }
            } catch (IOException e) {
                LOG.warning("cannot read the history file " + file + " (" + e + "); only this session's cells are known");
            }
            if (skipped > 0) {
                LOG.warning("skipped " + skipped + " unreadable line(s) in the history file " + file);
            }
            all.addAll(added);
            added.clear();
            entries = all;
        }
        return entries;
    }

    /** Waits until the session number is claimed (never while the claiming thread needs a lock: it takes none). */
    private void ready() {
        started.join();
    }

    /** The number of this kernel run. */
    public int session() {
        ready();
        return session;
    }

    /** Stores a cell of this session. */
    public synchronized void add(int line, String input, String output) {
        ready();
        (entries != null ? entries : added).add(new Entry(session, line, input, output));
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
        List<Entry> all = entries();
        int from = Math.max(0, all.size() - Math.max(0, n));
        return List.copyOf(all.subList(from, all.size()));
    }

    /**
     * Cells of one session with {@code start <= line < stop}. {@code session} 0 is this run,
     * negative counts back from it (-1 = the previous run), positive is absolute.
     * {@code stop <= 0} means to the end.
     */
    public synchronized List<Entry> range(int session, int start, int stop) {
        List<Entry> all = entries();
        int wanted = session > 0 ? session : this.session + session;
        List<Entry> found = new ArrayList<>();
        for (Entry e : all) {
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
        List<Entry> all = entries();
        Pattern regex = globToRegex(pattern == null || pattern.isEmpty() ? "*" : pattern);
        List<Entry> found = new ArrayList<>();
        for (Entry e : all) {
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
