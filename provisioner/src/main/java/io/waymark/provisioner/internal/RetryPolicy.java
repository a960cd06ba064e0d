package io.waymark.provisioner.internal;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When to try a transiently failed issuance again: after the n-th failure wait the n-th of the
 * configured delays (1 min, 10 min, 100 min by default), then the {@code thereafter} delay (a
 * day) for every further failure, each spread by ± {@code jitter} so hosts that failed together
 * do not return together, and never earlier than the CA's Retry-After (RFC 8555 §6.6). After
 * {@code maxAttempts} attempts the policy gives up and the host is FAILED.
 */
public final class RetryPolicy {

    private final List<Duration> delays;
    private final Duration thereafter;
    private final int maxAttempts;
    private final double jitter;
    private final RandomGenerator random;

    public RetryPolicy(List<Duration> delays, Duration thereafter, int maxAttempts, double jitter,
                       RandomGenerator random) {
        this.delays = List.copyOf(requireNonNull(delays, "delays"));
        this.thereafter = requireNonNull(thereafter, "thereafter");
        this.random = requireNonNull(random, "random");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be 1 or more, was " + maxAttempts);
        }
        if (!(jitter >= 0 && jitter < 1)) {
            throw new IllegalArgumentException("jitter must be in [0, 1), was " + jitter);
        }
        this.maxAttempts = maxAttempts;
        this.jitter = jitter;
    }

    /** 1 min, 10 min, 100 min, then daily, ± 10 %, at most 8 attempts. */
    public static RetryPolicy defaults(RandomGenerator random) {
        return new RetryPolicy(List.of(Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofMinutes(100)),
                Duration.ofDays(1), 8, 0.1, random);
    }

    /**
     * The wait before attempt {@code failedAttempts + 1}, or empty to give up.
     *
     * @param failedAttempts attempts made so far, all failed (1 after the first failure)
     * @param retryAfter     what the CA asked for, if anything
     */
    public Optional<Duration> delayAfter(int failedAttempts, Optional<Duration> retryAfter) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("failedAttempts must be 1 or more, was " + failedAttempts);
        }
        if (failedAttempts >= maxAttempts) {
            return Optional.empty();
        }
        Duration base = failedAttempts <= delays.size() ? delays.get(failedAttempts - 1) : thereafter;
        double factor = jitter == 0 ? 1 : 1 - jitter + 2 * jitter * random.nextDouble();
        Duration delay = Duration.ofNanos((long) (base.toNanos() * factor));
        Duration floor = requireNonNull(retryAfter, "retryAfter").orElse(Duration.ZERO);
        return Optional.of(delay.compareTo(floor) >= 0 ? delay : floor);
    }

    public int maxAttempts() {
        return maxAttempts;
    }
}
