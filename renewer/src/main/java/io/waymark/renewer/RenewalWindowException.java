package io.waymark.renewer;

import java.time.Instant;
import java.util.Optional;

/**
 * An ARI lookup that failed (network, a server error, an unreadable answer). Carries the CA's
 * {@code Retry-After} when it sent one, so the next lookup waits for it.
 */
public final class RenewalWindowException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Optional<Instant> retryAfter;

    public RenewalWindowException(String message, Optional<Instant> retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    /** Not before this time, when the CA said so. */
    public Optional<Instant> retryAfter() {
        return retryAfter == null ? Optional.empty() : retryAfter;
    }
}
