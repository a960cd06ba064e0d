package io.waymark.provisioner.internal;

import static java.util.Objects.requireNonNull;

import io.waymark.schemas.kafka.ChallengeKey;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * What an issuance produced: the chain (leaf first) and its private key, still in memory only.
 * The key is sealed before anything leaves the process.
 */
record IssuedCertificate(List<X509Certificate> chain, KeyPair keyPair, Instant issuedAt,
                         List<ChallengeKey> challenges) {

    IssuedCertificate {
        chain = List.copyOf(requireNonNull(chain, "chain"));
        requireNonNull(keyPair, "keyPair");
        requireNonNull(issuedAt, "issuedAt");
        challenges = List.copyOf(requireNonNull(challenges, "challenges"));
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("chain must hold the leaf certificate");
        }
    }

    X509Certificate leaf() {
        return chain.get(0);
    }
}
