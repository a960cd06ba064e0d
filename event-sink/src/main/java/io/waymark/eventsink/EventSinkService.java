package io.waymark.eventsink;

import com.datastax.oss.driver.api.core.CqlSession;
import io.waymark.common.service.Service;
import io.waymark.common.service.ServiceContext;
import io.waymark.eventsink.internal.BackoffPolicy;
import io.waymark.eventsink.internal.CqlSessions;
import io.waymark.eventsink.internal.DeadLetters;
import io.waymark.eventsink.internal.EventSinkMetrics;
import io.waymark.eventsink.internal.EventStatements;
import io.waymark.eventsink.internal.RowLayout;
import io.waymark.eventsink.internal.SchemaMigrator;
import io.waymark.eventsink.internal.SinkLoop;
import io.waymark.schemas.kafka.Topic;
import io.waymark.schemas.kafka.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The event sink as the service frame runs it: connects to Cassandra, applies the schema
 * migrations, then starts the consumer loop that stores every {@code TrackingEvent} of
 * {@code tracking-events} and dead-letters what it cannot store. Components are registered with
 * the frame so that shutdown stops consuming first (committing what is durable), then closes
 * the dead-letter producer and the session.
 *
 * <p>Readiness ({@code /readyz}): {@code cassandra} (session open, a node up) and
 * {@code kafka-consumer} (the loop runs and polled within 30 s).
 */
public final class EventSinkService implements Service {

    /** The service name: admin metrics prefix {@code waymark_event_sink_}, DLQ {@code dlq.event-sink}. */
    public static final String NAME = "event-sink";

    private volatile SinkLoop loop;
    private volatile EventSinkMetrics metrics;

    @Override
    public Map<String, String> defaults() {
        return EventSinkConfig.DEFAULTS;
    }

    @Override
    public void start(ServiceContext context) throws Exception {
        EventSinkConfig config = EventSinkConfig.from(context.config());
        Topics topics = Topics.withPrefix(config.topicPrefix());
        Topic<String, ?> events = topics.trackingEvents();
        Topic<String, byte[]> dlq = topics.dlq(NAME);

        CqlSession session = context.manage("cassandra-session", CqlSessions.open(config));
        context.readinessCheck("cassandra", () -> CqlSessions.usable(session));
        if (config.migrate()) {
            new SchemaMigrator(session, config.keyspace(), config.replication(), Duration.ofMinutes(5)).migrate();
        }
        RowLayout layout = new RowLayout(config.domainBuckets(), config.retention());
        EventStatements statements = new EventStatements(session, config.keyspace(), layout);

        KafkaProducer<byte[], byte[]> producer = context.manage("dlq-producer",
                new KafkaProducer<>(producerProperties(config, events), new ByteArraySerializer(),
                        new ByteArraySerializer()));
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "event-sink-retry");
            t.setDaemon(true);
            return t;
        });
        context.manage("retry-scheduler", () -> {
            scheduler.shutdownNow();
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        });
        EventSinkMetrics sinkMetrics = new EventSinkMetrics(context.meterRegistry(), context.meterNames());
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(config),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        SinkLoop sinkLoop = new SinkLoop(consumer, session, statements, new DeadLetters(producer, dlq.name()),
                new BackoffPolicy(config.retryInitial(), config.retryMax(), () -> ThreadLocalRandom.current().nextDouble()),
                sinkMetrics, scheduler, Clock.systemUTC(),
                new SinkLoop.Settings(events.name(), config.maxInFlight(), config.maxPollRecords(),
                        config.commitInterval(), config.revokeTimeout()));
        context.manage("consumer-loop", sinkLoop);
        context.readinessCheck("kafka-consumer", sinkLoop::isHealthy);
        this.metrics = sinkMetrics;
        this.loop = sinkLoop;
        sinkLoop.start();
    }

    /** The running loop's metrics (tests, benchmarks); null before {@link #start}. */
    public EventSinkMetrics metrics() {
        return metrics;
    }

    /** Events being written now (tests, benchmarks). */
    public int inFlight() {
        SinkLoop l = loop;
        return l == null ? 0 : l.inFlight();
    }

    static Map<String, Object> consumerProperties(EventSinkConfig config) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, NAME + "-" + ProcessHandle.current().pid());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxPollRecords());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return props;
    }

    static Map<String, Object> producerProperties(EventSinkConfig config, Topic<String, ?> events) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, NAME + "-dlq-" + ProcessHandle.current().pid());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // an original record plus our headers must fit
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, events.maxMessageBytes() + 64 * 1024);
        return props;
    }
}
