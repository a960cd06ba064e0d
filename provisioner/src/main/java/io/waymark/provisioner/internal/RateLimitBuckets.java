package io.waymark.provisioner.internal;

import static java.util.Objects.requireNonNull;

import io.waymark.common.host.Hostname;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CA's limits as token buckets, consulted before any request that would count against one.
 * An order that would overdraw a bucket is never sent: {@link #admitOrder} answers how long to
 * wait instead, and takes nothing. Buckets: new orders per account, certificates per registered
 * domain (from {@link RegisteredDomains}), duplicate certificates per exact set of names (one
 * host here), failed validations per host. Renewals that name the certificate they replace (ARI
 * {@code replaces}) are exempt from the first two, as Let's Encrypt exempts them.
 *
 * <p>The model is per process: instances sharing one ACME account should each get a share of
 * the account's capacity in configuration.
 */
public final class RateLimitBuckets {

    /** What a limit decision says: go, or wait this long. */
    public record Admission(Duration delay, String limit) {

        static final Admission GRANTED = new Admission(Duration.ZERO, "");

        public boolean granted() {
            return delay.isZero();
        }
    }

    private static final int PRUNE_ABOVE = 10_000;

    private final RateLimit newOrdersLimit;
    private final RateLimit perDomainLimit;
    private final RateLimit failedValidationLimit;
    private final RateLimit duplicateLimit;
    private final RegisteredDomains registeredDomains;
    private final Clock clock;
    private final TokenBucket newOrders;
    private final Map<String, TokenBucket> perDomain = new HashMap<>();
    private final Map<String, TokenBucket> failedValidations = new HashMap<>();
    private final Map<String, TokenBucket> duplicates = new HashMap<>();

    public RateLimitBuckets(List<RateLimit> limits, RegisteredDomains registeredDomains, Clock clock) {
        requireNonNull(limits, "limits");
        this.registeredDomains = requireNonNull(registeredDomains, "registeredDomains");
        this.clock = requireNonNull(clock, "clock");
        this.newOrdersLimit = find(limits, RateLimit.NEW_ORDERS);
        this.perDomainLimit = find(limits, RateLimit.CERTIFICATES_PER_DOMAIN);
        this.failedValidationLimit = find(limits, RateLimit.FAILED_VALIDATIONS);
        this.duplicateLimit = find(limits, RateLimit.DUPLICATE_CERTIFICATES);
        this.newOrders = bucket(newOrdersLimit);
    }

    /** Let's Encrypt's published limits. */
    public static List<RateLimit> letsEncryptDefaults() {
        return List.of(RateLimit.NEW_ORDERS, RateLimit.CERTIFICATES_PER_DOMAIN, RateLimit.FAILED_VALIDATIONS,
                RateLimit.DUPLICATE_CERTIFICATES);
    }

    /**
     * Takes one token from every bucket a new order for {@code host} counts against, or none
     * when any of them is empty.
     *
     * @param ariRenewal true for a renewal that names the replaced certificate (exempt from the
     *                   new-orders and per-domain limits)
     */
    public synchronized Admission admitOrder(Hostname host, boolean ariRenewal) {
        requireNonNull(host, "host");
        prune();
        String registered = registeredDomains.registeredDomain(host);
        TokenBucket failed = keyed(failedValidations, host.ascii(), failedValidationLimit);
        TokenBucket duplicate = keyed(duplicates, host.ascii(), duplicateLimit);
        TokenBucket domain = keyed(perDomain, registered, perDomainLimit);

        Admission worst = Admission.GRANTED;
        worst = worse(worst, failed.waitForOne(), failedValidationLimit.name());
        worst = worse(worst, duplicate.waitForOne(), duplicateLimit.name());
        if (!ariRenewal) {
            worst = worse(worst, newOrders.waitForOne(), newOrdersLimit.name());
            worst = worse(worst, domain.waitForOne(), perDomainLimit.name());
        }
        if (!worst.granted()) {
            return worst;
        }
        duplicate.tryTake();
        if (!ariRenewal) {
            newOrders.tryTake();
            domain.tryTake();
        }
        return Admission.GRANTED;
    }

    /**
     * Takes one token from the new-orders and per-domain buckets, or none when either is empty:
     * for a renewal whose ARI {@code replaces} the CA refused, ordered again as a plain order
     * (its duplicate-certificate token was taken by {@link #admitOrder} already).
     */
    public synchronized Admission admitUnexemptedOrder(Hostname host) {
        requireNonNull(host, "host");
        TokenBucket domain = keyed(perDomain, registeredDomains.registeredDomain(host), perDomainLimit);
        Admission worst = worse(Admission.GRANTED, newOrders.waitForOne(), newOrdersLimit.name());
        worst = worse(worst, domain.waitForOne(), perDomainLimit.name());
        if (!worst.granted()) {
            return worst;
        }
        newOrders.tryTake();
        domain.tryTake();
        return Admission.GRANTED;
    }

    /** How long before a validation of {@code host} may be attempted (zero: now). */
    public synchronized Admission admitValidation(Hostname host) {
        Duration wait = keyed(failedValidations, host.ascii(), failedValidationLimit).waitForOne();
        return wait.isZero() ? Admission.GRANTED : new Admission(wait, failedValidationLimit.name());
    }

    /** Counts a validation the CA judged failed. */
    public synchronized void recordFailedValidation(Hostname host) {
        keyed(failedValidations, host.ascii(), failedValidationLimit).tryTake();
    }

    /** Tokens left in the account-wide new-orders bucket. */
    public synchronized double newOrdersLevel() {
        return newOrders.level();
    }

    /** The lowest level among the keyed buckets of {@code limitName}, capacity when none is in use. */
    public synchronized double lowestLevel(String limitName) {
        Map<String, TokenBucket> map;
        RateLimit limit;
        if (limitName.equals(perDomainLimit.name())) {
            map = perDomain;
            limit = perDomainLimit;
        } else if (limitName.equals(failedValidationLimit.name())) {
            map = failedValidations;
            limit = failedValidationLimit;
        } else if (limitName.equals(duplicateLimit.name())) {
            map = duplicates;
            limit = duplicateLimit;
        } else if (limitName.equals(newOrdersLimit.name())) {
            return newOrders.level();
        } else {
            throw new IllegalArgumentException("no limit named " + limitName);
        }
        return map.values().stream().mapToDouble(TokenBucket::level).min().orElse(limit.capacity());
    }

    /** The names of the limits, for metrics. */
    public List<String> limitNames() {
        return List.of(newOrdersLimit.name(), perDomainLimit.name(), failedValidationLimit.name(),
                duplicateLimit.name());
    }

    private static Admission worse(Admission current, Duration wait, String name) {
        return wait.compareTo(current.delay()) > 0 ? new Admission(wait, name) : current;
    }

    private TokenBucket keyed(Map<String, TokenBucket> map, String key, RateLimit limit) {
        return map.computeIfAbsent(key, k -> bucket(limit));
    }

    private TokenBucket bucket(RateLimit limit) {
        return new TokenBucket(limit.capacity(), limit.period(), clock);
    }

    private void prune() {
        // a full bucket behaves exactly like a new one: forget it to bound memory
        for (Map<String, TokenBucket> map : List.of(perDomain, failedValidations, duplicates)) {
            if (map.size() > PRUNE_ABOVE) {
                map.values().removeIf(TokenBucket::isFull);
            }
        }
    }

    private static RateLimit find(List<RateLimit> limits, RateLimit fallback) {
        Optional<RateLimit> configured = limits.stream().filter(l -> l.name().equals(fallback.name())).findFirst();
        return configured.orElse(fallback);
    }
}
