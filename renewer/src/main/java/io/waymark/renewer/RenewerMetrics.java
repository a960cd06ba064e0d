package io.waymark.renewer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.waymark.common.service.MeterNames;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The renewer's meters, all {@code waymark_renewer_*} (table in {@code renewer/README.md}):
 * orders sent, orders held back by the rate cap, guard transitions, ARI lookups, certificate
 * records by outcome, dead letters, the punctuation's cost and gauges of the schedule's size.
 */
public final class RenewerMetrics {

    private final MeterRegistry registry;
    private final MeterNames names = MeterNames.forService(RenewerConfig.SERVICE);
    private final Timer punctuation;
    private final Counter rateLimited;
    private final AtomicLong scheduled = new AtomicLong();
    private final AtomicLong ready = new AtomicLong();
    private final AtomicLong tokens = new AtomicLong();

    public RenewerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.punctuation = Timer.builder(names.name("punctuation")).publishPercentiles(0.5, 0.99)
                .description("time of one schedule punctuation").register(registry);
        this.rateLimited = Counter.builder(names.name("rate_limited"))
                .description("punctuations that left due renewals waiting for the rate cap").register(registry);
        Gauge.builder(names.name("scheduled"), scheduled, AtomicLong::get)
                .description("certificates in the schedule (RocksDB estimate)").register(registry);
        Gauge.builder(names.name("ready"), ready, AtomicLong::get)
                .description("due renewals waiting for a token (RocksDB estimate)").register(registry);
        Gauge.builder(names.name("bucket_tokens"), tokens, AtomicLong::get)
                .description("orders the rate cap allows right now").register(registry);
    }

    /** Meters kept in memory only (tests, benchmarks). */
    public static RenewerMetrics inMemory() {
        return new RenewerMetrics(new SimpleMeterRegistry());
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** An order sent: {@code first} or {@code retry}. */
    public void order(String kind) {
        counter("orders", "kind", kind, "renewal orders sent to cert-orders").increment();
    }

    /** The expiry guard fired: {@code degraded} or {@code expired}. */
    public void guard(String state) {
        counter("guard_transitions", "state", state, "domains the expiry guard marked").increment();
    }

    /** An ARI lookup ended: {@code window}, {@code unsupported}, {@code failed} or {@code rejected}. */
    public void ariLookup(String result) {
        counter("ari_lookups", "result", result, "ARI renewalInfo lookups by result").increment();
    }

    /**
     * A certificates record: {@code scheduled}, {@code stale}, {@code forgotten}, {@code invalid}.
     */
    public void record(String outcome) {
        counter("records", "outcome", outcome, "certificates records by outcome").increment();
    }

    /** A renewal not ordered because the domain's HTTPS is disabled. */
    public void skippedDisabled() {
        counter("skipped", "reason", "disabled", "due renewals not ordered").increment();
    }

    public void deadLetter() {
        Counter.builder(names.name("dead_letters")).description("records sent to dlq.renewer")
                .register(registry).increment();
    }

    public void rateLimited() {
        rateLimited.increment();
    }

    /** One punctuation's cost and what the schedule looked like after it. */
    public void tick(long nanos, long scheduledEstimate, long readyEstimate, long tokensLeft) {
        punctuation.record(nanos, TimeUnit.NANOSECONDS);
        scheduled.set(scheduledEstimate);
        ready.set(readyEstimate);
        tokens.set(tokensLeft);
    }

    /** Count of {@code waymark_renewer_<thing>} with one tag, 0 when never incremented (tests). */
    public double count(String thing, String tag, String value) {
        Counter counter = registry.find(names.name(thing)).tag(tag, value).counter();
        return counter == null ? 0 : counter.count();
    }

    private Counter counter(String thing, String tag, String value, String description) {
        return Counter.builder(names.name(thing)).tag(tag, value).description(description).register(registry);
    }
}
