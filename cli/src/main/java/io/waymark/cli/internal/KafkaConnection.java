package io.waymark.cli.internal;

import io.waymark.schemas.kafka.Topic;
import io.waymark.schemas.kafka.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The command's link to one Kafka cluster. {@link #open} asks the cluster for its nodes first,
 * so an unreachable address fails within the timeout with one clear line; afterwards it hands
 * out an idempotent {@code acks=all} producer (made on first use, closed with this object) and
 * group-less consumers that read {@code read_committed} and never commit offsets.
 */
public final class KafkaConnection implements AutoCloseable {

    /** Largest record any topic holds (raw e-mail, dead letters), plus room for headers. */
    private static final int MAX_RECORD_BYTES = 33 * 1024 * 1024;
    /** Asks for a topic this often (100 ms, 200 ms, 400 ms, 800 ms apart) before calling it missing. */
    private static final int UNKNOWN_TOPIC_ATTEMPTS = 5;

    private final Target target;
    private final Topics topics;
    private final Duration timeout;
    private final Admin admin;
    private final Set<String> existing = new HashSet<>();
    private KafkaProducer<byte[], byte[]> producer;

    private KafkaConnection(Target target, Topics topics, Duration timeout, Admin admin) {
        this.target = target;
        this.topics = topics;
        this.timeout = timeout;
        this.admin = admin;
    }

    /**
     * Connects and checks the cluster answers.
     *
     * @throws UnreachableTargetException when it does not within {@code timeout}
     * @throws IllegalArgumentException  when the topic prefix is not a legal one
     */
    public static KafkaConnection open(Target target, Duration timeout) {
        Topics topics;
        try {
            topics = Topics.withPrefix(target.topicPrefix().value());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(target.topicPrefix().origin() + ": " + e.getMessage(), e);
        }
        Admin admin;
        try {
            admin = Admin.create(common(target, timeout));
        } catch (KafkaException e) {
            // e.g. no resolvable bootstrap address
            throw unreachable(target, timeout, e);
        }
        try {
            admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            admin.close(Duration.ZERO);
            throw unreachable(target, timeout, e);
        } catch (InterruptedException e) {
            admin.close(Duration.ZERO);
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while connecting to " + target.kafka().value(), e);
        }
        return new KafkaConnection(target, topics, timeout, admin);
    }

    /** The exception for this target's Kafka address. */
    public static UnreachableTargetException unreachable(Target target, Duration timeout, Throwable cause) {
        return new UnreachableTargetException("Kafka", target.kafka(), "--kafka", TargetResolver.KAFKA_VARIABLE,
                timeout, cause);
    }

    /** The client settings of this connection (address, timeouts), for code that makes its own clients. */
    public Map<String, Object> clientSettings() {
        Map<String, Object> settings = new HashMap<>();
        common(target, timeout).forEach((k, v) -> settings.put(k.toString(), v));
        return settings;
    }

    /** The catalog under the target's prefix. */
    public Topics topics() {
        return topics;
    }

    /** The target. */
    public Target target() {
        return target;
    }

    /** Bound on each request. */
    public Duration timeout() {
        return timeout;
    }

    /** The admin client (closed with this object). */
    public Admin admin() {
        return admin;
    }

    /** Serializes with the topic's serdes and waits until every in-sync replica has the record. */
    public <V> RecordMetadata publish(Topic<String, V> topic, String key, V value) {
        byte[] keyBytes = topic.keySerde().serializer().serialize(topic.name(), key);
        byte[] valueBytes = value == null ? null : topic.valueSerde().serializer().serialize(topic.name(), value);
        return publishRaw(new ProducerRecord<>(topic.name(), keyBytes, valueBytes));
    }

    /**
     * Sends bytes as they are (dead-letter replay) and waits for the acknowledgement.
     *
     * @throws MissingResourceException when the topic does not exist (a broker that creates topics
     *                                  on first use would otherwise make it with the wrong settings)
     */
    public RecordMetadata publishRaw(ProducerRecord<byte[], byte[]> record) {
        requireTopic(record.topic());
        if (producer == null) {
            producer = new KafkaProducer<>(producerProperties(), new ByteArraySerializer(), new ByteArraySerializer());
        }
        try {
            return producer.send(record).get(3 * timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw unreachable(target, timeout, cause);
            }
            throw new KafkaException("cannot publish to " + record.topic() + ": " + cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw unreachable(target, timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while publishing to " + record.topic(), e);
        }
    }

    private void requireTopic(String name) {
        if (existing.contains(name)) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                admin.describeTopics(List.of(name)).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                existing.add(name);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new KafkaException("cannot describe topic " + name + ": " + e.getCause().getMessage(),
                            e.getCause());
                }
                if (attempt == UNKNOWN_TOPIC_ATTEMPTS) {
                    throw MissingResourceException.topic(name);
                }
                pause(attempt);
            } catch (TimeoutException e) {
                throw unreachable(target, timeout, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaException("interrupted while describing " + name, e);
            }
        }
    }

    /**
     * Before calling a topic missing, ask again a few times over about a second: a topic created
     * a moment ago ({@code topics create}) takes a little while to reach every broker's metadata.
     */
    private static void pause(int attempt) {
        try {
            TimeUnit.MILLISECONDS.sleep(50L << attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted", e);
        }
    }

    /** A consumer without a group: the caller assigns partitions and closes it. */
    public KafkaConsumer<byte[], byte[]> consumer() {
        Properties props = common(target, timeout);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(MAX_RECORD_BYTES));
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(MAX_RECORD_BYTES));
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * Every partition of {@code topic}.
     *
     * @throws MissingResourceException when the topic does not exist
     */
    public List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, Topic<?, ?> topic) {
        List<PartitionInfo> infos = List.of();
        for (int attempt = 1; infos.isEmpty(); attempt++) {
            try {
                infos = consumer.partitionsFor(topic.name(), timeout);
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                throw unreachable(target, timeout, e);
            }
            if (infos == null || infos.isEmpty()) {
                if (attempt == UNKNOWN_TOPIC_ATTEMPTS) {
                    throw MissingResourceException.topic(topic.name());
                }
                infos = List.of();
                pause(attempt);
            }
        }
        List<TopicPartition> partitions = new ArrayList<>();
        infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        partitions.sort((a, b) -> Integer.compare(a.partition(), b.partition()));
        return partitions;
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(timeout);
        }
        admin.close(timeout);
    }

    private Properties producerProperties() {
        Properties props = common(target, timeout);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(timeout.toMillis()));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(2 * timeout.toMillis()));
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(MAX_RECORD_BYTES));
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(2L * MAX_RECORD_BYTES));
        return props;
    }

    private static Properties common(Target target, Duration timeout) {
        Properties props = new Properties();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, target.kafka().value());
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, "waymark-cli");
        props.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
        props.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
        props.put(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG,
                Long.toString(Math.min(timeout.toMillis(), 5_000)));
        props.put(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG,
                Long.toString(Math.min(timeout.toMillis(), 10_000)));
        props.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        return props;
    }
}
