package io.waymark.provisioner;

import io.waymark.schemas.CertificateRecord;
import io.waymark.schemas.DomainStatus;
import io.waymark.schemas.kafka.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads what the provisioner wrote (statuses, certificates, dead letters) from the beginning, in order. */
final class TopicRecorder implements AutoCloseable {

    /** One record as seen: key, decoded value (null for a tombstone), when it arrived. */
    record Seen<V>(String key, V value, long receivedNanos) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final Topics topics;
    private final Thread thread;
    private final List<Seen<DomainStatus>> statuses = new CopyOnWriteArrayList<>();
    private final List<Seen<CertificateRecord>> certificates = new CopyOnWriteArrayList<>();
    private final List<ConsumerRecord<String, byte[]>> deadLetters = new CopyOnWriteArrayList<>();
    private final List<String> challengeKeys = new CopyOnWriteArrayList<>();
    private volatile boolean running = true;

    TopicRecorder(String bootstrapServers, Topics topics) {
        this.topics = topics;
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String name : List.of(topics.domainStatus().name(), topics.certificates().name(),
                topics.dlq("provisioner").name(), topics.acmeChallenges().name())) {
            consumer.partitionsFor(name).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = new Thread(this::run, "topic-recorder");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                    long now = System.nanoTime();
                    if (record.topic().equals(topics.domainStatus().name())) {
                        statuses.add(new Seen<>(record.key(), record.value() == null ? null
                                : topics.domainStatus().valueSerde().deserializer().deserialize(record.topic(),
                                record.value()), now));
                    } else if (record.topic().equals(topics.certificates().name())) {
                        certificates.add(new Seen<>(record.key(), record.value() == null ? null
                                : topics.certificates().valueSerde().deserializer().deserialize(record.topic(),
                                record.value()), now));
                    } else if (record.topic().equals(topics.acmeChallenges().name())) {
                        challengeKeys.add(record.key() + (record.value() == null ? " (tombstone)" : ""));
                    } else {
                        deadLetters.add(record);
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    List<Seen<DomainStatus>> statuses(String domain) {
        return statuses.stream().filter(s -> s.key().equals(domain)).toList();
    }

    /** The newest status of {@code domain}, null if none or tombstoned. */
    DomainStatus latestStatus(String domain) {
        List<Seen<DomainStatus>> all = statuses(domain);
        return all.isEmpty() ? null : all.get(all.size() - 1).value();
    }

    List<Seen<CertificateRecord>> certificates(String host) {
        return certificates.stream().filter(s -> s.key().equals(host)).toList();
    }

    /** Keys written to acme-challenges, tombstones marked {@code (tombstone)}. */
    List<String> challengeKeys() {
        return challengeKeys;
    }

    List<ConsumerRecord<String, byte[]>> deadLetters() {
        return deadLetters;
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
