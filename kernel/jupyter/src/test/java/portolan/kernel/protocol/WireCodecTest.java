package portolan.kernel.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireCodecTest {

    /*
     * Frames serialised by jupyter_client itself (Debian python3-jupyter-client):
     *   s = jupyter_client.session.Session(key=b"portolan-test-key", session="sess-1", username="tester")
     *   msg = s.msg("execute_request", content={"code": 'print("é한")', "silent": False})
     *   msg["header"]["msg_id"] = "m-1"; msg["header"]["date"] = "2026-01-01T00:00:00.000000Z"
     *   s.serialize(msg, ident=[b"client-id"])      # printed as hex
     * Its JSON has ", " and ": " separators, so verifying a re-serialisation would fail.
     */
    private static final String KEY = "portolan-test-key";
    private static final List<String> JUPYTER_FRAMES_HEX = List.of(
            "636c69656e742d6964",
            "3c4944537c4d53473e",
            "36613432323465623532646461323539326164636162643933643431366233346166623732376266363430346666366535353462366135366365323964356663",
            "7b226d73675f6964223a20226d2d31222c20226d73675f74797065223a2022657865637574655f72657175657374222c2022757365726e616d65223a2022746573746572222c202273657373696f6e223a2022736573732d31222c202264617465223a2022323032362d30312d30315430303a30303a30302e3030303030305a222c202276657273696f6e223a2022352e33227d",
            "7b7d",
            "7b7d",
            "7b22636f6465223a20227072696e74285c22c3a9ed959c5c2229222c202273696c656e74223a2066616c73657d");

    private static List<byte[]> jupyterFrames() {
        List<byte[]> frames = new ArrayList<>();
        JUPYTER_FRAMES_HEX.forEach(hex -> frames.add(HexFormat.of().parseHex(hex)));
        return frames;
    }

    @Test
    void decodesWhatJupyterClientSends() throws Exception {
        Message m = WireCodec.decode(jupyterFrames(), Signer.of("hmac-sha256", KEY));
        assertEquals("execute_request", m.msgType());
        assertEquals("m-1", m.header().msgId());
        assertEquals("sess-1", m.header().session());
        assertEquals("tester", m.header().username());
        assertEquals("5.3", m.header().version());
        assertEquals("print(\"é한\")", m.content().get("code").getAsString());
        assertEquals(1, m.identities().size());
        assertArrayEquals("client-id".getBytes(StandardCharsets.UTF_8), m.identities().get(0));
        assertEquals(4, m.received().size());
        assertArrayEquals(jupyterFrames().get(6), m.received().get(3));
    }

    @Test
    void aWrongKeyIsRejected() {
        MalformedMessageException e = assertThrows(MalformedMessageException.class,
                () -> WireCodec.decode(jupyterFrames(), Signer.of("hmac-sha256", "wrong")));
        assertTrue(e.getMessage().contains("signature"), e.getMessage());
    }

    @Test
    void encodeThenDecodeRoundTripsWithBuffers() throws Exception {
        Signer signer = Signer.of("hmac-sha256", "k");
        JsonObject content = new JsonObject();
        content.addProperty("text", "😀 한글\n");
        Header header = Header.of("id-1", "s", "u", "2026-01-01T00:00:00Z", "stream", "5.4");
        JsonObject parent = new JsonObject();
        parent.addProperty("msg_id", "p-1");
        Message out = new Message(List.of(utf8("a"), utf8("b")), header, parent, null, content,
                List.of(new byte[] {0, 1, 2}), List.of());
        List<byte[]> frames = WireCodec.encode(out, signer);
        assertEquals(2 + 1 + 1 + 4 + 1, frames.size());
        assertArrayEquals(WireCodec.DELIMITER, frames.get(2));
        assertEquals(signer.sign(frames.subList(4, 8)), new String(frames.get(3), StandardCharsets.US_ASCII));

        Message back = WireCodec.decode(frames, signer);
        assertEquals(2, back.identities().size());
        assertEquals(header.toJson(), back.header().toJson());
        assertEquals("p-1", back.parentHeader().get("msg_id").getAsString());
        assertEquals("😀 한글\n", back.content().get("text").getAsString());
        assertArrayEquals(new byte[] {0, 1, 2}, back.buffers().get(0));
    }

    @Test
    void unsignedMessagesHaveAnEmptySignature() throws Exception {
        Message out = Message.of(List.of(), Header.of("1", "s", "u", "d", "status", "5.4"), null, new JsonObject());
        List<byte[]> frames = WireCodec.encode(out, Signer.unsigned());
        assertEquals(0, frames.get(1).length);
        assertEquals("status", WireCodec.decode(frames, Signer.unsigned()).msgType());
    }

    @Test
    void malformedFramesAreClearErrors() {
        Signer none = Signer.unsigned();
        assertMalformed("delimiter", List.of(utf8("id"), utf8("{}")), none);
        assertMalformed("four JSON frames", List.of(WireCodec.DELIMITER, utf8(""), utf8("{}"), utf8("{}")), none);
        assertMalformed("not valid JSON",
                List.of(WireCodec.DELIMITER, utf8(""), utf8("{\"msg_type\":"), utf8("{}"), utf8("{}"), utf8("{}")), none);
        assertMalformed("JSON object",
                List.of(WireCodec.DELIMITER, utf8(""), utf8("{\"msg_type\":\"x\"}"), utf8("[]"), utf8("{}"), utf8("{}")),
                none);
        assertMalformed("msg_type",
                List.of(WireCodec.DELIMITER, utf8(""), utf8("{\"msg_id\":\"1\"}"), utf8("{}"), utf8("{}"), utf8("{}")),
                none);
        assertMalformed("not valid UTF-8",
                List.of(WireCodec.DELIMITER, utf8(""), new byte[] {(byte) 0xff, (byte) 0xfe}, utf8("{}"), utf8("{}"),
                        utf8("{}")), none);
    }

    private static void assertMalformed(String expected, List<byte[]> frames, Signer signer) {
        MalformedMessageException e = assertThrows(MalformedMessageException.class,
                () -> WireCodec.decode(frames, signer));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
