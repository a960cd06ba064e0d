package io.waymark.provisioner.internal;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * One of the CA's limits as a bucket size: {@code capacity} per {@code period}. Let's Encrypt's
 * defaults are the constants; every one is configurable.
 *
 * @param name     metric tag and log name, e.g. {@code new_orders}
 * @param capacity the burst the CA allows
 * @param period   how long an empty bucket takes to refill
 */
public record RateLimit(String name, long capacity, Duration period) {

    /** New orders per account: 300 per 3 hours. */
    public static final RateLimit NEW_ORDERS = new RateLimit("new_orders", 300, Duration.ofHours(3));
    /** Certificates per registered domain: 50 per 7 days. */
    public static final RateLimit CERTIFICATES_PER_DOMAIN =
            new RateLimit("certificates_per_domain", 50, Duration.ofDays(7));
    /** Failed validations per host per account: 5 per hour. */
    public static final RateLimit FAILED_VALIDATIONS = new RateLimit("failed_validations", 5, Duration.ofHours(1));
    /** Duplicate certificates (the same exact set of names): 5 per 7 days. */
    public static final RateLimit DUPLICATE_CERTIFICATES =
            new RateLimit("duplicate_certificates", 5, Duration.ofDays(7));

    public RateLimit {
        requireNonNull(name, "name");
        requireNonNull(period, "period");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity of " + name + " must be 1 or more, was " + capacity);
        }
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("period of " + name + " must be positive, was " + period);
        }
    }

    /** The same limit with another size. */
    public RateLimit with(long newCapacity, Duration newPeriod) {
        return new RateLimit(name, newCapacity, newPeriod);
    }
}
