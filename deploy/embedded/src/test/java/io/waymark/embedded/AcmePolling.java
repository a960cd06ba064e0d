package io.waymark.embedded;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.shredzone.acme4j.AcmeJsonResource;
import org.shredzone.acme4j.Status;

/**
 * Waits for an ACME resource to reach an accepted or a failed status, fetching it no earlier than the server's
 * Retry-After allows (acme4j's own waitForCompletion polls every three seconds).
 */
final class AcmePolling {

    private static final Set<Status> FAILED = Set.of(Status.INVALID, Status.REVOKED, Status.EXPIRED,
            Status.DEACTIVATED);

    private AcmePolling() {
    }

    static Status awaitFinal(AcmeJsonResource resource, Supplier<Status> status, Set<Status> accepted) {
        AtomicReference<Instant> notBefore = new AtomicReference<>(Instant.EPOCH);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(25)).until(() -> {
            if (Instant.now().isBefore(notBefore.get())) {
                return false;
            }
            Optional<Instant> retryAfter = resource.fetch();
            notBefore.set(retryAfter.orElse(Instant.EPOCH));
            Status current = status.get();
            return accepted.contains(current) || FAILED.contains(current);
        });
        return status.get();
    }
}
