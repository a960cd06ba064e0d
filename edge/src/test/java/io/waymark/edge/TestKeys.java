package io.waymark.edge;

import io.waymark.common.crypto.KeyId;
import io.waymark.common.crypto.KeyPurpose;
import io.waymark.common.crypto.KeyRing;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/** Random sealing and token keys for a test run, as rings and as {@code id:BASE64} settings. */
public record TestKeys(String sealSpec, String tokenSpec) {

    public static TestKeys random() {
        return new TestKeys("s1:" + randomKey(), "t1:" + randomKey());
    }

    public static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    public KeyRing sealRing() {
        return ring(KeyPurpose.SEAL, sealSpec);
    }

    public KeyRing tokenRing() {
        return ring(KeyPurpose.TOKEN, tokenSpec);
    }

    static KeyRing ring(KeyPurpose purpose, String spec) {
        String[] parts = spec.split(":", 2);
        return KeyRing.of(purpose, KeyId.of(parts[0]), Map.of(KeyId.of(parts[0]), Base64.getDecoder().decode(parts[1])));
    }
}
