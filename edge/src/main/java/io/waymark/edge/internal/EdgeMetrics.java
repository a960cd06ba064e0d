package io.waymark.edge.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.waymark.common.service.MeterNames;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Every meter of the edge, named {@code waymark_edge_*} through {@link MeterNames}. Counters are
 * created once per tag value and cached, so the hot path only increments.
 */
public final class EdgeMetrics {

    private final MeterRegistry registry;
    private final MeterNames names;
    // thing -> tag value -> counter: a lookup on the request path is two map reads of constant
    // strings (hash codes cached), no key built per call.
    private final Map<String, Map<String, Counter>> counters = new ConcurrentHashMap<>();

    public EdgeMetrics(MeterRegistry registry, MeterNames names) {
        this.registry = registry;
        this.names = names;
    }

    /** A metrics instance backed by a throw-away registry, for tests. */
    public static EdgeMetrics noop() {
        return new EdgeMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), MeterNames.forService("edge"));
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** {@code waymark_edge_requests_total{outcome}}: one per HTTP answer. */
    public void request(String outcome) {
        counter("requests", "outcome", outcome, "HTTP requests by outcome").increment();
    }

    /** {@code waymark_edge_sni_rejected_total{reason}}: handshakes refused (missing or unknown name). */
    public void sniRejected(String reason) {
        counter("sni_rejected", "reason", reason, "TLS handshakes refused by SNI").increment();
    }

    /** {@code waymark_edge_tokens_rejected_total{reason}}: tokens refused, by TokenException reason. */
    public void tokenRejected(String reason) {
        counter("tokens_rejected", "reason", reason, "tracking tokens refused").increment();
    }

    /** {@code waymark_edge_events_total{kind,bot}}: events accepted into the spool. */
    public void event(String kind, boolean bot) {
        counter("events", "kind", bot ? kind + "_bot" : kind, "tracking events accepted").increment();
    }

    /** The {@code requests{outcome}} counter itself, for a hot path that counts every request. */
    public Counter requestCounter(String outcome) {
        return counter("requests", "outcome", outcome, "HTTP requests by outcome");
    }

    /** The {@code events{kind}} counter itself, for a hot path that counts every event. */
    public Counter eventCounter(String kind, boolean bot) {
        return counter("events", "kind", bot ? kind + "_bot" : kind, "tracking events accepted");
    }

    /** {@code waymark_edge_bot_total{reason}}: requests flagged as automated. */
    public void bot(String reason) {
        counter("bot", "reason", reason, "requests flagged as automated").increment();
    }

    /** {@code waymark_edge_spool_total{outcome}}: appended, rejected (quota/queue), corrupt, published. */
    public void spool(String outcome, long amount) {
        counter("spool", "outcome", outcome, "spool records by outcome").increment(amount);
    }

    /** {@code waymark_edge_certificates_total{outcome}}: records applied, stale, removed, bad. */
    public void certificate(String outcome) {
        counter("certificates", "outcome", outcome, "certificate records read").increment();
    }

    /** {@code waymark_edge_connections_refused_total}: connections closed at the cap. */
    public void connectionRefused() {
        counter("connections_refused", "reason", "cap", "connections refused").increment();
    }

    /** Registers a gauge {@code waymark_edge_<thing>}. */
    public void gauge(String thing, String description, Supplier<Number> value) {
        Gauge.builder(names.name(thing), value).description(description).register(registry);
    }

    /** Current value of a counter, 0 when never incremented (tests and diagnostics). */
    public double count(String thing, String tag, String value) {
        Map<String, Counter> byValue = counters.get(thing);
        Counter c = byValue == null ? null : byValue.get(value);
        return c == null ? 0 : c.count();
    }

    private Counter counter(String thing, String tag, String value, String description) {
        Map<String, Counter> byValue = counters.get(thing);
        if (byValue == null) {
            byValue = counters.computeIfAbsent(thing, t -> new ConcurrentHashMap<>());
        }
        Counter c = byValue.get(value);
        if (c == null) {
            c = byValue.computeIfAbsent(value,
                    v -> Counter.builder(names.name(thing)).description(description).tag(tag, v).register(registry));
        }
        return c;
    }
}
