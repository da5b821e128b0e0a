package portolan.sandbox.stack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import portolan.sandbox.sim.SimTime;
import portolan.sandbox.wire.PcapWriter;
import portolan.sandbox.wire.PcapngWriter;

/**
 * A Capture is a selection of trace entries — one interface, one node or the whole network —
 * that can be saved for Wireshark. Timestamps are {@link SimTime#EPOCH} plus virtual time, so
 * the same scenario always produces byte-identical files. In pcapng each place is its own
 * interface ("laptop:eth0") and every dropped or lost frame carries its reason as a comment.
 */
public final class Capture {
    private static final long EPOCH_NANOS = SimTime.EPOCH.getEpochSecond() * SimTime.SECOND + SimTime.EPOCH.getNano();

    private final String description;
    private final List<TraceEntry> entries;

    public Capture(String description, List<TraceEntry> entries) {
        this.description = description;
        this.entries = List.copyOf(entries);
    }

    public List<TraceEntry> entries() {
        return entries;
    }

    public int size() {
        return entries.size();
    }

    /** Classic pcap (LINKTYPE_ETHERNET, nanosecond timestamps), frames without FCS. */
    public byte[] pcapBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(out)) {
            for (TraceEntry e : entries) {
                w.write(EPOCH_NANOS + e.time(), e.frame());
            }
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return out.toByteArray();
    }

    /** pcapng with one interface per place and the drop reasons as packet comments. */
    public byte[] pcapngBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapngWriter w = new PcapngWriter(out)) {
            for (TraceEntry e : entries) {
                String comment = e.reason() == null ? null : e.event().name().toLowerCase(java.util.Locale.ROOT) + ": "
                        + e.reason();
                w.write(e.place(), EPOCH_NANOS + e.time(), e.frame(), comment);
            }
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return out.toByteArray();
    }

    /** Writes {@link #pcapBytes()} to {@code file} and returns the file. */
    public Path writePcap(Path file) throws IOException {
        return Files.write(file, pcapBytes());
    }

    /** Writes {@link #pcapngBytes()} to {@code file} and returns the file. */
    public Path writePcapng(Path file) throws IOException {
        return Files.write(file, pcapngBytes());
    }

    /** The captured frames as a trace table. */
    @Override
    public String toString() {
        return "Capture of " + description + ": " + entries.size() + " frames\n" + PacketTrace.table(entries);
    }
}
