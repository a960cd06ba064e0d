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
        // Four characters make three bytes; a character outside the alphabet has value -1, which
        // makes the OR of a block's values negative, so a block needs one test, not four.
        int blocks = n / 4;
        int o = 0;
        int i = 0;
        for (int b = 0; b < blocks; b++, i += 4) {
            int v0 = value(text.charAt(i));
            int v1 = value(text.charAt(i + 1));
            int v2 = value(text.charAt(i + 2));
            int v3 = value(text.charAt(i + 3));
            if ((v0 | v1 | v2 | v3) < 0) {
                throw PayloadReader.malformed("character outside the base64url alphabet");
            }
            int bits = v0 << 18 | v1 << 12 | v2 << 6 | v3;
            out[o] = (byte) (bits >> 16);
            out[o + 1] = (byte) (bits >> 8);
            out[o + 2] = (byte) bits;
            o += 3;
        }
        int rest = n - i; // 0, 2 or 3 characters: 0, 1 or 2 bytes
        if (rest > 0) {
            int acc = 0;
            for (int k = 0; k < rest; k++) {
                int v = value(text.charAt(i + k));
                if (v < 0) {
                    throw PayloadReader.malformed("character outside the base64url alphabet");
                }
                acc = acc << 6 | v;
            }
            int unused = rest == 2 ? 4 : 2;
            if ((acc & ((1 << unused) - 1)) != 0) {
                throw PayloadReader.malformed("non-canonical base64url ending");
            }
            acc >>>= unused;
            if (rest == 3) {
                out[o++] = (byte) (acc >> 8);
            }
            out[o] = (byte) acc;
        }
        return out;
    }

    private static int value(char c) {
        return c < 128 ? VALUES[c] : -1;
    }
}
