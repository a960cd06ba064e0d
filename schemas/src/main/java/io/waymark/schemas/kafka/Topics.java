package io.waymark.schemas.kafka;

import static java.util.Objects.requireNonNull;

import io.waymark.schemas.AcmeChallenge;
import io.waymark.schemas.CertificateOrder;
import io.waymark.schemas.CertificateRecord;
import io.waymark.schemas.DomainEvent;
import io.waymark.schemas.DomainStatus;
import io.waymark.schemas.OutboundMessage;
import io.waymark.schemas.TrackingEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The topic catalog: every Waymark topic, typed, under one name prefix. This is the only place
 * a topic name is spelled; services take their {@link Topic}s from here.
 *
 * <pre>{@code
 * Topics topics = Topics.withPrefix(config.topicPrefix());   // "waymark." unless configured
 * consumer.subscribe(List.of(topics.domainStatus().name()));
 * }</pre>
 *
 * Defaults are sized for production (see {@code schemas/README.md}); the local stack and tests
 * may shrink partition counts with {@link #withMaxPartitions(int)}.
 */
public final class Topics {

    /** The default prefix of every topic name. */
    public static final String DEFAULT_PREFIX = "waymark.";

    /** Services that get a dead-letter topic created up front. */
    public static final List<String> DLQ_SERVICES =
            List.of("provisioner", "renewer", "edge", "rewriter", "event-sink");

    private static final Pattern PREFIX = Pattern.compile("[a-zA-Z0-9._-]{0,200}");
    private static final Pattern SERVICE = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final int KIB = 1024;
    private static final int MIB = 1024 * KIB;
    private static final int DEFAULT_MAX_MESSAGE_BYTES = MIB;
    /** Raw email with attachments: providers accept 25-50 MB; base64 is already in the bytes. */
    private static final int EMAIL_MAX_MESSAGE_BYTES = 32 * MIB;

    // shared instances, so that Topic.equals holds between two calls of the same accessor
    private static final Serde<String> KEYS = Serdes.String();
    private static final Serde<byte[]> RAW = Serdes.ByteArray();

    private final String prefix;
    private final UnaryOperator<Topic<?, ?>> adjust;

    private Topics(String prefix, UnaryOperator<Topic<?, ?>> adjust) {
        this.prefix = prefix;
        this.adjust = adjust;
    }

    /**
     * The catalog with every name starting with {@code prefix} (may be empty).
     *
     * @throws IllegalArgumentException when the prefix holds characters Kafka forbids in names
     */
    public static Topics withPrefix(String prefix) {
        requireNonNull(prefix, "prefix");
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("topic prefix '" + prefix
                    + "' may hold only [a-zA-Z0-9._-], at most 200 characters");
        }
        return new Topics(prefix, UnaryOperator.identity());
    }

    /** The catalog with {@link #DEFAULT_PREFIX}. */
    public static Topics defaults() {
        return withPrefix(DEFAULT_PREFIX);
    }

    /** The same catalog with no topic above {@code max} partitions (local stack, tests). */
    public Topics withMaxPartitions(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max partitions must be 1 or more, was " + max);
        }
        UnaryOperator<Topic<?, ?>> previous = adjust;
        return new Topics(prefix, t -> {
            Topic<?, ?> before = previous.apply(t);
            return before.partitions() > max ? before.withPartitions(max) : before;
        });
    }

    /** The prefix of every name. */
    public String prefix() {
        return prefix;
    }

    /** {@code domain-events}: ENABLE_HTTPS / DISABLE_HTTPS / DELETE per sending domain; key: sending domain. */
    public Topic<String, DomainEvent> domainEvents() {
        return topic("domain-events", DomainEvent.class, CleanupPolicy.DELETE, 12, Duration.ofDays(30),
                DEFAULT_MAX_MESSAGE_BYTES, Map.of());
    }

    /** {@code cert-orders}: certificate orders for the provisioner; key: tracking host. */
    public Topic<String, CertificateOrder> certOrders() {
        return topic("cert-orders", CertificateOrder.class, CleanupPolicy.DELETE, 12, Duration.ofDays(14),
                DEFAULT_MAX_MESSAGE_BYTES, Map.of());
    }

    /**
     * {@code acme-challenges}: HTTP-01 challenges the edge answers; key: {@link ChallengeKey}
     * ({@code host/token}), tombstone when done. Compacted, and deleted after 7 days as well:
     * no ACME authorization outlives that, so a forgotten tombstone cannot leave a challenge forever.
     */
    public Topic<String, AcmeChallenge> acmeChallenges() {
        return topic("acme-challenges", AcmeChallenge.class, CleanupPolicy.COMPACT_DELETE, 6, Duration.ofDays(7),
                DEFAULT_MAX_MESSAGE_BYTES, Map.of(
                        TopicConfig.SEGMENT_MS_CONFIG, Long.toString(Duration.ofHours(1).toMillis()),
                        TopicConfig.DELETE_RETENTION_MS_CONFIG, Long.toString(Duration.ofDays(1).toMillis()),
                        TopicConfig.MIN_CLEANABLE_DIRTY_RATIO_CONFIG, "0.1"));
    }

    /** {@code certificates}: the live certificate (sealed key) per tracking host; compacted; key: tracking host. */
    public Topic<String, CertificateRecord> certificates() {
        return topic("certificates", CertificateRecord.class, CleanupPolicy.COMPACT, 12, Topic.RETAIN_FOREVER,
                4 * MIB, compacted());
    }

    /** {@code domain-status}: HTTPS tracking state per sending domain; compacted; key: sending domain. */
    public Topic<String, DomainStatus> domainStatus() {
        return topic("domain-status", DomainStatus.class, CleanupPolicy.COMPACT, 12, Topic.RETAIN_FOREVER,
                DEFAULT_MAX_MESSAGE_BYTES, compacted());
    }

    /** {@code outbound}: messages from the MTA tier to the rewriter; key: message id. */
    public Topic<String, OutboundMessage> outbound() {
        return topic("outbound", OutboundMessage.class, CleanupPolicy.DELETE, 48, Duration.ofDays(7),
                EMAIL_MAX_MESSAGE_BYTES, Map.of());
    }

    /** {@code outbound-tracked}: rewritten messages back to the MTA tier; key: message id. */
    public Topic<String, OutboundMessage> outboundTracked() {
        return topic("outbound-tracked", OutboundMessage.class, CleanupPolicy.DELETE, 48, Duration.ofDays(7),
                EMAIL_MAX_MESSAGE_BYTES, Map.of());
    }

    /** {@code tracking-events}: clicks and opens from the edge; key: message id. */
    public Topic<String, TrackingEvent> trackingEvents() {
        return topic("tracking-events", TrackingEvent.class, CleanupPolicy.DELETE, 48, Duration.ofDays(7),
                DEFAULT_MAX_MESSAGE_BYTES, Map.of());
    }

    /**
     * {@code dlq.<service>}: records a service could not process, value as the original bytes,
     * the error in {@link DeadLetterHeaders}; key: the original key. Sized for the largest
     * original (a raw email).
     *
     * @param service lower-case service name, e.g. {@code rewriter}
     */
    public Topic<String, byte[]> dlq(String service) {
        requireNonNull(service, "service");
        if (!SERVICE.matcher(service).matches()) {
            throw new IllegalArgumentException("service name '" + service + "' must match " + SERVICE);
        }
        return make("dlq." + service, RAW, CleanupPolicy.DELETE, 6, Duration.ofDays(14),
                EMAIL_MAX_MESSAGE_BYTES, Map.of());
    }

    /** Every topic to create: the eight contract topics, then a dead-letter topic per {@link #DLQ_SERVICES}. */
    public List<Topic<?, ?>> all() {
        List<Topic<?, ?>> all = new ArrayList<>(List.of(domainEvents(), certOrders(), acmeChallenges(),
                certificates(), domainStatus(), outbound(), outboundTracked(), trackingEvents()));
        DLQ_SERVICES.forEach(s -> all.add(dlq(s)));
        return List.copyOf(all);
    }

    /** The catalog's topic with this full name, if any ({@code dlq.*} for any service name). */
    public Optional<Topic<?, ?>> byName(String name) {
        requireNonNull(name, "name");
        Optional<Topic<?, ?>> known = all().stream().filter(t -> t.name().equals(name)).findFirst();
        if (known.isPresent() || !name.startsWith(prefix + "dlq.")) {
            return known;
        }
        String service = name.substring(prefix.length() + "dlq.".length());
        return SERVICE.matcher(service).matches() ? Optional.of(dlq(service)) : Optional.empty();
    }

    private static Map<String, String> compacted() {
        // keep a superseded record for an hour (a consumer mid-rebuild still sees it), and a
        // tombstone for 7 days so an edge that was down that long still learns of a DELETE
        return Map.of(
                TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, Long.toString(Duration.ofHours(1).toMillis()),
                TopicConfig.DELETE_RETENTION_MS_CONFIG, Long.toString(Duration.ofDays(7).toMillis()),
                TopicConfig.SEGMENT_MS_CONFIG, Long.toString(Duration.ofDays(1).toMillis()));
    }

    private <V extends org.apache.avro.specific.SpecificRecord> Topic<String, V> topic(
            String logicalName, Class<V> type, CleanupPolicy policy, int partitions, Duration retention,
            int maxMessageBytes, Map<String, String> extra) {
        return make(logicalName, WaymarkSerde.of(type), policy, partitions, retention, maxMessageBytes, extra);
    }

    @SuppressWarnings("unchecked")
    private <V> Topic<String, V> make(String logicalName, Serde<V> valueSerde, CleanupPolicy policy,
                                      int partitions, Duration retention, int maxMessageBytes,
                                      Map<String, String> extra) {
        Topic<String, V> topic = new Topic<>(logicalName, prefix + logicalName, KEYS, valueSerde,
                policy, partitions, retention, maxMessageBytes, extra);
        return (Topic<String, V>) adjust.apply(topic);
    }

    @Override
    public String toString() {
        return "Topics[prefix=" + prefix + "]";
    }
}
