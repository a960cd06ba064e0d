package io.waymark.provisioner.internal;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.shredzone.acme4j.PollableResource;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeLazyLoadingException;
import org.shredzone.acme4j.exception.AcmeNetworkException;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for an ACME resource (authorization, order) to leave its pending states. RFC 8555 §7.5.1
 * asks clients to poll, honouring Retry-After; acme4j's own {@code waitForCompletion} waits 3 s
 * between fetches, which is most of an issuance against a fast CA. This poller starts at 50 ms,
 * grows by half each round up to 1 s, never fetches before the server's Retry-After, and gives
 * up at a deadline. It parks the calling worker thread, never a Kafka or network I/O thread.
 */
final class ResourcePoller {

    /** Statuses after which nothing changes any more (RFC 8555 §7.1.6). */
    static final Set<Status> FINAL = Set.of(Status.VALID, Status.INVALID, Status.REVOKED, Status.EXPIRED,
            Status.DEACTIVATED);

    private static final Logger LOGGER = LoggerFactory.getLogger(ResourcePoller.class);
    private static final Duration FIRST = Duration.ofMillis(50);
    private static final Duration LONGEST = Duration.ofSeconds(1);

    private final Clock clock;
    private final Duration timeout;

    ResourcePoller(Clock clock, Duration timeout) {
        this.clock = requireNonNull(clock, "clock");
        this.timeout = requireNonNull(timeout, "timeout");
    }

    /**
     * Fetches {@code resource} until its status is in {@code wanted} or final, and returns it.
     *
     * @throws ProvisioningException TRANSIENT when the deadline passes first
     */
    Status await(PollableResource resource, Set<Status> wanted, String what)
            throws AcmeException, ProvisioningException, InterruptedException {
        Instant deadline = clock.instant().plus(timeout);
        Duration interval = FIRST;
        Status status = currentStatus(resource);
        while (status == null || !wanted.contains(status) && !FINAL.contains(status)) {
            Instant now = clock.instant();
            if (!now.isBefore(deadline)) {
                throw ProvisioningException.transientFailure(what + " still " + status + " after " + timeout, null);
            }
            Instant next = now.plus(interval);
            Duration wait = Duration.between(now, next.isAfter(deadline) ? deadline : next);
            TimeUnit.NANOSECONDS.sleep(wait.toNanos());
            Optional<Instant> retryAfter = Optional.empty();
            try {
                retryAfter = resource.fetch();
                status = resource.getStatus();
            } catch (AcmeException e) {
                // a fetch is a read (POST-as-GET, RFC 8555 §6.3): safe to repeat after a bad nonce or a lost reply
                if (!isRepeatable(e)) {
                    throw e;
                }
                LOGGER.debug("Poll failed, polling on resource={} error={}", what, e.toString());
            }
            interval = nextInterval(interval, retryAfter, clock.instant());
        }
        return status;
    }

    private static Status currentStatus(PollableResource resource) throws AcmeException {
        try {
            return resource.getStatus();
        } catch (AcmeLazyLoadingException e) {
            if (e.getCause() instanceof AcmeException cause && isRepeatable(cause)) {
                return null; // not loaded yet: the loop fetches it
            }
            throw e;
        }
    }

    static boolean isRepeatable(AcmeException e) {
        if (e instanceof AcmeNetworkException) {
            return true;
        }
        if (e instanceof AcmeServerException server) {
            String type = server.getType().toString();
            return type.equals("urn:ietf:params:acme:error:badNonce")
                    || type.equals("urn:ietf:params:acme:error:serverInternal");
        }
        return false;
    }

    static Duration nextInterval(Duration previous, Optional<Instant> retryAfter, Instant now) {
        Duration grown = previous.plus(previous.dividedBy(2));
        Duration interval = grown.compareTo(LONGEST) > 0 ? LONGEST : grown;
        if (retryAfter.isPresent() && retryAfter.get().isAfter(now.plus(interval))) {
            return Duration.between(now, retryAfter.get());
        }
        return interval;
    }
}
