package io.waymark.renewer.internal;

import java.time.Duration;

/**
 * The renewer's cap on orders: {@code capacity} orders at once, refilled continuously at
 * {@code capacity} per {@code period}. Driven by the punctuation's wall-clock time (never reads a
 * clock itself), shared by the tasks of one instance (hence synchronized). Starts full; a restart forgets what was spent, so
 * the provisioner's own buckets and the CA's answers remain the backstop.
 */
public final class OrderBucket {

    private final long capacity;
    private final double tokensPerMilli;
    private double tokens;
    private long refilledAt = Long.MIN_VALUE;

    public OrderBucket(long capacity, Duration period) {
        if (capacity < 1 || period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("a bucket needs capacity >= 1 and a positive period");
        }
        this.capacity = capacity;
        this.tokensPerMilli = capacity / (double) period.toMillis();
        this.tokens = capacity;
    }

    /** Takes one token at {@code now} if there is one. */
    public synchronized boolean tryTake(long now) {
        refill(now);
        if (tokens >= 1.0) {
            tokens -= 1.0;
            return true;
        }
        return false;
    }

    /** Whole tokens available at {@code now}. */
    public synchronized long available(long now) {
        refill(now);
        return (long) tokens;
    }

    private void refill(long now) {
        if (refilledAt != Long.MIN_VALUE && now > refilledAt) {
            tokens = Math.min(capacity, tokens + (now - refilledAt) * tokensPerMilli);
        }
        if (refilledAt == Long.MIN_VALUE || now > refilledAt) {
            refilledAt = now;
        }
    }
}
