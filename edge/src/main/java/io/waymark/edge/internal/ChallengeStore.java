package io.waymark.edge.internal;

import io.waymark.schemas.AcmeChallenge;
import io.waymark.schemas.kafka.ChallengeKey;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pending ACME HTTP-01 challenges (RFC 8555 §8.3) from the compacted {@code acme-challenges}
 * topic, keyed by canonical host and token. A tombstone removes one; an expired one is no longer
 * answered even when its tombstone never came.
 */
public final class ChallengeStore {

    private final Map<ChallengeKey, AcmeChallenge> challenges = new ConcurrentHashMap<>();
    private final Clock clock;

    public ChallengeStore(Clock clock) {
        this.clock = clock;
    }

    /** Applies one record of the topic; keys that do not parse are refused. */
    public void apply(String key, AcmeChallenge value) {
        ChallengeKey parsed = ChallengeKey.parse(key);
        String host = CertificateStore.normalise(parsed.trackingHost());
        if (host == null) {
            throw new IllegalArgumentException("invalid host in challenge key");
        }
        ChallengeKey canonical = new ChallengeKey(host, parsed.token());
        if (value == null) {
            challenges.remove(canonical);
        } else {
            challenges.put(canonical, value);
        }
        if (challenges.size() > 10_000) {
            // Tombstones normally clean up; this bounds the map when they do not come.
            long now = clock.millis();
            challenges.values().removeIf(c -> c.getExpiresAt().toEpochMilli() <= now);
        }
    }

    /** The key authorization to answer for {@code host} and {@code token}, if pending. */
    public Optional<String> keyAuthorization(String host, String token) {
        if (host == null || token.isEmpty() || token.indexOf('/') >= 0) {
            return Optional.empty();
        }
        AcmeChallenge challenge = challenges.get(new ChallengeKey(host, token));
        if (challenge == null || challenge.getExpiresAt().toEpochMilli() <= clock.millis()) {
            return Optional.empty();
        }
        return Optional.of(challenge.getKeyAuthorization());
    }

    public int size() {
        return challenges.size();
    }
}
