package io.waymark.common.token.internal;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * HMAC-SHA256 (RFC 2104) for one key, allocation-free per message. {@code javax.crypto.Mac}
 * copies into fresh arrays; an earlier version kept the digest states after {@code key XOR ipad}
 * and {@code key XOR opad} (RFC 2104 §4) and cloned them per message, which saves two SHA-256
 * blocks but allocates two digests (state, buffer and delegate each) per token, and in a
 * rewriter's hot loop the allocation cost more than the two blocks, which the SHA-256 intrinsic
 * hashes in tens of nanoseconds. So the pads are hashed again per message into two reused
 * digests. The result is bit for bit that of {@code Mac.getInstance("HmacSHA256")} (checked by a
 * property test). Not thread-safe: one per thread and key. The pads are key material and live as
 * long as the instance, like the key itself.
 */
public final class PrecomputedHmac {

    /** SHA-256 output length. */
    public static final int LENGTH = 32;
    private static final int BLOCK = 64;

    private final byte[] ipad = new byte[BLOCK];
    private final byte[] opad = new byte[BLOCK];
    private final MessageDigest inner = sha256();
    private final MessageDigest outer = sha256();
    private final byte[] innerHash = new byte[LENGTH];

    /** An HMAC-SHA256 for {@code key} (any length, as RFC 2104: longer than a block is hashed first). */
    public PrecomputedHmac(byte[] key) {
        byte[] k = key.length > BLOCK ? sha256().digest(key) : key;
        for (int i = 0; i < BLOCK; i++) {
            byte b = i < k.length ? k[i] : 0;
            ipad[i] = (byte) (b ^ 0x36);
            opad[i] = (byte) (b ^ 0x5c);
        }
        begin();
    }

    /** Starts a new message (also done by {@link #finish}). */
    public void begin() {
        inner.reset();
        inner.update(ipad);
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
            inner.digest(innerHash, 0, LENGTH); // digest() resets
            outer.update(opad);
            outer.update(innerHash, 0, LENGTH);
            outer.digest(out, offset, LENGTH);
        } catch (DigestException e) {
            throw new IllegalStateException("SHA-256 output is 32 bytes", e);
        }
        inner.update(ipad);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory on every Java platform", e);
        }
    }
}
