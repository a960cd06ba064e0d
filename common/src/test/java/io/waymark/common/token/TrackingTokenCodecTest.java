package io.waymark.common.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.common.crypto.KeyId;
import io.waymark.common.crypto.KeyPurpose;
import io.waymark.common.crypto.KeyRing;
import io.waymark.common.crypto.TestKeyRings;
import io.waymark.common.host.Hostname;
import io.waymark.common.token.TokenException.Reason;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrackingTokenCodecTest {

    private static final Hostname HOST = Hostname.parse("email.example.com");
    private static final Hostname DOMAIN = Hostname.parse("example.com");
    private static final RecipientDigest RECIPIENT = RecipientDigest.of("Jane.Doe@Example.org");

    private final byte[] k1 = TestKeyRings.randomKey();
    private final byte[] k2 = TestKeyRings.randomKey();
    private final TrackingTokenCodec codec = new TrackingTokenCodec(ring("k1", Map.of("k1", k1)));

    @Test
    void clickRoundTrips() throws TokenException {
        // Given
        TrackingToken token = TrackingToken.click("m-1", RECIPIENT, DOMAIN, 3, "https://example.com/a?b=c");

        // When
        String text = codec.encode(token, HOST);

        // Then
        assertThat(text).matches("[A-Za-z0-9_-]+");
        assertThat(codec.decode(text, HOST)).isEqualTo(token);
    }

    @Test
    void unverifiedFieldsAreReadableWithoutTheKeyButNeverVerify() throws TokenException {
        // Given a token signed with a key the reading side does not hold
        TrackingToken token = TrackingToken.click("m-9", RECIPIENT, DOMAIN, 7, "https://example.com/sale?x=1");
        String text = codec.encode(token, HOST);
        TrackingTokenCodec other = new TrackingTokenCodec(ring("k2", Map.of("k2", k2)));

        // When / Then: decode refuses it, the support read shows what it claims
        assertThatThrownBy(() -> other.decode(text, HOST)).isInstanceOf(TokenException.class)
                .extracting(e -> ((TokenException) e).reason()).isEqualTo(Reason.UNKNOWN_KEY_ID);
        assertThat(TrackingTokenCodec.readUnverified(text, HOST)).isEqualTo(token);
        assertThatThrownBy(() -> TrackingTokenCodec.readUnverified("AAAA", HOST)).isInstanceOf(TokenException.class);
    }

    @Test
    void openRoundTrips() throws TokenException {
        TrackingToken token = TrackingToken.open("6f9619ff-8b86-d011-b42d-00c04fc964ff", RECIPIENT, DOMAIN);
        String text = codec.encode(token, HOST);
        assertThat(codec.decode(text, HOST)).isEqualTo(token);
        assertThat(text.length()).isLessThan(80);
    }

    @Test
    void everyMessageIdFormRoundTrips() throws TokenException {
        for (String id : new String[] {"6f9619ff-8b86-d011-b42d-00c04fc964ff", "6F9619FF-8B86-D011-B42D-00C04FC964FF",
                "00ff", "abc", "<20261128.1@mta.example>", "ünïcødé-id-😀"}) {
            TrackingToken token = TrackingToken.click(id, RECIPIENT, DOMAIN, 0, "http://x.example/");
            assertThat(codec.decode(codec.encode(token, HOST), HOST).messageId()).isEqualTo(id);
        }
    }

    @Test
    void domainIsWrittenOutWhenTheHostIsNotUnderIt() throws TokenException {
        // Given
        Hostname host = Hostname.parse("t.mailer.net");
        TrackingToken token = TrackingToken.click("m", RECIPIENT, DOMAIN, 0, "HTTPS://Example.com/");

        // Then
        assertThat(codec.decode(codec.encode(token, host), host)).isEqualTo(token);
        TrackingToken sameHost = TrackingToken.click("m", RECIPIENT, HOST, 0, "https://example.com/");
        assertThat(codec.decode(codec.encode(sameHost, HOST), HOST)).isEqualTo(sameHost);
    }

    @Test
    void anotherHostGetsABadSignature() {
        String text = codec.encode(TrackingToken.click("m", RECIPIENT, DOMAIN, 0, "https://a.example/"), HOST);
        assertReason(() -> codec.decode(text, Hostname.parse("email.other.com")), Reason.BAD_SIGNATURE);
        assertReason(() -> codec.decode(text, Hostname.parse("mail.example.com")), Reason.BAD_SIGNATURE);
    }

    @Test
    void rotationSignsWithCurrentAndVerifiesWithAny() throws TokenException {
        // Given
        TrackingToken token = TrackingToken.click("m", RECIPIENT, DOMAIN, 1, "https://a.example/");
        String old = codec.encode(token, HOST);
        Map<String, byte[]> both = new LinkedHashMap<>();
        both.put("k2", k2);
        both.put("k1", k1);
        TrackingTokenCodec rotated = new TrackingTokenCodec(ring("k2", both));

        // When
        String fresh = rotated.encode(token, HOST);

        // Then
        assertThat(rotated.decode(old, HOST)).isEqualTo(token);
        assertThat(rotated.decode(fresh, HOST)).isEqualTo(token);
        assertReason(() -> codec.decode(fresh, HOST), Reason.UNKNOWN_KEY_ID);
        TrackingTokenCodec impostor = new TrackingTokenCodec(ring("k1", Map.of("k1", k2)));
        assertReason(() -> impostor.decode(old, HOST), Reason.BAD_SIGNATURE);
    }

    @Test
    void oversizeIsRefusedBeforeDecoding() {
        // Given: not even base64url, but too long is what it is first
        String huge = "!".repeat(TrackingTokenCodec.MAX_TOKEN_LENGTH + 1);

        // Then
        assertReason(() -> codec.decode(huge, HOST), Reason.TOO_LONG);
    }

    @Test
    void nonCanonicalTextIsMalformed() {
        String text = codec.encode(TrackingToken.click("m", RECIPIENT, DOMAIN, 0, "https://a.example/"), HOST);
        assertReason(() -> codec.decode(text + "=", HOST), Reason.MALFORMED);
        // An extra character either breaks the base64url length or adds a byte the tag did not cover.
        assertThat(catchReason(() -> codec.decode(text + "A", HOST))).isIn(Reason.MALFORMED, Reason.BAD_SIGNATURE);
        assertReason(() -> codec.decode(text.replace('-', '+').replace('_', '/') + "+", HOST), Reason.MALFORMED);
        assertReason(() -> codec.decode("", HOST), Reason.MALFORMED);
        assertReason(() -> codec.decode(text.substring(0, 20), HOST), Reason.MALFORMED);
        byte[] bytes = Base64.getUrlDecoder().decode(text);
        bytes[0] = 9;
        String v9 = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        assertReason(() -> codec.decode(v9, HOST), Reason.UNSUPPORTED_VERSION);
    }

    @Test
    void longAndRepetitiveUrlsRoundTrip() throws TokenException {
        String url = "https://example.com/?" + "utm_source=newsletter&".repeat(100);
        url = url.substring(0, TrackingToken.MAX_URL_BYTES);
        TrackingToken token = TrackingToken.click("m", RECIPIENT, DOMAIN, 65_535, url);
        String text = codec.encode(token, HOST);
        assertThat(text.length()).isLessThan(200);
        assertThat(codec.decode(text, HOST)).isEqualTo(token);
    }

    @Test
    void tokenFieldsAreValidated() {
        assertThatThrownBy(() -> TrackingToken.click("m", RECIPIENT, DOMAIN, 0, "javascript:alert(1)"))
                .hasMessageContaining("http");
        assertThatThrownBy(() -> TrackingToken.click("m", RECIPIENT, DOMAIN, 0, "https://a.example/\r\nSet-Cookie: x"))
                .hasMessageContaining("control");
        assertThatThrownBy(() -> TrackingToken.click("m", RECIPIENT, DOMAIN, -1, "https://a.example/"))
                .hasMessageContaining("linkIndex");
        assertThatThrownBy(() -> TrackingToken.click("", RECIPIENT, DOMAIN, 0, "https://a.example/"))
                .hasMessageContaining("messageId");
        assertThatThrownBy(() -> TrackingToken.click("m\ud800", RECIPIENT, DOMAIN, 0, "https://a.example/"))
                .hasMessageContaining("surrogate");
        assertThatThrownBy(() -> TrackingToken.click("m", RECIPIENT, DOMAIN, 0,
                "https://a.example/" + "x".repeat(TrackingToken.MAX_URL_BYTES))).hasMessageContaining("longer");
        assertThatThrownBy(() -> new TrackingToken(TokenKind.OPEN, "m", RECIPIENT, DOMAIN, 0, "https://a.example/"))
                .hasMessageContaining("OPEN");
        assertThatThrownBy(() -> new TrackingTokenCodec(TestKeyRings.ring(KeyPurpose.SEAL, "s1")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recipientDigestIsStableAndCaseInsensitive() {
        assertThat(RecipientDigest.of(" jane.doe@example.org ")).isEqualTo(RECIPIENT);
        assertThat(RECIPIENT.toString()).hasSize(24).doesNotContain("jane");
        assertThat(RecipientDigest.fromHex(RECIPIENT.toString())).isEqualTo(RECIPIENT);
        assertThat(RecipientDigest.fromBytes(RECIPIENT.bytes())).isEqualTo(RECIPIENT);
        assertThat(RecipientDigest.of("john@example.org")).isNotEqualTo(RECIPIENT);
        assertThatThrownBy(() -> RecipientDigest.of(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecipientDigest.fromBytes(new byte[3])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nothingPrintsKeyMaterial() {
        assertThat(codec.toString()).contains("k1").doesNotContain(Base64.getEncoder().encodeToString(k1));
    }

    private static KeyRing ring(String current, Map<String, byte[]> keys) {
        Map<KeyId, byte[]> byId = new LinkedHashMap<>();
        keys.forEach((id, key) -> byId.put(KeyId.of(id), key));
        return KeyRing.of(KeyPurpose.TOKEN, KeyId.of(current), byId);
    }

    interface TokenCall {
        Object call() throws TokenException;
    }

    static void assertReason(TokenCall call, Reason reason) {
        assertThat(catchReason(call)).isEqualTo(reason);
    }

    static Reason catchReason(TokenCall call) {
        try {
            call.call();
        } catch (TokenException e) {
            return e.reason();
        }
        throw new AssertionError("expected a TokenException");
    }
}
