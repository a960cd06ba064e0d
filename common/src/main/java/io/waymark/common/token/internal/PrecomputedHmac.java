package io.waymark.common.token.internal;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * HMAC-SHA256 (RFC 2104) with the two key pads absorbed once. {@code javax.crypto.Mac} hashes
 * {@code key XOR ipad} and {@code key XOR opad} again for every message: two of the five SHA-256
 * blocks of a ~100-byte token. RFC 2104 §4 suggests keeping the digest states after the pads
 * instead; here they are {@link MessageDigest} objects that are cloned per message. The result is
 * bit for bit that of {@code Mac.getInstance("HmacSHA256")} (checked by a property test). Not
 * thread-safe: one per thread and key.
 */
public final class PrecomputedHmac {

    /** SHA-256 output length. */
    public static final int LENGTH = 32;
    private static final int BLOCK = 64;

    private final MessageDigest innerPad;
    private final MessageDigest outerPad;
    private final byte[] innerHash = new byte[LENGTH];
    private MessageDigest inner;

    /** An HMAC-SHA256 for {@code key} (any length, as RFC 2104: longer than a block is hashed first). */
    public PrecomputedHmac(byte[] key) {
        byte[] k = key.length > BLOCK ? sha256().digest(key) : key;
        byte[] ipad = new byte[BLOCK];
        byte[] opad = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            byte b = i < k.length ? k[i] : 0;
            ipad[i] = (byte) (b ^ 0x36);
            opad[i] = (byte) (b ^ 0x5c);
        }
        innerPad = sha256();
        innerPad.update(ipad);
        outerPad = sha256();
        outerPad.update(opad);
        Arrays.fill(ipad, (byte) 0);
        Arrays.fill(opad, (byte) 0);
        begin();
    }

    /** Starts a new message (also done by {@link #finish}). */
    public void begin() {
        inner = copy(innerPad);
    }

    public void update(byte b) {
        inner.update(b);
    }

    public void update(byte[] bytes, int offset, int length) {
        inner.update(bytes, offset, length);
    }

    /** Writes the {@link #LENGTH}-byte HMAC of the message to {@code out[offset..]} and starts a new one. */
    public void finish(byte[] out, int offset) {
        try {
            inner.digest(innerHash, 0, LENGTH);
            MessageDigest outer = copy(outerPad);
            outer.update(innerHash, 0, LENGTH);
            outer.digest(out, offset, LENGTH);
        } catch (DigestException e) {
            throw new IllegalStateException("SHA-256 output is 32 bytes", e);
        }
        begin();
    }

    private static MessageDigest copy(MessageDigest state) {
        try {
            return (MessageDigest) state.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the platform's SHA-256 cannot be cloned", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory on every Java platform", e);
        }
    }
}
