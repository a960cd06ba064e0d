package io.waymark.cli.internal;

import io.waymark.schemas.kafka.Topic;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.utils.Utils;

/**
 * Reads one topic with a group-less consumer ({@code assign()}, nothing committed). A snapshot
 * runs from the beginning to the end offsets captured when it starts, so it terminates even
 * while producers keep writing; {@link #follow} waits from given offsets for a matching record.
 * Every record is decoded on its own: one that does not decode is reported on {@code err} and
 * skipped.
 */
public final class TopicReader<V> {

    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConnection connection;
    private final Topic<String, V> topic;
    private final PrintWriter err;

    public TopicReader(KafkaConnection connection, Topic<String, V> topic, PrintWriter err) {
        this.connection = connection;
        this.topic = topic;
        this.err = err;
    }

    /** A record with its key and value decoded; {@code value} is null for a tombstone. */
    public record Entry<V>(ConsumerRecord<byte[], byte[]> record, String key, V value) {
    }

    /** Every record from the beginning to the current end, in partition then offset order. */
    public List<Entry<V>> snapshot() {
        List<Entry<V>> entries = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = connection.consumer()) {
            List<TopicPartition> partitions = connection.partitions(consumer, topic);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, connection.timeout());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            readUntil(consumer, ends, entries::add);
        }
        entries.sort((a, b) -> a.record().partition() != b.record().partition()
                ? Integer.compare(a.record().partition(), b.record().partition())
                : Long.compare(a.record().offset(), b.record().offset()));
        return entries;
    }

    /**
     * The newest value of one key, reading only the partition the default partitioner puts it in
     * (every Waymark producer keys its records and keeps that partitioner); empty when the key
     * has no record or its newest is a tombstone.
     */
    public Optional<Entry<V>> latestOf(String key) {
        byte[] keyBytes = topic.keySerde().serializer().serialize(topic.name(), key);
        Entry<V> latest = null;
        try (KafkaConsumer<byte[], byte[]> consumer = connection.consumer()) {
            List<TopicPartition> partitions = connection.partitions(consumer, topic);
            TopicPartition partition = partitions.get(Utils.toPositive(Utils.murmur2(keyBytes)) % partitions.size());
            Map<TopicPartition, Long> ends = consumer.endOffsets(List.of(partition), connection.timeout());
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            List<Entry<V>> entries = new ArrayList<>();
            readUntil(consumer, ends, e -> {
                if (key.equals(e.key())) {
                    entries.add(e);
                }
            });
            for (Entry<V> e : entries) {
                latest = e.value() == null ? null : e;
            }
        }
        return Optional.ofNullable(latest);
    }

    /** The newest value of every key (the state of a compacted topic); tombstones remove the key. */
    public Map<String, Entry<V>> latestByKey() {
        Map<String, Entry<V>> latest = new LinkedHashMap<>();
        for (Entry<V> entry : snapshot()) {
            if (entry.value() == null) {
                latest.remove(entry.key());
            } else {
                latest.put(entry.key(), entry);
            }
        }
        return latest;
    }

    /** The current end offset of every partition (where {@link #follow} starts to see new records). */
    public Map<TopicPartition, Long> endOffsets() {
        try (KafkaConsumer<byte[], byte[]> consumer = connection.consumer()) {
            return consumer.endOffsets(connection.partitions(consumer, topic), connection.timeout());
        }
    }

    /**
     * Reads from {@code from} until a record matches or {@code wait} has passed; every decoded
     * record goes to {@code seen} first.
     */
    public Optional<Entry<V>> follow(Map<TopicPartition, Long> from, Duration wait, Predicate<Entry<V>> match,
                                     java.util.function.Consumer<Entry<V>> seen) {
        long deadline = System.nanoTime() + wait.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = connection.consumer()) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : poll(consumer)) {
                    Optional<Entry<V>> entry = decode(record);
                    if (entry.isPresent()) {
                        seen.accept(entry.get());
                        if (match.test(entry.get())) {
                            return entry;
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Decodes one record, or reports it on {@code err} and returns empty. */
    public Optional<Entry<V>> decode(ConsumerRecord<byte[], byte[]> record) {
        try {
            String key = record.key() == null ? null
                    : topic.keySerde().deserializer().deserialize(topic.name(), record.key());
            V value = record.value() == null ? null
                    : topic.valueSerde().deserializer().deserialize(topic.name(), record.value());
            return Optional.of(new Entry<>(record, key, value));
        } catch (SerializationException e) {
            err.printf("skipped %s partition %d offset %d: %s%n", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            err.flush();
            return Optional.empty();
        }
    }

    private void readUntil(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends,
                           java.util.function.Consumer<Entry<V>> sink) {
        Map<TopicPartition, Long> remaining = new HashMap<>(ends);
        remaining.entrySet().removeIf(e -> e.getValue() <= 0);
        long idleDeadline = System.nanoTime() + connection.timeout().toNanos();
        while (!remaining.isEmpty()) {
            ConsumerRecords<byte[], byte[]> records = poll(consumer);
            for (ConsumerRecord<byte[], byte[]> record : records) {
                TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                Long end = ends.get(tp);
                if (end != null && record.offset() < end) {
                    decode(record).ifPresent(sink);
                }
            }
            if (!records.isEmpty()) {
                idleDeadline = System.nanoTime() + connection.timeout().toNanos();
            }
            // transaction markers and compacted gaps never come back as records: compare positions
            remaining.entrySet().removeIf(e -> consumer.position(e.getKey(), connection.timeout()) >= e.getValue());
            if (!remaining.isEmpty() && System.nanoTime() > idleDeadline) {
                throw new UnreachableTargetException("Kafka (reading " + topic.name() + ")",
                        connection.target().kafka(), "--kafka", TargetResolver.KAFKA_VARIABLE,
                        connection.timeout(), null);
            }
        }
    }

    private static ConsumerRecords<byte[], byte[]> poll(KafkaConsumer<byte[], byte[]> consumer) {
        return consumer.poll(POLL);
    }
}
