package portolan.sandbox.sim;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A running SHA-256 over everything a simulation records: the fingerprint that proves two runs
 * with the same seed and code behaved identically (OMNeT++'s fingerprint idea).
 *
 * <p>Each record is hashed as an unambiguous sequence: a kind byte (1 = bytes, 2 = text), the
 * virtual time as 8 big-endian bytes, the place as a length-prefixed UTF-8 string and the payload
 * with a 4-byte length prefix. The stack records every frame it puts on a link; the frame list
 * with protocol summaries belongs to the stack, this class is only the hashing sink.
 */
public final class Trace {
    private static final byte KIND_BYTES = 1;
    private static final byte KIND_TEXT = 2;
    private static final byte[] NOTHING = {};

    /** Records are collected here and hashed in bulk: one digest call per 16 KiB instead of four per record. */
    private static final int BATCH = 16 * 1024;

    private final MessageDigest digest;
    private ByteBuffer pending = ByteBuffer.allocate(BATCH);
    /**
     * Recent places (and cached tails) and their UTF-8 bytes, by hash (direct-mapped): places are
     * the same few String objects again and again (one per NIC and event), so they are encoded
     * once, not per record.
     */
    private static final int PLACES = 512;
    private final String[] places = new String[PLACES];
    private final byte[][] encodedPlaces = new byte[PLACES][];
    private long records;

    Trace() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            // Every Java platform must provide SHA-256 (java.security.MessageDigest Javadoc).
            throw new IllegalStateException("this Java runtime has no SHA-256", impossible);
        }
    }

    /** Records bytes seen at a place and time, e.g. a frame leaving "host laptop eth0". */
    public void record(long time, String place, byte[] bytes) {
        hash(KIND_BYTES, time, place, bytes, NOTHING, NOTHING);
    }

    /** Records a text fact, e.g. "tcp 10.0.0.1:49152 ESTABLISHED". */
    public void record(long time, String place, String text) {
        hash(KIND_TEXT, time, place, text.getBytes(StandardCharsets.UTF_8), NOTHING, NOTHING);
    }

    /**
     * Records the text fact {@code head + tail} where {@code head} is already UTF-8 encoded: the same
     * record as {@link #record(long, String, String)} of the whole text, without re-encoding a head
     * that repeats (a connection's name on each of its state changes).
     */
    public void record(long time, String place, byte[] utf8Head, String tail) {
        hash(KIND_TEXT, time, place, utf8Head, tail.getBytes(StandardCharsets.UTF_8), NOTHING);
    }

    /**
     * Records the text fact {@code head + middle + tail}, the first two already UTF-8 encoded: the
     * same record as {@link #record(long, String, String)} of the whole text. {@code tail} is
     * encoded once per String object while it stays in a small cache, since a stack's tails
     * repeat (the cause of a TCP state change is mostly a constant).
     */
    public void record(long time, String place, byte[] utf8Head, byte[] utf8Middle, String tail) {
        hash(KIND_TEXT, time, place, utf8Head, utf8Middle, encodeCached(tail));
    }

    /** Number of records so far. */
    public long size() {
        return records;
    }

    /** Lower-case hex SHA-256 of all records so far; recording may continue afterwards. */
    public String fingerprint() {
        flush();
        try {
            MessageDigest copy = (MessageDigest) digest.clone();
            return HexFormat.of().formatHex(copy.digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the SHA-256 provider cannot snapshot its state", e);
        }
    }

    /** {@code text} in UTF-8, from the cache if the same String object was encoded recently. */
    private byte[] encodeCached(String text) {
        int slot = text.hashCode() & (PLACES - 1);
        if (places[slot] == text) {
            return encodedPlaces[slot];
        }
        byte[] encoded = text.getBytes(StandardCharsets.UTF_8);
        places[slot] = text;
        encodedPlaces[slot] = encoded;
        return encoded;
    }

    private void hash(byte kind, long time, String place, byte[] payload, byte[] more, byte[] last) {
        if (place == null || payload == null) {
            throw new IllegalArgumentException("trace records need a place and a payload (got null)");
        }
        byte[] placeBytes = encodeCached(place);
        int length = payload.length + more.length + last.length;
        int size = 1 + 8 + 4 + placeBytes.length + 4 + length;
        if (size > pending.remaining()) {
            flush();
            if (size > pending.capacity()) {
                pending = ByteBuffer.allocate(Math.max(size, BATCH));
            }
        }
        pending.put(kind).putLong(time).putInt(placeBytes.length).put(placeBytes).putInt(length).put(payload).put(more).put(last);
        records++;
    }

    private void flush() {
        digest.update(pending.array(), 0, pending.position());
        pending.clear();
    }

    @Override
    public String toString() {
        return "Trace[" + records + " records, fingerprint " + fingerprint() + "]";
    }
}
