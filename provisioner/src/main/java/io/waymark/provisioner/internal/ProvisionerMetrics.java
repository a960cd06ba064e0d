package io.waymark.provisioner.internal;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.waymark.common.service.MeterNames;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Every meter of the provisioner, named {@code waymark_provisioner_*}: outcomes by kind, ACME
 * orders placed, deferrals per limit, failed validations and self-checks, dead letters, the
 * level of each rate-limit bucket and the enable-to-issued latency.
 */
public final class ProvisionerMetrics {

    private final MeterRegistry registry;
    private final MeterNames names;
    private final Timer issuance;

    public ProvisionerMetrics(MeterRegistry registry, MeterNames names) {
        this.registry = requireNonNull(registry, "registry");
        this.names = requireNonNull(names, "names");
        this.issuance = Timer.builder(names.name("issuance"))
                .description("from the request to the published certificate")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    /** One outcome: issued, republished, failed, disabled, deleted, skipped, retry_scheduled. */
    void outcome(String outcome) {
        counter("outcomes", "outcome", outcome).increment();
    }

    void orderPlaced() {
        Counter.builder(names.name("acme_orders")).description("new orders sent to the CA")
                .register(registry).increment();
    }

    /** The CA answered rateLimited (RFC 8555 §6.7); the retry waits at least its Retry-After. */
    void rateLimited() {
        Counter.builder(names.name("rate_limited")).description("rateLimited answers from the CA")
                .register(registry).increment();
    }

    void deferred(String limit) {
        counter("deferred", "limit", limit).increment();
    }

    void failedValidation() {
        Counter.builder(names.name("failed_validations")).register(registry).increment();
    }

    void preflightFailed() {
        Counter.builder(names.name("preflight_failures")).register(registry).increment();
    }

    void deadLettered() {
        Counter.builder(names.name("dead_letters")).register(registry).increment();
    }

    void revocation(String result) {
        counter("revocations", "result", result).increment();
    }

    void issued(Duration took) {
        issuance.record(took);
    }

    void bucketLevel(String limit, Supplier<Number> level) {
        Gauge.builder(names.name("bucket_level"), level).tag("bucket", limit)
                .description("tokens left (lowest across keys for per-host and per-domain buckets)")
                .register(registry);
    }

    void inFlight(Supplier<Number> count) {
        Gauge.builder(names.name("in_flight"), count).register(registry);
    }

    /** How many ACME orders were placed so far (tests, benchmarks). */
    public double ordersPlaced() {
        Counter counter = registry.find(names.name("acme_orders")).counter();
        return counter == null ? 0 : counter.count();
    }

    private Counter counter(String thing, String tag, String value) {
        return Counter.builder(names.name(thing)).tag(tag, value).register(registry);
    }
}
