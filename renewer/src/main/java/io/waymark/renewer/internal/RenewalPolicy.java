package io.waymark.renewer.internal;

import static java.util.Objects.requireNonNull;

import io.waymark.renewer.internal.ScheduleEntry.Guard;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When a certificate is renewed, when a renewal is ordered again, and when the expiry guard
 * fires. Pure arithmetic on epoch millis, so it is tested without a clock.
 *
 * <ul>
 *   <li><b>Due.</b> With an ARI window (RFC 9773 §4.2): a point inside it, uniformly spread by a
 *   hash of host and serial (stable across re-checks, so the plan does not flap). Otherwise
 *   {@code notBefore + 2/3} of the lifetime ({@code 1/2} under 10 days), moved <em>earlier</em>
 *   by a per-host jitter of up to {@code jitterPercent} of the lifetime. Never after
 *   {@code notAfter - lifetime/20}, never before {@code notBefore}. {@code afterIssuance}
 *   (tests, demos) replaces all of it with {@code issuedAt + afterIssuance}.</li>
 *   <li><b>Retries.</b> Attempt {@code n} that produced no certificate within
 *   {@code orderTimeout} is ordered again {@code retryDelays[n-1]} later (then
 *   {@code retryThereafter}).</li>
 *   <li><b>Guard.</b> DEGRADED once less than a third of the lifetime is left, but never before
 *   the first order had {@code orderTimeout} to succeed; EXPIRED at {@code notAfter}.</li>
 * </ul>
 *
 * The jitter goes earlier, not later: the 2/3 point is exactly where a third of the lifetime is
 * left, so a later renewal would make every certificate DEGRADED before its first order.
 */
public record RenewalPolicy(int jitterPercent, Optional<Duration> afterIssuance, Duration orderTimeout,
                            List<Duration> retryDelays, Duration retryThereafter, Duration ariRecheck,
                            Duration ariErrorRetry) {

    /** Below this lifetime the renewal is due at half of it rather than two thirds. */
    public static final Duration SHORT_LIFETIME = Duration.ofDays(10);
    /** A domain whose HTTPS is disabled is looked at again this often (it may be re-enabled). */
    public static final Duration DISABLED_RECHECK = Duration.ofHours(1);
    /** Retry-After values shorter than this are read as this (a CA asking for a storm is wrong). */
    public static final Duration MIN_ARI_INTERVAL = Duration.ofMinutes(1);

    public RenewalPolicy {
        requireNonNull(afterIssuance, "afterIssuance");
        requireNonNull(orderTimeout, "orderTimeout");
        retryDelays = List.copyOf(retryDelays);
        requireNonNull(retryThereafter, "retryThereafter");
        requireNonNull(ariRecheck, "ariRecheck");
        requireNonNull(ariErrorRetry, "ariErrorRetry");
        if (jitterPercent < 0 || jitterPercent > 30) {
            throw new IllegalArgumentException("jitterPercent " + jitterPercent + " is not in [0, 30]");
        }
    }

    /** When the first renewal of a certificate is due (see the class comment). */
    public long due(String host, String serialHex, long notBefore, long notAfter, long issuedAt,
                    long windowStart, long windowEnd) {
        long lifetime = Math.max(0, notAfter - notBefore);
        long due;
        if (afterIssuance.isPresent()) {
            due = issuedAt + afterIssuance.get().toMillis();
        } else if (windowEnd > 0) {
            long width = Math.max(0, windowEnd - windowStart);
            due = windowStart + (long) (fraction(host + "/" + serialHex) * width);
        } else {
            long base = lifetime < SHORT_LIFETIME.toMillis() ? lifetime / 2 : lifetime / 3 * 2;
            long jitter = (long) (fraction(host) * lifetime * jitterPercent / 100.0);
            due = notBefore + base - jitter;
        }
        return Math.max(notBefore, Math.min(due, notAfter - lifetime / 20));
    }

    /** When the guard turns the domain DEGRADED. */
    public long degradeAt(ScheduleEntry entry) {
        return Math.max(entry.notAfter() - entry.lifetime() / 3, entry.due() + orderTimeout.toMillis());
    }

    /** When the next order for this entry may go out. */
    public long orderAt(ScheduleEntry entry) {
        if (entry.attempt() == 0) {
            return entry.due();
        }
        return entry.orderedAt() + orderTimeout.toMillis() + retryDelay(entry.attempt()).toMillis();
    }

    /** The wait after attempt {@code attempt} (1-based) timed out. */
    public Duration retryDelay(int attempt) {
        return attempt <= retryDelays.size() ? retryDelays.get(attempt - 1) : retryThereafter;
    }

    /**
     * The next moment something can happen to this entry: an order, a guard transition or an ARI
     * check. {@link Long#MAX_VALUE} when nothing will (expired and disabled).
     */
    public long nextWake(ScheduleEntry entry, boolean disabled, long now) {
        long wake = entry.nextAriCheck();
        if (disabled) {
            return entry.guard() == Guard.EXPIRED || now >= entry.notAfter() ? wake
                    : Math.min(wake, now + DISABLED_RECHECK.toMillis());
        }
        if (!entry.queued()) {
            wake = Math.min(wake, orderAt(entry));
        }
        if (entry.guard() == Guard.OK) {
            wake = Math.min(wake, degradeAt(entry));
        }
        if (entry.guard() != Guard.EXPIRED) {
            wake = Math.min(wake, entry.notAfter());
        }
        return wake;
    }

    /**
     * When to ask for the window again after an answer at {@code now}: at the CA's Retry-After
     * (RFC 9773 §4.3), but at least every {@code ariRecheck} (twice a day by default) and not
     * sooner than {@link #MIN_ARI_INTERVAL}.
     */
    public long nextAriCheck(long now, Optional<Instant> retryAfter, boolean failed) {
        long regular = now + (failed ? ariErrorRetry : ariRecheck).toMillis();
        long asked = retryAfter.map(Instant::toEpochMilli).orElse(regular);
        if (failed) {
            asked = Math.max(asked, regular);
        }
        return Math.max(now + MIN_ARI_INTERVAL.toMillis(), Math.min(asked, now + ariRecheck.toMillis()));
    }

    /** A stable value in [0, 1) from the first 8 bytes of SHA-256 of {@code key}. */
    static double fraction(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            long bits = ByteBuffer.wrap(digest).getLong() >>> 11;
            return bits / (double) (1L << 53);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
