package portolan.sandbox.view;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Download is a file a notebook offers for saving: its bytes under their MIME type, an HTML
 * link carrying them as a data: URI, and a text summary for plain-text front ends.
 */
public final class Download {
    /** The MIME type of a classic libpcap capture file. */
    public static final String PCAP = "application/vnd.tcpdump.pcap";

    private final String fileName;
    private final String mimeType;
    private final byte[] bytes;
    private final String summary;

    public Download(String fileName, String mimeType, byte[] bytes, String summary) {
        if (fileName == null || fileName.isBlank() || fileName.contains("/")) {
            throw new IllegalArgumentException("a download needs a plain file name like \"trace.pcap\", not " + fileName);
        }
        this.fileName = fileName;
        this.mimeType = mimeType;
        this.bytes = bytes.clone();
        this.summary = summary;
    }

    /** A pcap file of {@code bytes} (as {@code Capture.pcapBytes()} makes them). */
    public static Download pcap(String fileName, byte[] bytes, String summary) {
        return new Download(fileName, PCAP, bytes, summary);
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public String toHtml() {
        return "<span class=\"portolan-download\"><a download=\"" + Xml.escape(fileName) + "\" href=\"data:" + mimeType + ";base64,"
                + Base64.getEncoder().encodeToString(bytes) + "\">" + Xml.escape("⬇ " + fileName) + "</a> ("
                + bytes.length + " bytes) " + Xml.escape(summary) + "</span>";
    }

    /** The bytes, the link and the text, in a fixed order. */
    public Map<String, Object> toMimeBundle() {
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put(mimeType, bytes.clone());
        bundle.put("text/html", toHtml());
        bundle.put("text/plain", toString());
        return bundle;
    }

    @Override
    public String toString() {
        return fileName + " (" + mimeType + ", " + bytes.length + " bytes): " + summary;
    }
}
