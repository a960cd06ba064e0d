package io.waymark.cli;

import io.waymark.schemas.kafka.Topic;
import io.waymark.schemas.kafka.TopicAdmin;
import io.waymark.schemas.kafka.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The integration tests' own view of the shared broker, independent of the code under test: a
 * fresh topic prefix per test with every catalog topic created (3 partitions each), plain
 * producers and a plain reader of everything on a topic.
 */
final class TestKafka {

    private final String bootstrapServers;
    private final Topics topics;

    private TestKafka(String bootstrapServers, Topics topics) {
        this.bootstrapServers = bootstrapServers;
        this.topics = topics;
    }

    /** A new prefix on the broker with every topic of the catalog created. */
    static TestKafka withFreshTopics(String bootstrapServers) {
        TestKafka kafka = withFreshPrefix(bootstrapServers);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            new TopicAdmin(admin, Optional.of((short) 1), Duration.ofSeconds(60)).ensure(kafka.topics.all());
        }
        return kafka;
    }

    /** A new prefix on the broker, no topics. */
    static TestKafka withFreshPrefix(String bootstrapServers) {
        String prefix = "it-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        return new TestKafka(bootstrapServers, Topics.withPrefix(prefix).withMaxPartitions(3));
    }

    Topics topics() {
        return topics;
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    /** The command line's environment for this broker and prefix. */
    CliEnvironment environment(Path home) {
        return CliRun.environment(home, Map.of("WAYMARK_KAFKA_BOOTSTRAP_SERVERS", bootstrapServers,
                "WAYMARK_KAFKA_TOPIC_PREFIX", topics.prefix()));
    }

    <V> RecordMetadata produce(Topic<String, V> topic, String key, V value, Header... headers) throws Exception {
        byte[] bytes = value == null ? null : topic.valueSerde().serializer().serialize(topic.name(), value);
        return produceRaw(new ProducerRecord<>(topic.name(), null, topic.keySerde().serializer()
                .serialize(topic.name(), key), bytes, List.of(headers)));
    }

    RecordMetadata produceRaw(ProducerRecord<byte[], byte[]> record) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            return producer.send(record).get();
        }
    }

    /** Everything on {@code topic} right now, values decoded with the topic's serde. */
    <V> List<ConsumerRecord<String, V>> readAll(Topic<String, V> topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, V>> all = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    V value = r.value() == null ? null : topic.valueSerde().deserializer().deserialize(r.topic(), r.value());
                    all.add(new ConsumerRecord<>(r.topic(), r.partition(), r.offset(), r.timestamp(), r.timestampType(),
                            r.serializedKeySize(), r.serializedValueSize(),
                            topic.keySerde().deserializer().deserialize(r.topic(), r.key()), value, r.headers(),
                            r.leaderEpoch()));
                }
            }
        }
        return all;
    }
}
