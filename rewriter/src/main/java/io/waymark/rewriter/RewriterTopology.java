package io.waymark.rewriter;

import io.waymark.schemas.DomainStatus;
import io.waymark.schemas.OutboundMessage;
import io.waymark.schemas.kafka.DeadLetterHeaders;
import io.waymark.schemas.kafka.Topic;
import io.waymark.schemas.kafka.WaymarkSerde;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.GlobalKTable;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * The rewriter's Kafka Streams topology:
 *
 * <pre>
 *   domain-status ──▶ GlobalKTable (every instance holds every domain's status)
 *   outbound ──leftJoin(status by sending domain)──▶ rewrite ──▶ outbound-tracked (always)
 *                                                          └──▶ dlq.rewriter (when it failed)
 * </pre>
 *
 * The status is a global table looked up by sending domain, so message bodies are never
 * repartitioned; a message is keyed and partitioned by its id from end to end. Failed messages
 * go to {@code outbound-tracked} unchanged and a copy of the original record to the DLQ with
 * {@link DeadLetterHeaders}. Run it with {@code processing.guarantee=exactly_once_v2}
 * ({@link RewriterConfig#streamsProperties()}).
 */
public final class RewriterTopology {

    /** The service name: meters, dead-letter topic, logs. */
    public static final String SERVICE = "rewriter";
    static final String STATUS_STORE = "domain-status-store";

    private RewriterTopology() {
    }

    /** The topology with meters in memory. */
    public static Topology buildTopology(RewriterConfig config) {
        return buildTopology(config, RewriterMetrics.inMemory());
    }

    /** The topology, counting into {@code metrics}. */
    public static Topology buildTopology(RewriterConfig config, RewriterMetrics metrics) {
        Topic<String, OutboundMessage> outbound = config.topics().outbound();
        Topic<String, OutboundMessage> tracked = config.topics().outboundTracked();
        Topic<String, DomainStatus> status = config.topics().domainStatus();
        Topic<String, byte[]> dlq = config.topics().dlq(SERVICE);
        Serde<OutboundMessage> messageSerde = outbound.valueSerde();
        RewriteProcessor processor = new RewriteProcessor(config, metrics);

        StreamsBuilder builder = new StreamsBuilder();
        GlobalKTable<String, DomainStatus> statuses = builder.globalTable(status.name(),
                Consumed.with(status.keySerde(), status.valueSerde()).withName("domain-status-source"),
                Materialized.as(STATUS_STORE));
        KStream<String, RewriteOutcome> outcomes = builder
                .stream(outbound.name(), Consumed.with(outbound.keySerde(), messageSerde).withName("outbound-source"))
                .leftJoin(statuses, (key, message) -> RewriteProcessor.statusKey(message),
                        (key, message, domainStatus) -> processor.process(key, message, domainStatus),
                        Named.as("rewrite"));
        outcomes.mapValues(RewriteOutcome::message, Named.as("rewritten-message"))
                .to(tracked.name(), Produced.with(tracked.keySerde(), tracked.valueSerde()).withName("tracked-sink"));
        outcomes.filter((key, outcome) -> outcome.failed(), Named.as("failed"))
                .processValues(() -> new DeadLetterValues(messageSerde, outbound.name()), Named.as("dead-letter"))
                .to(dlq.name(), Produced.with(dlq.keySerde(), dlq.valueSerde()).withName("dlq-sink"));
        return builder.build();
    }

    /** The original record's bytes with the reason in {@link DeadLetterHeaders}. */
    private static final class DeadLetterValues implements FixedKeyProcessor<String, RewriteOutcome, byte[]> {

        private final Serde<OutboundMessage> serde;
        private final String sourceTopic;
        private FixedKeyProcessorContext<String, byte[]> context;

        DeadLetterValues(Serde<OutboundMessage> serde, String sourceTopic) {
            this.serde = serde;
            this.sourceTopic = sourceTopic;
        }

        @Override
        public void init(FixedKeyProcessorContext<String, byte[]> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<String, RewriteOutcome> record) {
            RewriteOutcome outcome = record.value();
            RecordHeaders headers = new RecordHeaders();
            context.recordMetadata().ifPresent(meta -> {
                headers.add(DeadLetterHeaders.ORIGINAL_TOPIC, utf8(meta.topic()));
                headers.add(DeadLetterHeaders.ORIGINAL_PARTITION, utf8(Integer.toString(meta.partition())));
                headers.add(DeadLetterHeaders.ORIGINAL_OFFSET, utf8(Long.toString(meta.offset())));
            });
            if (headers.lastHeader(DeadLetterHeaders.ORIGINAL_TOPIC) == null) {
                headers.add(DeadLetterHeaders.ORIGINAL_TOPIC, utf8(sourceTopic));
            }
            headers.add(DeadLetterHeaders.SERVICE, utf8(SERVICE));
            headers.add(DeadLetterHeaders.ERROR_CLASS, utf8(outcome.errorClass()));
            headers.add(DeadLetterHeaders.ERROR_MESSAGE, utf8(String.valueOf(outcome.errorMessage())));
            headers.add(DeadLetterHeaders.FAILED_AT, utf8(Long.toString(System.currentTimeMillis())));
            byte[] original = serde.serializer().serialize(sourceTopic, outcome.original());
            context.forward(record.withValue(original).withHeaders(headers));
        }

        private static byte[] utf8(String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
    }
}
