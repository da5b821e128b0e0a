package portolan.sandbox.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import portolan.sandbox.stack.TraceEntry;

/**
 * A PacketView is the layered picture of one traced frame, like Wireshark's packet tree: one
 * section per protocol layer with every header field, then the frame as a hex dump.
 */
public final class PacketView {
    private final TraceEntry entry;

    private PacketView(TraceEntry entry) {
        this.entry = entry;
    }

    public static PacketView of(TraceEntry entry) {
        if (entry == null) {
            throw new IllegalArgumentException("no trace entry to show; take one with net.trace().get(n)");
        }
        return new PacketView(entry);
    }

    /** The table of trace entries: number, time, where, event, source, destination, protocol, info, reason. */
    public static HtmlTable table(List<TraceEntry> entries) {
        List<List<String>> rows = new ArrayList<>();
        for (TraceEntry e : entries) {
            rows.add(List.of(Long.toString(e.number()), TimeText.seconds(e.time()), e.place(),
                    e.event().name().toLowerCase(Locale.ROOT), e.source(), e.destination(), e.protocol(), e.summary(),
                    e.reason() == null ? "" : e.reason()));
        }
        return new HtmlTable("packet trace: " + entries.size() + " frames", List.of("No.", "Time", "Where", "Event",
                "Source", "Destination", "Protocol", "Info", "Reason"), rows);
    }

    /**
     * Each layer's name, one-line summary and header fields (see {@link PacketFields}); a layer that
     * could not be read ends the list with the reason as its summary and no fields.
     */
    public List<Layer> layers() {
        List<Layer> out = new ArrayList<>();
        Decode.Dissection d = Decode.dissect(entry);
        for (Record r : d.layers()) {
            out.add(new Layer(r.getClass().getSimpleName(), r.toString(), PacketFields.of(r, entry.wire())));
        }
        if (d.broken() != null) {
            out.add(new Layer(d.broken(), "cannot be read: " + d.why(), List.of()));
        }
        return out;
    }

    /** One protocol layer: its type, one-line summary and fields. */
    public record Layer(String name, String summary, List<String> fields) {
    }

    /** The frame (without FCS) as 16 bytes a line: offset, hex, printable ASCII. */
    public String hexDump() {
        byte[] b = entry.frame();
        StringBuilder s = new StringBuilder();
        for (int off = 0; off < b.length; off += 16) {
            StringBuilder hex = new StringBuilder();
            StringBuilder ascii = new StringBuilder();
            for (int i = off; i < Math.min(b.length, off + 16); i++) {
                int v = b[i] & 0xff;
                hex.append(String.format("%02x ", v));
                ascii.append(v >= 0x20 && v < 0x7f ? (char) v : '.');
            }
            s.append(String.format("%04x  %-48s %s%n", off, hex, ascii));
        }
        return s.toString();
    }

    private String heading() {
        return "frame #" + entry.number() + " at " + entry.place() + " (" + entry.event().name().toLowerCase(Locale.ROOT)
                + (entry.reason() == null ? "" : ": " + entry.reason()) + "), " + entry.frame().length + " bytes";
    }

    public String toHtml() {
        StringBuilder s = new StringBuilder("<div class=\"portolan-packet\"><p>").append(Xml.escape(heading()))
                .append("</p>");
        for (Layer l : layers()) {
            s.append("<details open=\"open\"><summary>").append(Xml.escape(l.name())).append(": ")
                    .append(Xml.escape(l.summary())).append("</summary><ul>");
            l.fields().forEach(f -> s.append("<li>").append(Xml.escape(f)).append("</li>"));
            s.append("</ul></details>");
        }
        return s.append("<pre>").append(Xml.escape(hexDump())).append("</pre></div>").toString();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(heading()).append('\n');
        for (Layer l : layers()) {
            s.append("▾ ").append(l.name()).append(": ").append(l.summary()).append('\n');
            l.fields().forEach(f -> s.append("    ").append(f).append('\n'));
        }
        return s.append(hexDump()).toString();
    }
}
