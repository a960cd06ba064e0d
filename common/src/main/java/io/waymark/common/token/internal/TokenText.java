package io.waymark.common.token.internal;

import io.waymark.common.token.TokenException;
import java.util.Arrays;
import java.util.Base64;

/**
 * Base64url without padding (RFC 4648 §5), decoded strictly: only the URL alphabet, no padding,
 * no impossible length, and zero unused bits in the last character. The last rule makes the text
 * form canonical, so changing any bit of a token's text changes its bytes and breaks the tag.
 */
public final class TokenText {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final byte[] VALUES = new byte[128];

    static {
        Arrays.fill(VALUES, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < alphabet.length(); i++) {
            VALUES[alphabet.charAt(i)] = (byte) i;
        }
    }

    private TokenText() {
    }

    public static String encode(byte[] bytes, int length) {
        return ENCODER.encodeToString(length == bytes.length ? bytes : Arrays.copyOf(bytes, length));
    }

    /** Characters of the text of {@code length} bytes. */
    public static int encodedLength(int length) {
        return length / 3 * 4 + (length % 3 == 0 ? 0 : length % 3 + 1);
    }

    /**
     * Writes the text of all of {@code bytes} as ASCII to {@code out[0..]}, which must hold
     * {@link #encodedLength} bytes, and returns that count: the same text as {@link #encode}
     * without a fresh output array.
     */
    public static int encodeTo(byte[] bytes, byte[] out) {
        return ENCODER.encode(bytes, out);
    }

    public static byte[] decode(CharSequence text) throws TokenException {
        int n = text.length();
        if (n % 4 == 1) {
            throw PayloadReader.malformed("impossible base64url length");
        }
        byte[] out = new byte[n * 3 / 4];
        int acc = 0;
        int bits = 0;
        int o = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            int v = c < 128 ? VALUES[c] : -1;
            if (v < 0) {
                throw PayloadReader.malformed("character outside the base64url alphabet");
            }
            acc = (acc << 6) | v;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                out[o++] = (byte) (acc >>> bits);
                acc &= (1 << bits) - 1;
            }
        }
        if (acc != 0) {
            throw PayloadReader.malformed("non-canonical base64url ending");
        }
        return out;
    }
}
