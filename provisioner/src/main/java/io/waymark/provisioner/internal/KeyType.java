package io.waymark.provisioner.internal;

/** The key type of certificate keys; the name is also the {@code SealedKey.algorithm} written. */
public enum KeyType {
    /** ECDSA on P-256 (secp256r1): small, fast, what every client of a tracking link supports. */
    EC_P256("EC-P256"),
    /** RSA with a 2048-bit modulus, for peers that still need RSA. */
    RSA_2048("RSA-2048");

    private final String algorithm;

    KeyType(String algorithm) {
        this.algorithm = algorithm;
    }

    /** The name written to {@code SealedKey.algorithm}. */
    public String algorithm() {
        return algorithm;
    }
}
