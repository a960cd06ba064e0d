package io.waymark.common.crypto;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Key rings made of fresh random keys for tests; no key material is ever committed. */
public final class TestKeyRings {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TestKeyRings() {
    }

    /** 32 fresh random bytes. */
    public static byte[] randomKey() {
        byte[] key = new byte[KeyRing.KEY_BYTES];
        RANDOM.nextBytes(key);
        return key;
    }

    /** A ring with one fresh key per id; the first id is current. */
    public static KeyRing ring(KeyPurpose purpose, String... ids) {
        Map<KeyId, byte[]> keys = new LinkedHashMap<>();
        for (String id : ids) {
            keys.put(KeyId.of(id), randomKey());
        }
        return KeyRing.of(purpose, KeyId.of(ids[0]), keys);
    }

    /** A ring that shares the keys of {@code source} for the given ids, with {@code current}. */
    public static KeyRing subset(KeyRing source, Map<String, byte[]> raw, String current) {
        Map<KeyId, byte[]> keys = new LinkedHashMap<>();
        raw.forEach((id, bytes) -> keys.put(KeyId.of(id), bytes));
        return KeyRing.of(source.purpose(), KeyId.of(current), keys);
    }

    /** The {@code id:BASE64} spec entry for {@code key}. */
    public static String entry(String id, byte[] key) {
        return id + ":" + Base64.getEncoder().encodeToString(key);
    }
}
