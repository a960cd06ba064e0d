package io.waymark.rewriter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.waymark.common.service.MeterNames;

/**
 * The rewriter's meters, all named {@code waymark_rewriter_*}: messages by outcome
 * ({@code rewritten}, {@code unchanged}, {@code failed}), links tracked and left untracked,
 * pixels, dead letters by reason, rewrite time and message size.
 */
public final class RewriterMetrics {

    private final MeterRegistry registry;
    private final MeterNames names = MeterNames.forService(RewriterTopology.SERVICE);
    private final Counter rewritten;
    private final Counter unchanged;
    private final Counter links;
    private final Counter untracked;
    private final Counter pixels;
    private final Counter https;
    private final Timer rewriteTime;
    private final DistributionSummary bytes;

    public RewriterMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.rewritten = messages("rewritten");
        this.unchanged = messages("unchanged");
        this.links = Counter.builder(names.name("links_tracked")).description("links pointed at the tracking host")
                .register(registry);
        this.untracked = Counter.builder(names.name("links_untracked"))
                .description("http(s) links left alone: too long or not signable").register(registry);
        this.pixels = Counter.builder(names.name("pixels")).description("open pixels inserted").register(registry);
        this.https = Counter.builder(names.name("https_messages"))
                .description("messages whose links use https:// (certificate live)").register(registry);
        this.rewriteTime = Timer.builder(names.name("rewrite")).description("time to rewrite one message")
                .register(registry);
        this.bytes = DistributionSummary.builder(names.name("message_bytes")).baseUnit("bytes")
                .description("size of incoming raw messages").register(registry);
    }

    /** Meters kept in memory only (tests, the offline command). */
    public static RewriterMetrics inMemory() {
        return new RewriterMetrics(new SimpleMeterRegistry());
    }

    private Counter messages(String outcome) {
        return Counter.builder(names.name("messages")).tag("outcome", outcome)
                .description("messages processed, by outcome").register(registry);
    }

    void recorded(RewriteResult result, boolean httpsLinks, long nanos, int size) {
        (result.changed() ? rewritten : unchanged).increment();
        links.increment(result.linksTracked());
        untracked.increment(result.linksUntracked());
        pixels.increment(result.pixels());
        if (httpsLinks) {
            https.increment();
        }
        rewriteTime.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        bytes.record(size);
    }

    /** A message that went out unchanged with a dead letter. */
    void failed(String reason) {
        messages("failed").increment();
        deadLetter(reason);
    }

    /** A dead letter written, by reason (an exception's reason or class). */
    void deadLetter(String reason) {
        Counter.builder(names.name("dead_letters")).tag("reason", reason)
                .description("records written to the dead-letter topic").register(registry).increment();
    }

    /** The registry these meters live in. */
    public MeterRegistry registry() {
        return registry;
    }
}
