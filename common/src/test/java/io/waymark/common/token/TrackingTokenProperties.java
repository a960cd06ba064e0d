package io.waymark.common.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.waymark.common.crypto.KeyPurpose;
import io.waymark.common.crypto.KeyRing;
import io.waymark.common.crypto.TestKeyRings;
import io.waymark.common.host.Hostname;
import java.util.Base64;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class TrackingTokenProperties {

    private static final Hostname HOST = Hostname.parse("email.example.com");

    private final KeyRing ring = TestKeyRings.ring(KeyPurpose.TOKEN, "k2", "k1");
    private final TrackingTokenCodec codec = new TrackingTokenCodec(ring);

    @Property(tries = 500)
    void encodeThenDecodeRoundTrips(@ForAll("tokens") TrackingToken token, @ForAll("hosts") Hostname host)
            throws TokenException {
        String text = codec.encode(token, host);
        assertThat(text.length()).isLessThanOrEqualTo(TrackingTokenCodec.MAX_TOKEN_LENGTH);
        assertThat(codec.decode(text, host)).isEqualTo(token);
    }

    @Property(tries = 500)
    void aCachedUrlEncodesExactlyAsAFreshCodecDoes(@ForAll("tokens") TrackingToken token) {
        // Given: this codec has packed the URL before (a cache hit), the other never has
        codec.encode(token, HOST);
        TrackingTokenCodec fresh = new TrackingTokenCodec(ring);

        // Then
        assertThat(codec.encode(token, HOST)).isEqualTo(fresh.encode(token, HOST));
    }

    @Property(tries = 60)
    void everySingleBitFlipOfTheBytesIsRejected(@ForAll("tokens") TrackingToken token) {
        // Given
        byte[] bytes = Base64.getUrlDecoder().decode(codec.encode(token, HOST));

        // Then
        for (int bit = 0; bit < bytes.length * 8; bit++) {
            byte[] flipped = bytes.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            assertRejected(Base64.getUrlEncoder().withoutPadding().encodeToString(flipped), "byte bit " + bit);
        }
    }

    @Property(tries = 60)
    void everySingleBitFlipOfTheTextIsRejected(@ForAll("tokens") TrackingToken token) {
        // Given
        String text = codec.encode(token, HOST);

        // Then: the low 8 bits of every character; higher bits leave ASCII and are refused too
        for (int i = 0; i < text.length(); i++) {
            for (int bit = 0; bit < 8; bit++) {
                char[] chars = text.toCharArray();
                chars[i] ^= (char) (1 << bit);
                assertRejected(new String(chars), "char " + i + " bit " + bit);
            }
        }
    }

    @Property(tries = 2000)
    void randomTextOnlyEverFailsWithATokenException(@ForAll @Size(max = 300) String junk) {
        assertRejected(junk, "random text");
    }

    @Property(tries = 2000)
    void randomBytesOnlyEverFailWithATokenException(@ForAll @Size(max = 300) byte[] junk) {
        assertRejected(Base64.getUrlEncoder().withoutPadding().encodeToString(junk), "random bytes");
    }

    @Property(tries = 1000)
    void randomBytesWithAValidHeaderFailTheSignature(@ForAll @Size(min = 40, max = 300) byte[] body) {
        // Given: version 1, no flags, key id "k1", then random fields and tag
        byte[] bytes = new byte[5 + body.length];
        bytes[0] = 1;
        bytes[2] = 2;
        bytes[3] = 'k';
        bytes[4] = '1';
        System.arraycopy(body, 0, bytes, 5, body.length);
        try {
            codec.decode(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), HOST);
            fail("forged token verified");
        } catch (TokenException expected) {
            assertThat(expected.reason()).isEqualTo(TokenException.Reason.BAD_SIGNATURE);
        }
    }

    private void assertRejected(String text, String what) {
        try {
            codec.decode(text, HOST);
            fail(what + ": token was accepted");
        } catch (TokenException expected) {
            assertThat(expected.reason()).isNotNull();
        }
    }

    @Provide
    Arbitrary<Hostname> hosts() {
        return Arbitraries.of("email.example.com", "t.example.com", "example.com", "click.mail.example.co.uk", "x.y.z.example.com")
                .map(Hostname::parse);
    }

    @Provide
    Arbitrary<TrackingToken> tokens() {
        Arbitrary<String> messageIds = Arbitraries.oneOf(
                Arbitraries.create(() -> java.util.UUID.randomUUID().toString()),
                Arbitraries.strings().withChars("0123456789abcdef").ofMinLength(2).ofMaxLength(64)
                        .filter(s -> s.length() % 2 == 0),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(60).filter(TrackingTokenProperties::wellFormed));
        Arbitrary<RecipientDigest> recipients = Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(30)
                .map(s -> RecipientDigest.of(s + "@example.org"));
        Arbitrary<Hostname> domains = Arbitraries.of("example.com", "other.net", "example.co.uk", "email.example.com")
                .map(Hostname::parse);
        Arbitrary<String> urls = Combinators.combine(
                Arbitraries.of("https://", "http://", "HTTPS://", "Http://"),
                Arbitraries.strings().withCharRange('!', '~').withChars("éü€ß").ofMaxLength(400))
                .as((scheme, rest) -> scheme + "www.example.com/" + rest);
        Arbitrary<TrackingToken> clicks = Combinators.combine(messageIds, recipients, domains,
                Arbitraries.integers().between(0, TrackingToken.MAX_LINK_INDEX), urls)
                .as(TrackingToken::click);
        Arbitrary<TrackingToken> opens = Combinators.combine(messageIds, recipients, domains).as(TrackingToken::open);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, clicks),
                net.jqwik.api.Tuple.of(1, opens));
    }

    private static boolean wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= TrackingToken.MAX_MESSAGE_ID_BYTES;
    }
}
