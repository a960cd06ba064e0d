package io.waymark.local.internal;

import io.waymark.schemas.DomainEvent;
import io.waymark.schemas.DomainEventType;
import io.waymark.schemas.DomainState;
import io.waymark.schemas.DomainStatus;
import io.waymark.schemas.OutboundMessage;
import io.waymark.schemas.kafka.Topic;
import io.waymark.schemas.kafka.Topics;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The demo's side of Kafka, as another system of the platform would use it: publishes
 * {@code ENABLE_HTTPS} domain events and outbound messages, and reads {@code domain-status} and
 * {@code outbound-tracked} (read-committed: the rewriter writes in transactions) from the start.
 */
public final class DemoKafka implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);

    private final Topics topics;
    private final KafkaProducer<byte[], byte[]> producer;
    private final String bootstrapServers;

    public DemoKafka(String bootstrapServers, String topicPrefix) {
        this.bootstrapServers = bootstrapServers;
        this.topics = Topics.withPrefix(topicPrefix);
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(4 << 20),
                ProducerConfig.CLIENT_ID_CONFIG, "waymark-demo"),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Asks for HTTPS tracking of {@code domain} on {@code trackingHost}, as the control plane would. */
    public void enableHttps(String domain, String trackingHost) {
        DomainEvent event = DomainEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setType(DomainEventType.ENABLE_HTTPS)
                .setSendingDomain(domain)
                .setTrackingHost(trackingHost)
                .setOccurredAt(Instant.now())
                .setSource("waymark-demo")
                .setRequestedBy("demo")
                .build();
        send(topics.domainEvents(), domain, event);
    }

    /** Publishes one message to {@code outbound}, tracking clicks and opens. */
    public void send(String messageId, String domain, String recipient, byte[] raw) {
        OutboundMessage message = OutboundMessage.newBuilder()
                .setMessageId(messageId)
                .setSendingDomain(domain)
                .setRecipient(recipient)
                .setRaw(ByteBuffer.wrap(raw))
                .setTrackClicks(true)
                .setTrackOpens(true)
                .setRewriteTextPlain(false)
                .setTags(Map.of("campaign", "spring-newsletter"))
                .build();
        send(topics.outbound(), messageId, message);
    }

    /**
     * Waits until every domain's newest status is {@code ISSUED}; stops early when one turns
     * {@code FAILED} and returns what was seen.
     */
    public Map<String, DomainStatus> awaitIssued(Set<String> domains, Duration timeout) {
        Map<String, DomainStatus> newest = new HashMap<>();
        Predicate<Map<String, DomainStatus>> settled = seen -> domains.stream().allMatch(domain ->
                seen.containsKey(domain) && seen.get(domain).getState() == DomainState.ISSUED)
                || seen.values().stream().anyMatch(status -> status.getState() == DomainState.FAILED);
        readUntil(topics.domainStatus(), timeout, record -> {
            if (record.value() != null) {
                DomainStatus status = topics.domainStatus().valueSerde().deserializer()
                        .deserialize(topics.domainStatus().name(), record.value());
                if (domains.contains(status.getSendingDomain())) {
                    newest.put(status.getSendingDomain(), status);
                }
            }
            return settled.test(newest);
        }, false);
        return newest;
    }

    /** The rewritten message with {@code messageId}, once the rewriter has committed it. */
    public Optional<OutboundMessage> awaitRewritten(String messageId, Duration timeout) {
        List<OutboundMessage> found = new ArrayList<>();
        Topic<String, OutboundMessage> topic = topics.outboundTracked();
        readUntil(topic, timeout, record -> {
            if (record.value() == null) {
                return false;
            }
            OutboundMessage message = topic.valueSerde().deserializer().deserialize(topic.name(), record.value());
            if (message.getMessageId().equals(messageId)) {
                found.add(message);
                return true;
            }
            return false;
        }, true);
        return found.stream().findFirst();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    private <V> void send(Topic<String, V> topic, String key, V value) {
        byte[] keyBytes = topic.keySerde().serializer().serialize(topic.name(), key);
        byte[] valueBytes = topic.valueSerde().serializer().serialize(topic.name(), value);
        try {
            producer.send(new ProducerRecord<>(topic.name(), keyBytes, valueBytes)).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot publish to " + topic.name() + ": " + e.getCause().getMessage(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing to " + topic.name(), e);
        }
    }

    private void readUntil(Topic<?, ?> topic, Duration timeout, Predicate<ConsumerRecord<byte[], byte[]>> done,
            boolean readCommitted) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, readCommitted ? "read_committed" : "read_uncommitted");
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(topic.maxMessageBytes() + (1 << 20)));
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "waymark-demo-reader");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic.name(), Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(info.topic(), info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    if (done.test(record)) {
                        return;
                    }
                }
            }
        }
    }
}
