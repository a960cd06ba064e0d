package io.waymark.eventsink.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Where an event's rows go and with which write timestamp and TTL. Everything here is a pure
 * function of the event (and, for the TTL, of the clock), which is what makes a replay write
 * exactly the cells it wrote the first time.
 *
 * <ul>
 *   <li>Day: the UTC date of {@code occurredAt}.</li>
 *   <li>Buckets: {@code hash(event_id) mod n} for per-event rows, {@code hash(message_id,
 *       recipient) mod n} for per-recipient rows, so a busy domain's day is spread over
 *       {@code n} partitions and a (message, recipient) pair always lands in the same one.</li>
 *   <li>Append-only rows are written at {@code occurredAt} in microseconds: a replay writes an
 *       identical cell (same value, same timestamp).</li>
 *   <li>"First" rows are written at {@link #earliestWinsTimestamp}: an earlier event gets a
 *       higher timestamp, so Cassandra's last-write-wins keeps the earliest event whatever the
 *       order of arrival, without a read or a lightweight transaction.</li>
 *   <li>TTL: the row expires at {@code occurredAt + retention} whenever it is written, so a
 *       replay does not extend retention.</li>
 * </ul>
 */
public final class RowLayout {

    /** Base of the earliest-wins timestamps; leaves 2^61 for event time and a 16-bit tie-break. */
    static final long EARLIEST_WINS_BASE = 1L << 62;
    /** Event times this far in the future are refused (the edge's clock is off). */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofDays(1);
    /** Largest event time the timestamp scheme represents (year ~3084). */
    static final long MAX_EPOCH_MILLI = (1L << 45) - 1;

    private final int domainBuckets;
    private final Duration retention;

    public RowLayout(int domainBuckets, Duration retention) {
        if (domainBuckets < 1) {
            throw new IllegalArgumentException("domain buckets must be 1 or more, was " + domainBuckets);
        }
        this.domainBuckets = domainBuckets;
        this.retention = retention;
    }

    public int domainBuckets() {
        return domainBuckets;
    }

    public Duration retention() {
        return retention;
    }

    /** The UTC day of an event time. */
    public static LocalDate day(Instant occurredAt) {
        return LocalDate.ofInstant(occurredAt, ZoneOffset.UTC);
    }

    /** Bucket of a per-event row. */
    public int eventBucket(String eventId) {
        return Math.floorMod(mix(hash(eventId)), domainBuckets);
    }

    /** Bucket of a per-recipient row: the same pair always maps to the same bucket. */
    public int recipientBucket(String messageId, String recipient) {
        return Math.floorMod(mix(hash(messageId) * 31 + hash(recipient)), domainBuckets);
    }

    /** Write timestamp of append-only rows: the event time in microseconds. */
    public static long appendTimestamp(Instant occurredAt) {
        return occurredAt.toEpochMilli() * 1000L;
    }

    /**
     * Write timestamp of "first event" rows: strictly decreasing in event time, with a 16-bit
     * tie-break from the event id for events of the same millisecond, so the earliest event (and
     * among equal times the one with the smallest tie-break) has the highest timestamp.
     */
    public static long earliestWinsTimestamp(Instant occurredAt, String eventId) {
        long millis = occurredAt.toEpochMilli();
        if (millis < 0 || millis > MAX_EPOCH_MILLI) {
            throw new IllegalArgumentException("event time " + occurredAt + " is outside the representable range");
        }
        return EARLIEST_WINS_BASE - (millis << 16) - tieBreak(eventId);
    }

    /** The 16-bit tie-break of an event id. */
    static int tieBreak(String eventId) {
        return mix(hash(eventId)) & 0xFFFF;
    }

    /**
     * Seconds to live for a row of an event seen at {@code now}: until {@code occurredAt +
     * retention}; zero or less means the event is already past retention and is not written.
     */
    public long ttlSeconds(Instant occurredAt, Instant now) {
        long expiresAt = occurredAt.getEpochSecond() + retention.toSeconds();
        return expiresAt - now.getEpochSecond();
    }

    private static int hash(String value) {
        // FNV-1a over UTF-8: stable across JVMs and releases (String.hashCode is too, but mixes poorly)
        int h = 0x811C9DC5;
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= 0x01000193;
        }
        return h;
    }

    private static int mix(int h) {
        // murmur3 finalizer: spreads FNV's low bits before taking a modulus
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        h ^= h >>> 16;
        return h;
    }
}
