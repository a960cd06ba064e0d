package io.waymark.common.token.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class TokenTextProperties {

    @Property(tries = 1000)
    void encodingIntoAByteArrayEqualsTheJdkBase64Url(@ForAll @Size(max = 300) byte[] bytes,
                                                     @ForAll @IntRange(max = 7) int slack) throws Exception {
        // Given the JDK's encoder as the reference
        String reference = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);

        // When the bytes are encoded into a byte array that may be larger than needed
        byte[] out = new byte[TokenText.encodedLength(bytes.length) + slack];
        int length = TokenText.encodeTo(bytes, out);

        // Then the text is the reference, of the announced length, and decodes back
        assertThat(new String(out, 0, length, StandardCharsets.US_ASCII)).isEqualTo(reference);
        assertThat(length).isEqualTo(TokenText.encodedLength(bytes.length));
        assertThat(TokenText.decode(reference)).isEqualTo(bytes);
    }

    @Property(tries = 3000)
    void decodingAcceptsAndRefusesExactlyWhatTheStrictDefinitionDoes(@ForAll("texts") String text) {
        // Given the definition: each character six bits, left to right, bytes as they fill up;
        // only the URL alphabet, no padding, no impossible length, zero bits left over
        byte[] expected = null;
        String refusal = null;
        try {
            expected = strictReference(text);
        } catch (IllegalArgumentException e) {
            refusal = e.getMessage();
        }

        // When / Then
        if (refusal == null) {
            assertThat(decodeOrMessage(text)).isEqualTo(expected);
            assertThat(Base64.getUrlDecoder().decode(text)).isEqualTo(expected);
        } else {
            assertThat(decodeOrMessage(text)).isEqualTo(refusal);
        }
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> valid = Arbitraries.bytes().array(byte[].class).ofMaxSize(200)
                .map(b -> Base64.getUrlEncoder().withoutPadding().encodeToString(b));
        Arbitrary<String> anything = Arbitraries.strings()
                .withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_+/=. \u00e9")
                .ofMaxLength(40);
        // the last character changed: often leaves bits over, the non-canonical case
        Arbitrary<String> lastChanged = valid.filter(t -> !t.isEmpty())
                .map(t -> t.substring(0, t.length() - 1) + "B");
        return Arbitraries.oneOf(valid, anything, Arbitraries.strings().withChars("AQgw-_").ofMaxLength(9),
                lastChanged);
    }

    private static Object decodeOrMessage(String text) {
        try {
            return TokenText.decode(text);
        } catch (io.waymark.common.token.TokenException e) {
            return e.getMessage().substring(e.getMessage().indexOf(':') + 1).trim();
        }
    }

    /** The decoding rules, one character at a time; the message of a refusal as TokenText words it. */
    private static byte[] strictReference(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        if (text.length() % 4 == 1) {
            throw new IllegalArgumentException("impossible base64url length");
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int acc = 0;
        int bits = 0;
        for (char c : text.toCharArray()) {
            int v = alphabet.indexOf(c);
            if (v < 0) {
                throw new IllegalArgumentException("character outside the base64url alphabet");
            }
            acc = acc << 6 | v;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                out.write(acc >>> bits);
                acc &= (1 << bits) - 1;
            }
        }
        if (acc != 0) {
            throw new IllegalArgumentException("non-canonical base64url ending");
        }
        return out.toByteArray();
    }
}
