package io.waymark.provisioner.internal;

import static java.util.Objects.requireNonNull;

import io.waymark.schemas.CertificateRecord;
import io.waymark.schemas.DomainStatus;
import io.waymark.schemas.kafka.Topic;
import io.waymark.schemas.kafka.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the provisioner knows of the world: the newest certificate per tracking host and the
 * newest status per sending domain, read from the two compacted topics from the beginning and
 * followed from then on, plus what this process itself just wrote. It answers "is there a valid
 * certificate?" (idempotency) and "what version comes next?" (monotonic versions survive
 * tombstones and restarts). Work starts only once the topics were read to their end as of
 * start-up ({@link #isLoaded()}).
 */
final class StateView implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(StateView.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Topic<String, CertificateRecord> certificatesTopic;
    private final Topic<String, DomainStatus> statusTopic;
    private final Map<String, CertificateRecord> certificates = new ConcurrentHashMap<>();
    private final Map<String, DomainStatus> statuses = new ConcurrentHashMap<>();
    private final Map<String, Long> certificateVersions = new ConcurrentHashMap<>();
    private final Map<String, Long> statusVersions = new ConcurrentHashMap<>();
    private final CountDownLatch loaded = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;

    StateView(String bootstrapServers, Topics topics) {
        this.certificatesTopic = topics.certificates();
        this.statusTopic = topics.domainStatus();
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "waymark-provisioner-state",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, certificatesTopic.maxMessageBytes()),
                new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "provisioner-state");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    boolean isLoaded() {
        return loaded.getCount() == 0;
    }

    /** Waits until the topics were read to their end as of start-up. */
    boolean awaitLoaded(Duration timeout) throws InterruptedException {
        return loaded.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    Optional<CertificateRecord> certificate(String trackingHost) {
        return Optional.ofNullable(certificates.get(trackingHost));
    }

    Optional<DomainStatus> status(String sendingDomain) {
        return Optional.ofNullable(statuses.get(sendingDomain));
    }

    long nextCertificateVersion(String trackingHost) {
        return certificateVersions.getOrDefault(trackingHost, 0L) + 1;
    }

    long nextStatusVersion(String sendingDomain) {
        return statusVersions.getOrDefault(sendingDomain, 0L) + 1;
    }

    /** Records what this process wrote, before the topic hands it back. */
    void remember(CertificateRecord record) {
        certificates.merge(record.getTrackingHost(), record, (a, b) -> b.getVersion() >= a.getVersion() ? b : a);
        certificateVersions.merge(record.getTrackingHost(), record.getVersion(), Math::max);
    }

    void remember(DomainStatus status) {
        statuses.merge(status.getSendingDomain(), status, (a, b) -> b.getVersion() >= a.getVersion() ? b : a);
        statusVersions.merge(status.getSendingDomain(), status.getVersion(), Math::max);
    }

    void forgetCertificate(String trackingHost) {
        certificates.remove(trackingHost);
    }

    void forgetStatus(String sendingDomain) {
        statuses.remove(sendingDomain);
    }

    private void run() {
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(certificatesTopic.name(), statusTopic.name())) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(60));
                infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    apply(record);
                }
                if (!isLoaded()) {
                    end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
                    if (end.isEmpty()) {
                        LOGGER.info("Provisioner state loaded certificates={} statuses={}", certificates.size(),
                                statuses.size());
                        loaded.countDown();
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOGGER.error("Provisioner state reader stopped error={}", e.toString(), e);
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        try {
            if (record.topic().equals(certificatesTopic.name())) {
                if (record.value() == null) {
                    certificates.remove(record.key());
                } else {
                    remember(certificatesTopic.valueSerde().deserializer().deserialize(record.topic(), record.value()));
                }
            } else if (record.value() == null) {
                statuses.remove(record.key());
            } else {
                remember(statusTopic.valueSerde().deserializer().deserialize(record.topic(), record.value()));
            }
        } catch (RuntimeException e) {
            LOGGER.warn("Unreadable state record skipped topic={} partition={} offset={} error={}", record.topic(),
                    record.partition(), record.offset(), e.toString());
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
