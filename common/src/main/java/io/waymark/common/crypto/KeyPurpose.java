package io.waymark.common.crypto;

/**
 * What a {@link KeyRing} is for. Each purpose has its own settings and JCA algorithm, and the
 * codecs refuse a ring of the wrong purpose, so one key is never used for both sealing and
 * signing.
 */
public enum KeyPurpose {
    /** AES-256-GCM keys that seal certificate private keys. Settings {@code seal.*}. */
    SEAL("seal", "AES"),
    /** HMAC-SHA256 keys that sign tracking tokens. Settings {@code token.*}. */
    TOKEN("token", "HmacSHA256");

    private final String prefix;
    private final String algorithm;

    KeyPurpose(String prefix, String algorithm) {
        this.prefix = prefix;
        this.algorithm = algorithm;
    }

    /** JCA algorithm name of the keys. */
    public String algorithm() {
        return algorithm;
    }

    /** Setting holding the keys inline, e.g. {@code seal.keys} ({@code WAYMARK_SEAL_KEYS}). */
    public String keysSetting() {
        return prefix + ".keys";
    }

    /** Setting naming a file that holds the keys, e.g. {@code seal.keys.file}. */
    public String keysFileSetting() {
        return prefix + ".keys.file";
    }

    /** Setting naming the current key id, e.g. {@code seal.current}; default: the first key. */
    public String currentSetting() {
        return prefix + ".current";
    }
}
