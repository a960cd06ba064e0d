package io.waymark.schemas.kafka;

import static java.util.Objects.requireNonNull;

/**
 * Key of the acme-challenges topic: {@code <tracking host>/<token>}. The provisioner writes a
 * challenge and later its tombstone under the same key; the edge looks challenges up by it.
 *
 * @param trackingHost the host being validated
 * @param token        the HTTP-01 token (base64url, so it never contains '/')
 */
public record ChallengeKey(String trackingHost, String token) {

    public ChallengeKey {
        requireNonNull(trackingHost, "trackingHost");
        requireNonNull(token, "token");
        if (trackingHost.isEmpty() || trackingHost.indexOf('/') >= 0) {
            throw new IllegalArgumentException("trackingHost must be non-empty without '/', was '" + trackingHost + "'");
        }
        if (token.isEmpty() || token.indexOf('/') >= 0) {
            throw new IllegalArgumentException("token must be non-empty without '/', was '" + token + "'");
        }
    }

    /**
     * Parses a key as written by {@link #toString()}.
     *
     * @throws IllegalArgumentException when it is not {@code host/token}
     */
    public static ChallengeKey parse(String key) {
        requireNonNull(key, "key");
        int slash = key.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("challenge key '" + key + "' is not <host>/<token>");
        }
        return new ChallengeKey(key.substring(0, slash), key.substring(slash + 1));
    }

    /** The key as written to Kafka. */
    @Override
    public String toString() {
        return trackingHost + "/" + token;
    }
}
