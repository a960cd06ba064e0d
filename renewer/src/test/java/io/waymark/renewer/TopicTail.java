package io.waymark.renewer;

import io.waymark.schemas.kafka.Topic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/** Follows one topic from its beginning on a daemon thread; tombstones are kept as null values. */
final class TopicTail<V> implements AutoCloseable {

    private final KafkaConsumer<String, V> consumer;
    private final List<ConsumerRecord<String, V>> seen = new CopyOnWriteArrayList<>();
    private final Thread thread;

    TopicTail(String bootstrapServers, Topic<String, V> topic) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                topic.keySerde().deserializer(), topic.valueSerde().deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = new Thread(() -> {
            try (consumer) {
                while (!Thread.currentThread().isInterrupted()) {
                    consumer.poll(Duration.ofMillis(50)).forEach(seen::add);
                }
            } catch (WakeupException e) {
                // closed
            }
        }, "tail-" + topic.name());
        thread.setDaemon(true);
        thread.start();
    }

    /** Values of records with this key, in order (tombstones left out). */
    List<V> values(String key) {
        return seen.stream().filter(r -> key.equals(r.key()) && r.value() != null).map(ConsumerRecord::value).toList();
    }

    /** The newest value of this key; empty when there is none or the newest is a tombstone. */
    Optional<V> latest(String key) {
        ConsumerRecord<String, V> newest = null;
        for (ConsumerRecord<String, V> record : seen) {
            if (key.equals(record.key())) {
                newest = record;
            }
        }
        return newest == null ? Optional.empty() : Optional.ofNullable(newest.value());
    }

    @Override
    public void close() {
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
