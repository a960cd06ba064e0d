package io.waymark.rewriter;

import io.waymark.common.crypto.KeyId;
import io.waymark.common.crypto.KeyPurpose;
import io.waymark.common.crypto.KeyRing;
import io.waymark.common.token.TrackingTokenCodec;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/** Token keys made at test time from SecureRandom; no key material is ever committed. */
final class TestTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TestTokens() {
    }

    static byte[] randomKey() {
        byte[] key = new byte[KeyRing.KEY_BYTES];
        RANDOM.nextBytes(key);
        return key;
    }

    static KeyRing ring(byte[] key) {
        return KeyRing.of(KeyPurpose.TOKEN, KeyId.of("t1"), Map.of(KeyId.of("t1"), key));
    }

    static TrackingTokenCodec codec() {
        return new TrackingTokenCodec(ring(randomKey()));
    }

    /** The {@code token.keys} value for {@code key}. */
    static String spec(byte[] key) {
        return "t1:" + Base64.getEncoder().encodeToString(key);
    }
}
