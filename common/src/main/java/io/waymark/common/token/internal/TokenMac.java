package io.waymark.common.token.internal;

import io.waymark.common.crypto.KeyId;
import io.waymark.common.host.Hostname;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.SecretKey;

/**
 * HMAC-SHA256 over {@code host length || host || payload}, truncated to
 * {@link TokenLayout#TAG_BYTES}. The host goes first and length-prefixed so no payload can be
 * re-read as a valid token for a host that is a suffix of another; putting it in the MAC rather
 * than the payload keeps tokens short and binds each one to the tracking host it was made for.
 */
public final class TokenMac {

    // Not thread-safe, and building one hashes the key pads: one per key per thread.
    private final ThreadLocal<Map<KeyId, PrecomputedHmac>> macs = ThreadLocal.withInitial(HashMap::new);
    private final ThreadLocal<byte[]> scratch = ThreadLocal.withInitial(() -> new byte[PrecomputedHmac.LENGTH]);

    /** The tag of {@code payload[0, length)} for {@code host}. */
    public byte[] tag(KeyId id, SecretKey key, Hostname host, byte[] payload, int length) {
        byte[] full = scratch.get();
        hmac(id, key, host.ascii().getBytes(StandardCharsets.US_ASCII), payload, length, full);
        return Arrays.copyOf(full, TokenLayout.TAG_BYTES);
    }

    /**
     * Writes the tag of {@code message[0, length)}, which already starts with the host length and
     * the host's ASCII name, to {@code message[length, length + TAG_BYTES)}: one contiguous update,
     * no copies (the signing hot path of {@code MessageTokenSigner}). {@code mac} and the
     * {@link PrecomputedHmac#LENGTH}-byte {@code scratch} are the calling thread's
     * ({@link #threadMac}, {@link #threadScratch}): a signer keeps them for the thread it runs on
     * instead of two thread-local and a map lookup per token.
     */
    public static void writeTag(PrecomputedHmac mac, byte[] scratch, byte[] message, int length) {
        mac.update(message, 0, length);
        mac.finish(scratch, 0);
        System.arraycopy(scratch, 0, message, length, TokenLayout.TAG_BYTES);
    }

    /** The calling thread's HMAC for {@code id}; only that thread may use it. */
    public PrecomputedHmac threadMac(KeyId id, SecretKey key) {
        return macFor(id, key);
    }

    /** The calling thread's scratch array for {@link #writeTag(PrecomputedHmac, byte[], byte[], int)}. */
    public byte[] threadScratch() {
        return scratch.get();
    }

    /** Constant-time check of the tag stored at {@code payload[length, length + TAG_BYTES)}. */
    public boolean verify(KeyId id, SecretKey key, Hostname host, byte[] payload, int length) {
        byte[] expected = tag(id, key, host, payload, length);
        byte[] actual = Arrays.copyOfRange(payload, length, length + TokenLayout.TAG_BYTES);
        return MessageDigest.isEqual(expected, actual);
    }

    private void hmac(KeyId id, SecretKey key, byte[] host, byte[] payload, int length, byte[] out) {
        PrecomputedHmac mac = macFor(id, key);
        mac.update((byte) host.length);
        mac.update(host, 0, host.length);
        mac.update(payload, 0, length);
        mac.finish(out, 0);
    }

    /** This thread's HMAC for {@code id}; a get, not computeIfAbsent, which would allocate its capturing lambda per call. */
    private PrecomputedHmac macFor(KeyId id, SecretKey key) {
        Map<KeyId, PrecomputedHmac> perKey = macs.get();
        PrecomputedHmac mac = perKey.get(id);
        if (mac == null) {
            mac = pads(key);
            perKey.put(id, mac);
        }
        return mac;
    }

    private static PrecomputedHmac pads(SecretKey key) {
        byte[] raw = key.getEncoded();
        try {
            return new PrecomputedHmac(raw);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }
}
