package io.waymark.eventsink;

import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.waymark.common.config.Config;
import io.waymark.common.service.ServiceRuntime;
import io.waymark.embedded.CassandraNode;
import io.waymark.embedded.KafkaCluster;
import io.waymark.schemas.TrackingEvent;
import io.waymark.schemas.kafka.Topic;
import io.waymark.schemas.kafka.TopicAdmin;
import io.waymark.schemas.kafka.Topics;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One isolated sink world on the shared real servers: its own topic prefix, keyspace and
 * consumer groups; starts sinks through the service frame, produces events with a real producer
 * and reads tables back. Close it to stop what it started.
 */
final class SinkHarness implements AutoCloseable {

    static final int PARTITIONS = 4;

    final KafkaCluster kafka;
    final CassandraNode cassandra;
    final String prefix;
    final String keyspace;
    final Topics topics;
    final Topic<String, TrackingEvent> events;
    final Topic<String, byte[]> dlq;
    final Admin admin;
    final CqlSession session;
    private final List<ServiceRuntime> runtimes = new ArrayList<>();
    private final KafkaProducer<String, byte[]> producer;

    SinkHarness(KafkaCluster kafka, CassandraNode cassandra) {
        this.kafka = kafka;
        this.cassandra = cassandra;
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        this.prefix = "it" + id + ".";
        this.keyspace = "sink_" + id;
        this.topics = Topics.withPrefix(prefix).withMaxPartitions(PARTITIONS);
        this.events = topics.trackingEvents();
        this.dlq = topics.dlq(EventSinkService.NAME);
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
        new TopicAdmin(admin, Optional.of((short) 1), Duration.ofSeconds(60)).ensure(List.of(events, dlq));
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        this.session = CqlSession.builder().addContactPoint(cassandra.contactPoint())
                .withLocalDatacenter(cassandra.localDatacenter()).build();
    }

    /** Settings of a sink in this world; {@code overrides} win. */
    Map<String, String> settings(String groupId, Map<String, String> overrides) {
        EventSinkService service = new EventSinkService();
        Map<String, String> values = new HashMap<>(ServiceRuntime.defaults(service));
        values.put("admin.port", "0");
        values.put("admin.host", "127.0.0.1");
        values.put(EventSinkConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        values.put(EventSinkConfig.TOPIC_PREFIX, prefix);
        values.put(EventSinkConfig.GROUP_ID, groupId);
        values.put(EventSinkConfig.CONTACT_POINTS, cassandra.contactPoint().getHostString() + ":"
                + cassandra.contactPoint().getPort());
        values.put(EventSinkConfig.LOCAL_DATACENTER, cassandra.localDatacenter());
        values.put(EventSinkConfig.KEYSPACE, keyspace);
        values.put(EventSinkConfig.DOMAIN_BUCKETS, "4");
        values.put(EventSinkConfig.COMMIT_INTERVAL, "200ms");
        values.put(EventSinkConfig.RETRY_MAX, "2s");
        values.put(EventSinkConfig.REQUEST_TIMEOUT, "3s");
        values.putAll(overrides);
        return values;
    }

    /** Starts a sink through the service frame. */
    Sink start(String groupId, Map<String, String> overrides) throws Exception {
        EventSinkService service = new EventSinkService();
        ServiceRuntime runtime = ServiceRuntime.start(EventSinkService.NAME,
                Config.of(settings(groupId, overrides)), service);
        runtimes.add(runtime);
        return new Sink(runtime, service, groupId);
    }

    /** A running sink. */
    record Sink(ServiceRuntime runtime, EventSinkService service, String groupId) {
        void stop() {
            runtime.close();
        }
    }

    void produce(List<TrackingEvent> list) {
        for (TrackingEvent e : list) {
            producer.send(new ProducerRecord<>(events.name(), e.getMessageId(),
                    events.valueSerde().serializer().serialize(events.name(), e)));
        }
        producer.flush();
    }

    void produceRaw(String key, byte[] value) {
        producer.send(new ProducerRecord<>(events.name(), key, value));
        producer.flush();
    }

    /** Waits until {@code groupId} committed the log end of every partition of the events topic. */
    void awaitCaughtUp(String groupId, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(500)).until(() -> lag(groupId) == 0);
    }

    long lag(String groupId) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            latest.put(new TopicPartition(events.name(), p), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> ends = admin.listOffsets(latest).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata().get();
        long lag = 0;
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            OffsetAndMetadata done = committed.get(end.getKey());
            lag += end.getValue() - (done == null ? 0 : done.offset());
        }
        return lag;
    }

    long count(String table) {
        long n = 0;
        for (Row ignored : session.execute(SimpleStatement.newInstance("SELECT * FROM " + keyspace + "." + table)
                .setPageSize(5000).setTimeout(Duration.ofSeconds(30)))) {
            n++;
        }
        return n;
    }

    /**
     * A digest of a table's full content: every column of every row plus the write time of one
     * regular column (null for a table without one), so a replay that changed any value or
     * rewrote a cell with another timestamp shows.
     */
    String digest(String table, String writetimeColumn) throws Exception {
        List<String> lines = new ArrayList<>();
        String columns = session.getMetadata().getKeyspace(keyspace).orElseThrow().getTable(table).orElseThrow()
                .getColumns().keySet().stream().map(c -> c.asCql(true)).sorted().collect(Collectors.joining(", "));
        // a table of key columns only has no cell to ask WRITETIME of: its rows are its content
        String writetime = writetimeColumn == null ? "" : ", WRITETIME(" + writetimeColumn + ") AS wt";
        for (Row row : session.execute(SimpleStatement.newInstance("SELECT " + columns + writetime
                        + " FROM " + keyspace + "." + table).setPageSize(5000).setTimeout(Duration.ofSeconds(30)))) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.getColumnDefinitions().size(); i++) {
                line.append(row.getColumnDefinitions().get(i).getName()).append('=')
                        .append(row.getObject(i)).append('|');
            }
            lines.add(line.toString());
        }
        lines.sort(null);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        lines.forEach(l -> sha.update(l.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return lines.size() + ":" + HexFormat.of().formatHex(sha.digest());
    }

    <T> Map<String, T> index(List<T> list, Function<T, String> key) {
        return list.stream().collect(Collectors.toMap(key, Function.identity(), (a, b) -> a));
    }

    @Override
    public void close() {
        for (ServiceRuntime r : runtimes) {
            r.close();
        }
        producer.close(Duration.ofSeconds(10));
        admin.close(Duration.ofSeconds(10));
        try {
            session.execute(SimpleStatement.newInstance("DROP KEYSPACE IF EXISTS " + keyspace)
                    .setTimeout(Duration.ofSeconds(60)));
        } catch (RuntimeException e) {
            // best effort: the next run uses another keyspace anyway
        }
        session.close();
    }
}
