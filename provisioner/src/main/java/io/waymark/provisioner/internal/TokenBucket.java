package io.waymark.provisioner.internal;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * One token bucket: {@code capacity} tokens, refilled continuously so that a full bucket takes
 * {@code period} to refill from empty. Let's Encrypt describes its limits this way ("300 new
 * orders per 3 hours" refills one order every 36 s). Thread-safe; time comes from a {@link Clock}
 * so tests control it.
 */
final class TokenBucket {

    private final long capacity;
    private final Duration period;
    private final Clock clock;
    private double tokens;
    private Instant updated;

    TokenBucket(long capacity, Duration period, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be 1 or more, was " + capacity);
        }
        this.period = requireNonNull(period, "period");
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("period must be positive, was " + period);
        }
        this.capacity = capacity;
        this.clock = requireNonNull(clock, "clock");
        this.tokens = capacity;
        this.updated = clock.instant();
    }

    /** Tokens now available (fractional while refilling). */
    synchronized double level() {
        refill();
        return tokens;
    }

    synchronized long capacity() {
        return capacity;
    }

    /** How long until one token is available; zero when one is there now. */
    synchronized Duration waitForOne() {
        refill();
        if (tokens >= 1) {
            return Duration.ZERO;
        }
        double missing = 1 - tokens;
        return Duration.ofNanos((long) Math.ceil(missing * nanosPerToken()));
    }

    /** Takes a token when one is available. */
    synchronized boolean tryTake() {
        refill();
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** Gives back a token taken for an order that was never sent. */
    synchronized void giveBack() {
        refill();
        tokens = Math.min(capacity, tokens + 1);
    }

    /** True when the bucket is full, so it can be forgotten without changing behaviour. */
    synchronized boolean isFull() {
        refill();
        return tokens >= capacity;
    }

    private double nanosPerToken() {
        return (double) period.toNanos() / capacity;
    }

    private void refill() {
        Instant now = clock.instant();
        if (now.isAfter(updated)) {
            double gained = Duration.between(updated, now).toNanos() / nanosPerToken();
            tokens = Math.min(capacity, tokens + gained);
            updated = now;
        }
    }
}
