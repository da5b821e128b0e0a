package portolan.kernel.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignerTest {

    /*
     * Vector made independently with Python's hmac module:
     *   /usr/bin/python3 -c 'import hmac,hashlib; h=hmac.new(b"secret-key",digestmod=hashlib.sha256)
     *     for p in [b"{\"msg_id\":\"a1\",\"msg_type\":\"kernel_info_request\"}", b"{}", b"{}",
     *               "{\"code\":\"한\"}".encode()]: h.update(p)
     *     print(h.hexdigest())'
     */
    private static final List<byte[]> FRAMES = List.of(
            utf8("{\"msg_id\":\"a1\",\"msg_type\":\"kernel_info_request\"}"), utf8("{}"), utf8("{}"),
            utf8("{\"code\":\"한\"}"));
    private static final String EXPECTED = "b82ee5d610b53bd48006009a6edc4ac2988d8b4c54f0c5546c9c7bd4e0280dc9";

    @Test
    void signsLikePythonHmac() {
        Signer signer = Signer.of("hmac-sha256", "secret-key");
        assertEquals(EXPECTED, signer.sign(FRAMES));
        assertTrue(signer.verify(utf8(EXPECTED), FRAMES));
    }

    @Test
    void rejectsATamperedFrameOrSignature() {
        Signer signer = Signer.of("hmac-sha256", "secret-key");
        List<byte[]> tampered = List.of(FRAMES.get(0), FRAMES.get(1), FRAMES.get(2), utf8("{\"code\":\"韓\"}"));
        assertFalse(signer.verify(utf8(EXPECTED), tampered));
        assertFalse(signer.verify(utf8(EXPECTED.toUpperCase()), FRAMES));
        assertFalse(signer.verify(utf8(""), FRAMES));
        assertFalse(Signer.of("hmac-sha256", "other-key").verify(utf8(EXPECTED), FRAMES));
    }

    @Test
    void emptyKeyMeansUnsigned() {
        Signer signer = Signer.of("hmac-sha256", "");
        assertFalse(signer.signs());
        assertEquals("", signer.sign(FRAMES));
        assertTrue(signer.verify(utf8("anything"), FRAMES));
    }

    @Test
    void unknownSchemeIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Signer.of("md5", "k"));
        assertTrue(e.getMessage().contains("md5"), e.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> Signer.of("hmac-nope", "k"));
        assertTrue(missing.getMessage().contains("hmac-nope"), missing.getMessage());
    }

    @Test
    void isSafeToShareBetweenThreads() throws Exception {
        Signer signer = Signer.of("hmac-sha256", "secret-key");
        List<Thread> threads = new java.util.ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger wrong = new java.util.concurrent.atomic.AtomicInteger();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 2000; i++) {
                    if (!signer.sign(FRAMES).equals(EXPECTED)) {
                        wrong.incrementAndGet();
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join(10_000);
        }
        assertEquals(0, wrong.get());
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
