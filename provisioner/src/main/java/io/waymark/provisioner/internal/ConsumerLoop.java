package io.waymark.provisioner.internal;

import static java.util.Objects.requireNonNull;

import io.waymark.schemas.kafka.Topics;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that reads {@code domain-events} and {@code cert-orders} (consumer group
 * {@code kafka.group-id}): decodes each record, hands it to the {@link Provisioner}, and commits
 * offsets as outcomes land ({@link OffsetTracker}). Undecodable records go to
 * {@code dlq.provisioner} first, then count as done. With too much work open it pauses its
 * partitions instead of buffering without bound. It never waits on ACME or retries itself.
 */
final class ConsumerLoop implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(ConsumerLoop.class);
    private static final int MAX_OPEN = 2_000;

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<String> topicNames;
    private final RecordDecoder decoder;
    private final Provisioner provisioner;
    private final OutcomePublisher publisher;
    private final StateView view;
    private final ProvisionerMetrics metrics;
    private final OffsetTracker offsets = new OffsetTracker();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean polling;

    ConsumerLoop(ProvisionerConfig config, Topics topics, Provisioner provisioner, OutcomePublisher publisher,
                 StateView view, ProvisionerMetrics metrics) {
        this.decoder = new RecordDecoder(topics);
        this.provisioner = requireNonNull(provisioner, "provisioner");
        this.publisher = requireNonNull(publisher, "publisher");
        this.view = requireNonNull(view, "view");
        this.metrics = requireNonNull(metrics, "metrics");
        this.topicNames = List.of(topics.domainEvents().name(), topics.certOrders().name());
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, config.groupId(),
                ConsumerConfig.CLIENT_ID_CONFIG, "waymark-provisioner",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200),
                new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "provisioner-consumer");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** True while the loop polls (readiness). */
    boolean isPolling() {
        return polling && thread.isAlive();
    }

    private void run() {
        try {
            // idempotency decisions need the current certificates and statuses first
            while (running && !view.awaitLoaded(Duration.ofMillis(200))) {
                LOGGER.debug("Waiting for the state topics to load");
            }
            consumer.subscribe(topicNames, new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    commit();
                    offsets.forget(partitions);
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    LOGGER.info("Partitions assigned partitions={}", partitions);
                }
            });
            polling = true;
            while (running) {
                throttle();
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    handle(record);
                }
                commit();
            }
        } catch (WakeupException e) {
            // closing
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOGGER.error("Provisioner consumer stopped error={}", e.toString(), e);
        } finally {
            polling = false;
            try {
                commit();
            } catch (RuntimeException e) {
                LOGGER.warn("Final commit failed error={}", e.toString());
            }
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        offsets.started(partition, record.offset());
        Command command;
        try {
            command = decoder.decode(record);
        } catch (RecordDecoder.UndecodableRecordException e) {
            if (deadLetter(record, e)) {
                offsets.finished(partition, record.offset());
            }
            return;
        }
        provisioner.submit(command).whenComplete((ok, error) -> {
            // only an outcome on Kafka releases the offset; a cancelled command is redone after restart
            if (error == null) {
                offsets.finished(partition, record.offset());
            }
        });
    }

    /** True once the dead letter is on Kafka; false only when closing first. */
    private boolean deadLetter(ConsumerRecord<String, byte[]> record, Exception error) {
        LOGGER.warn("Record dead-lettered topic={} partition={} offset={} error={}", record.topic(),
                record.partition(), record.offset(), error.getMessage());
        while (running) {
            try {
                publisher.deadLetter(record, error);
                metrics.deadLettered();
                return true;
            } catch (ProvisioningException e) {
                LOGGER.warn("Dead letter not written, retrying error={}", e.reason());
            }
        }
        return false;
    }

    private void throttle() {
        if (offsets.open() > MAX_OPEN) {
            consumer.pause(consumer.assignment());
        } else if (!consumer.paused().isEmpty()) {
            consumer.resume(consumer.paused());
        }
    }

    private void commit() {
        Map<TopicPartition, OffsetAndMetadata> committable = offsets.committable();
        committable.keySet().retainAll(consumer.assignment());
        if (!committable.isEmpty()) {
            consumer.commitSync(committable);
            offsets.committed(committable);
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
