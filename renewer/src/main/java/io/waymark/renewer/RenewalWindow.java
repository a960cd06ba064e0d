package io.waymark.renewer;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * A CA's suggested renewal window for one certificate (RFC 9773 §4.2), with the time the CA
 * asked clients not to ask again before ({@code Retry-After}), when it said so.
 */
public record RenewalWindow(Instant start, Instant end, Optional<Instant> retryAfter) {

    public RenewalWindow {
        requireNonNull(start, "start");
        requireNonNull(end, "end");
        requireNonNull(retryAfter, "retryAfter");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("renewal window ends (" + end + ") before it starts (" + start + ")");
        }
    }
}
