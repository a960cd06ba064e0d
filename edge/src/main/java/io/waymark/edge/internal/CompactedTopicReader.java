package io.waymark.edge.internal;

import io.waymark.schemas.kafka.Topic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiConsumer;

/**
 * Reads a compacted topic from the beginning, on its own thread, for as long as the edge runs,
 * and hands every record (a {@code null} value is a tombstone) to a callback. There is no
 * consumer group: every edge node reads every partition, and the state is rebuilt from the topic
 * at each start. {@link #caughtUp()} turns true once the end offsets seen at start-up have been
 * reached, which is what {@code /readyz} waits for. A value that does not decode is counted and
 * skipped; the loop never stops on bad input.
 */
public final class CompactedTopicReader<V> implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(CompactedTopicReader.class);

    private final Topic<String, V> topic;
    private final Properties properties;
    private final BiConsumer<String, V> sink;
    private final Runnable onBadRecord;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean caughtUp;
    private volatile KafkaConsumer<String, byte[]> consumer;

    public CompactedTopicReader(String bootstrapServers, Topic<String, V> topic, BiConsumer<String, V> sink,
                                Runnable onBadRecord) {
        this.topic = topic;
        this.sink = sink;
        this.onBadRecord = onBadRecord;
        this.properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // New records must reach the handshake path within a second of publication. A fetch
        // returns as soon as a record is there (fetch.min.bytes 1), so the wait bounds only
        // empty fetches: Kafka's 500 ms keeps an idle reader to two fetches a second (at 100 ms,
        // two readers on every edge node cost the node and the brokers CPU for nothing).
        properties.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, "1");
        properties.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "500");
        properties.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(Math.max(1 << 20, topic.maxMessageBytes())));
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "waymark-edge-" + topic.logicalName());
        this.thread = new Thread(this::run, "edge-reader-" + topic.logicalName());
        this.thread.setDaemon(true);
    }

    /** Starts the reading thread. */
    public CompactedTopicReader<V> start() {
        thread.start();
        return this;
    }

    /** True once the topic has been read up to the end offsets it had at start-up. */
    public boolean caughtUp() {
        return caughtUp;
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer())) {
                consumer = c;
                if (!running) {
                    return;
                }
                readForever(c);
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOGGER.atWarn().addKeyValue("topic", topic.name()).setCause(e)
                        .log("reader failed, starting over from the beginning in 1 s");
                sleepQuietly(1000);
            }
        }
    }

    private void readForever(KafkaConsumer<String, byte[]> c) {
        List<TopicPartition> partitions = partitions(c);
        c.assign(partitions);
        c.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = new HashMap<>(c.endOffsets(partitions, Duration.ofSeconds(30)));
        LOGGER.atInfo().addKeyValue("topic", topic.name()).addKeyValue("partitions", partitions.size())
                .log("reading compacted topic from the beginning");
        checkCaughtUp(c, end);
        while (running) {
            ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(200));
            for (ConsumerRecord<String, byte[]> record : records) {
                apply(record);
            }
            if (!caughtUp) {
                checkCaughtUp(c, end);
            }
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> c) {
        while (running) {
            List<PartitionInfo> infos = c.partitionsFor(topic.name(), Duration.ofSeconds(30));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            }
            LOGGER.atWarn().addKeyValue("topic", topic.name()).log("topic has no partitions yet, retrying");
            sleepQuietly(1000);
        }
        throw new WakeupException();
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            onBadRecord.run();
            return;
        }
        V value;
        try {
            value = record.value() == null ? null : topic.valueSerde().deserializer().deserialize(topic.name(), record.value());
        } catch (RuntimeException e) {
            onBadRecord.run();
            LOGGER.atWarn().addKeyValue("topic", topic.name()).addKeyValue("partition", record.partition())
                    .addKeyValue("offset", record.offset()).addKeyValue("error", e.getMessage()).log("skipping undecodable record");
            return;
        }
        try {
            sink.accept(record.key(), value);
        } catch (RuntimeException e) {
            onBadRecord.run();
            LOGGER.atWarn().addKeyValue("topic", topic.name()).addKeyValue("partition", record.partition())
                    .addKeyValue("offset", record.offset()).addKeyValue("error", e.toString()).log("skipping record");
        }
    }

    private void checkCaughtUp(KafkaConsumer<String, byte[]> c, Map<TopicPartition, Long> end) {
        end.entrySet().removeIf(e -> c.position(e.getKey()) >= e.getValue());
        if (end.isEmpty()) {
            caughtUp = true;
            LOGGER.atInfo().addKeyValue("topic", topic.name()).log("caught up with the topic");
        }
    }

    private void sleepQuietly(long millis) {
        long end = System.currentTimeMillis() + millis;
        while (running && System.currentTimeMillis() < end) {
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        // No interrupt: an interrupted consumer cannot close cleanly. The loop checks "running".
        thread.join(10_000);
    }
}
