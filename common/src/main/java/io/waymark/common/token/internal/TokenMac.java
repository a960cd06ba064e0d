package io.waymark.common.token.internal;

import io.waymark.common.crypto.KeyId;
import io.waymark.common.host.Hostname;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * HMAC-SHA256 over {@code host length || host || payload}, truncated to
 * {@link TokenLayout#TAG_BYTES}. The host goes first and length-prefixed so no payload can be
 * re-read as a valid token for a host that is a suffix of another; putting it in the MAC rather
 * than the payload keeps tokens short and binds each one to the tracking host it was made for.
 */
public final class TokenMac {

    private static final String ALGORITHM = "HmacSHA256";

    // Mac is not thread-safe and init() hashes the key pads; keep one initialised Mac per key
    // per thread.
    private final ThreadLocal<Map<KeyId, Mac>> macs = ThreadLocal.withInitial(HashMap::new);

    /** The tag of {@code payload[0, length)} for {@code host}. */
    public byte[] tag(KeyId id, SecretKey key, Hostname host, byte[] payload, int length) {
        Mac mac = macs.get().computeIfAbsent(id, k -> newMac(key));
        byte[] name = host.ascii().getBytes(StandardCharsets.US_ASCII);
        mac.update((byte) name.length);
        mac.update(name);
        mac.update(payload, 0, length);
        return Arrays.copyOf(mac.doFinal(), TokenLayout.TAG_BYTES);
    }

    /** Constant-time check of the tag stored at {@code payload[length, length + TAG_BYTES)}. */
    public boolean verify(KeyId id, SecretKey key, Hostname host, byte[] payload, int length) {
        byte[] expected = tag(id, key, host, payload, length);
        byte[] actual = Arrays.copyOfRange(payload, length, length + TokenLayout.TAG_BYTES);
        return MessageDigest.isEqual(expected, actual);
    }

    private static Mac newMac(SecretKey key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is mandatory on every Java platform", e);
        }
    }
}
