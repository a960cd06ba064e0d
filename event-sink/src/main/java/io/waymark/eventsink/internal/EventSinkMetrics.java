package io.waymark.eventsink.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.waymark.common.service.MeterNames;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * Every meter of the event sink, named {@code waymark_event_sink_<thing>}: records consumed,
 * events written, records dead-lettered (by reason), write retries, events skipped as past
 * retention, writes in flight, partitions paused, consumer lag, and the end-to-end lag from the
 * record's Kafka timestamp to the acknowledgement of its last row.
 */
public final class EventSinkMetrics {

    /** Values of the {@code reason} tag of {@code dead_letters}. */
    public enum DeadLetterReason { DECODE, SCHEMA, TOMBSTONE, WRITE }

    private final MeterRegistry registry;
    private final MeterNames names;
    private final Counter consumed;
    private final Counter written;
    private final Counter retries;
    private final Counter expired;
    private final Counter commitFailures;
    private final Timer endToEnd;
    private final Timer writeLatency;
    private final AtomicInteger paused = new AtomicInteger();
    private final AtomicLong lag = new AtomicLong();
    private final ConcurrentHashMap<DeadLetterReason, Counter> deadLetters = new ConcurrentHashMap<>();

    public EventSinkMetrics(MeterRegistry registry, MeterNames names) {
        this.registry = registry;
        this.names = names;
        this.consumed = Counter.builder(names.name("records_consumed"))
                .description("Records read from the tracking-events topic").register(registry);
        this.written = Counter.builder(names.name("events_written"))
                .description("Events whose every row Cassandra acknowledged").register(registry);
        this.retries = Counter.builder(names.name("write_retries"))
                .description("Writes retried after a transient Cassandra failure").register(registry);
        this.expired = Counter.builder(names.name("events_expired"))
                .description("Events older than the retention, acknowledged without a write").register(registry);
        this.commitFailures = Counter.builder(names.name("commit_failures"))
                .description("Offset commits that failed (retried at the next interval)").register(registry);
        this.endToEnd = Timer.builder(names.name("end_to_end_lag"))
                .description("From the record's Kafka timestamp to the acknowledgement of its last row")
                .publishPercentiles(0.5, 0.99)
                .distributionStatisticExpiry(Duration.ofMinutes(1))
                .register(registry);
        this.writeLatency = Timer.builder(names.name("event_write"))
                .description("From dispatch of an event's rows to the acknowledgement of the last one")
                .register(registry);
        Gauge.builder(names.name("partitions_paused"), paused, AtomicInteger::get)
                .description("Assigned partitions paused for back-pressure").register(registry);
        Gauge.builder(names.name("consumer_lag"), lag, AtomicLong::get)
                .description("Records behind the log end, summed over the assigned partitions").register(registry);
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            deadLetter(reason);
        }
    }

    /** Registers the in-flight gauge, read from the sink's own bound. */
    public void inFlight(IntSupplier inFlight) {
        Gauge.builder(names.name("writes_in_flight"), inFlight, s -> s.getAsInt())
                .description("Events being written or retried (bounded by event-sink.max-in-flight)")
                .register(registry);
    }

    public void consumed(int n) {
        consumed.increment(n);
    }

    public void written(long dispatchNanos, long recordTimestampMillis) {
        written.increment();
        writeLatency.record(System.nanoTime() - dispatchNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        long lagMillis = System.currentTimeMillis() - recordTimestampMillis;
        if (lagMillis >= 0) {
            endToEnd.record(Duration.ofMillis(lagMillis));
        }
    }

    public void retried() {
        retries.increment();
    }

    public void expired() {
        expired.increment();
    }

    public void commitFailed() {
        commitFailures.increment();
    }

    public Counter deadLetter(DeadLetterReason reason) {
        return deadLetters.computeIfAbsent(reason, r -> Counter.builder(names.name("dead_letters"))
                .description("Records sent to the dead-letter topic")
                .tag("reason", r.name().toLowerCase(java.util.Locale.ROOT))
                .register(registry));
    }

    public void paused(int partitions) {
        paused.set(partitions);
    }

    public void lag(long records) {
        lag.set(records);
    }

    /** The end-to-end lag timer, for benchmarks and tests. */
    public Timer endToEnd() {
        return endToEnd;
    }

    public double eventsWritten() {
        return written.count();
    }
}
