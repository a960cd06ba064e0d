package io.waymark.eventsink.bench;

import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.waymark.common.config.Config;
import io.waymark.common.service.ServiceRuntime;
import io.waymark.embedded.CassandraProcess;
import io.waymark.embedded.KafkaProcess;
import io.waymark.eventsink.EventFixtures;
import io.waymark.eventsink.EventSinkConfig;
import io.waymark.eventsink.EventSinkService;
import io.waymark.eventsink.internal.CqlSessions;
import io.waymark.eventsink.internal.EventStatements;
import io.waymark.eventsink.internal.RowLayout;
import io.waymark.eventsink.internal.SchemaMigrator;
import io.waymark.schemas.TrackingEvent;
import io.waymark.schemas.kafka.Topic;
import io.waymark.schemas.kafka.TopicAdmin;
import io.waymark.schemas.kafka.Topics;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Load driver: events/s into one local Cassandra node through the sink (Kafka in, Cassandra out)
 * against the ceiling, a raw driver loop writing the same rows with the same in-flight bound,
 * in the same run on the same node (raw before and after the sink, so drifting background load
 * shows as a spread); then end-to-end lag and heap at 80% of the sink's rate.
 *
 * <pre>
 * ./mvnw -B -o -pl event-sink test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
 * java -Xmx512m -cp event-sink/target/test-classes:event-sink/target/classes:$(cat event-sink/target/bench.classpath) \
 *      io.waymark.eventsink.bench.EventSinkBenchmark [events] [maxInFlight] [lagSeconds] [fixedLagRate]
 * </pre>
 */
public final class EventSinkBenchmark {

    private EventSinkBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int inFlight = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        int lagSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        // a fixed rate skips the throughput phases and only measures lag and heap at that rate
        double fixedRate = args.length > 3 ? Double.parseDouble(args[3]) : 0;
        System.out.printf("event-sink benchmark: %d events, max in flight %d, %d cores, -Xmx %d MiB, %s%n",
                events, inFlight, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, Instant.now());
        try (CassandraProcess cassandra = CassandraProcess.launch();
             KafkaProcess kafka = KafkaProcess.start()) {
            Map<String, String> settings = new HashMap<>(ServiceRuntime.defaults(new EventSinkService()));
            settings.put("admin.port", "0");
            settings.put("admin.host", "127.0.0.1");
            settings.put(EventSinkConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
            settings.put(EventSinkConfig.CONTACT_POINTS, cassandra.contactPoint().getHostString() + ":"
                    + cassandra.contactPoint().getPort());
            settings.put(EventSinkConfig.LOCAL_DATACENTER, cassandra.localDatacenter());
            settings.put(EventSinkConfig.MAX_IN_FLIGHT, Integer.toString(inFlight));
            settings.put(EventSinkConfig.REQUEST_TIMEOUT, "10s");

            List<TrackingEvent> all = EventFixtures.generate(99, events, 50, events / 5, Instant.now());
            List<TrackingEvent> warm = EventFixtures.generate(98, Math.min(20_000, events), 50, 4_000, Instant.now());
            EventSinkConfig base = EventSinkConfig.from(Config.of(settings));
            try (CqlSession session = CqlSessions.open(base)) {
                double target = fixedRate > 0 ? fixedRate : 0.8 * throughput(kafka, session, settings, base, all,
                        warm, inFlight, events);
                lag(kafka, settings, target, lagSeconds);
            }
        }
    }

    /** Sink and raw-loop throughput; returns the sink's events/s. */
    private static double throughput(KafkaProcess kafka, CqlSession session, Map<String, String> settings,
                                     EventSinkConfig base, List<TrackingEvent> all, List<TrackingEvent> warm,
                                     int inFlight, int events) throws Exception {
        // warm-up of the node and the JIT, not measured
        double warmRate = raw(session, "bench_warm", base, warm, inFlight);
        System.out.printf("warm-up raw loop: %.0f events/s%n", warmRate);

        // the ceiling before the sink: same rows, same statements, same bound, no Kafka
        double rawBefore = raw(session, "bench_raw1", base, all, inFlight);
        System.out.printf("raw driver loop (before): %.0f events/s%n", rawBefore);

        // the sink: everything is in the topic before it starts
        String prefix = "bench.";
        Topic<String, TrackingEvent> topic = createTopics(kafka.bootstrapServers(), prefix);
        produce(kafka.bootstrapServers(), topic, all, 0);
        settings.put(EventSinkConfig.TOPIC_PREFIX, prefix);
        settings.put(EventSinkConfig.KEYSPACE, "bench_sink");
        settings.put(EventSinkConfig.GROUP_ID, "bench-sink");
        EventSinkService service = new EventSinkService();
        double sinkRate;
        try (ServiceRuntime runtime = ServiceRuntime.start(EventSinkService.NAME, Config.of(settings), service)) {
            sinkRate = rate(() -> (long) service.metrics().eventsWritten(), events);
        }
        System.out.printf("sink: %.0f events/s%n", sinkRate);

        // and after it, so that a change of the neighbours' load shows as a spread
        double rawAfter = raw(session, "bench_raw2", base, all, inFlight);
        System.out.printf("raw driver loop (after): %.0f events/s%n", rawAfter);
        System.out.printf("sink / raw = %.2f (vs before %.2f, vs after %.2f)%n",
                sinkRate / ((rawBefore + rawAfter) / 2), sinkRate / rawBefore, sinkRate / rawAfter);

        return sinkRate;
    }

    /** End-to-end lag and heap of a fresh sink fed at {@code target} events/s for {@code lagSeconds}. */
    private static void lag(KafkaProcess kafka, Map<String, String> settings, double target, int lagSeconds)
            throws Exception {
        String lagPrefix = "benchlag.";
        Topic<String, TrackingEvent> lagTopic = createTopics(kafka.bootstrapServers(), lagPrefix);
        settings.put(EventSinkConfig.TOPIC_PREFIX, lagPrefix);
        settings.put(EventSinkConfig.KEYSPACE, "bench_lag");
        settings.put(EventSinkConfig.GROUP_ID, "bench-lag");
        EventSinkService lagService = new EventSinkService();
        try (ServiceRuntime runtime = ServiceRuntime.start(EventSinkService.NAME, Config.of(settings),
                lagService)) {
            int count = (int) (target * lagSeconds);
            List<TrackingEvent> paced = EventFixtures.generate(97, count, 50, Math.max(1, count / 5),
                    Instant.now());
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            AtomicLong maxHeap = new AtomicLong();
            java.util.concurrent.ScheduledExecutorService sampler =
                    java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
            sampler.scheduleAtFixedRate(
                    () -> maxHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max),
                    0, 100, TimeUnit.MILLISECONDS);
            // produce only once the sink's consumer owns partitions, or the lag would include the join
            awaitAssignment(kafka.bootstrapServers(), settings.get(EventSinkConfig.GROUP_ID));
            produce(kafka.bootstrapServers(), lagTopic, paced, target);
            try {
                await().atMost(Duration.ofMinutes(5))
                        .pollInterval(java.time.Duration.ofMillis(50))
                        .until(() -> lagService.metrics().eventsWritten() >= count);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                System.out.println("lag run: not all events written within 5 minutes");
            }
            sampler.shutdownNow();
            var snapshot = lagService.metrics().endToEnd().takeSnapshot();
            double p50 = 0;
            double p99 = 0;
            for (ValueAtPercentile v : snapshot.percentileValues()) {
                if (v.percentile() == 0.5) {
                    p50 = v.value(TimeUnit.MILLISECONDS);
                } else if (v.percentile() == 0.99) {
                    p99 = v.value(TimeUnit.MILLISECONDS);
                }
            }
            long afterGc = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                    afterGc += pool.getCollectionUsage().getUsed();
                }
            }
            System.out.printf("lag run (%.0f events/s for %d s, %d events): end-to-end lag p50 %.0f ms, "
                            + "p99 %.0f ms, max %.0f ms; heap used max %d MiB, after last GC %d MiB, of %d MiB%n",
                    target, lagSeconds, count, p50, p99, snapshot.max(TimeUnit.MILLISECONDS),
                    maxHeap.get() >> 20, afterGc >> 20, Runtime.getRuntime().maxMemory() >> 20);
        }
    }

    /** The raw ceiling: prepared statements, executeAsync, a semaphore of {@code inFlight} events. */
    private static double raw(CqlSession session, String keyspace, EventSinkConfig base, List<TrackingEvent> events,
                              int inFlight) throws Exception {
        new SchemaMigrator(session, keyspace, base.replication(), Duration.ofMinutes(1)).migrate();
        EventStatements statements = new EventStatements(session, keyspace,
                new RowLayout(base.domainBuckets(), base.retention()));
        Semaphore permits = new Semaphore(inFlight);
        AtomicLong done = new AtomicLong();
        Thread writer = new Thread(() -> {
            for (TrackingEvent e : events) {
                permits.acquireUninterruptibly();
                List<BoundStatement> rows = statements.bind(e, Instant.now());
                AtomicInteger left = new AtomicInteger(rows.size());
                for (BoundStatement row : rows) {
                    session.executeAsync(row).whenComplete((rs, error) -> {
                        if (error != null) {
                            throw new IllegalStateException("raw write failed", error);
                        }
                        if (left.decrementAndGet() == 0) {
                            done.incrementAndGet();
                            permits.release();
                        }
                    });
                }
            }
        });
        writer.start();
        double rate = rate(done::get, events.size());
        writer.join();
        return rate;
    }

    /** Events/s between 10% and 90% of {@code total}, sampled every 5 ms. */
    private static double rate(LongSupplier progress, long total) {
        long low = total / 10;
        long high = total * 9 / 10;
        long[] start = new long[2];
        await().forever().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5)).until(() -> {
            start[1] = progress.getAsLong();
            start[0] = System.nanoTime();
            return start[1] >= low;
        });
        long[] end = new long[2];
        await().forever().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5)).until(() -> {
            end[1] = progress.getAsLong();
            end[0] = System.nanoTime();
            return end[1] >= high;
        });
        return (end[1] - start[1]) / ((end[0] - start[0]) / 1e9);
    }

    private static Topic<String, TrackingEvent> createTopics(String bootstrap, String prefix) {
        Topics topics = Topics.withPrefix(prefix).withMaxPartitions(8);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            new TopicAdmin(admin, Optional.of((short) 1), Duration.ofSeconds(60))
                    .ensure(List.of(topics.trackingEvents(), topics.dlq(EventSinkService.NAME)));
        }
        return topics.trackingEvents();
    }

    /** Produces every event; paced at {@code perSecond} when positive. */
    private static void produce(String bootstrap, Topic<String, TrackingEvent> topic, List<TrackingEvent> events,
                                double perSecond) throws InterruptedException {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            long start = System.nanoTime();
            for (int i = 0; i < events.size(); i++) {
                TrackingEvent e = events.get(i);
                if (perSecond > 0) {
                    long due = start + (long) (i / perSecond * 1e9);
                    long wait = due - System.nanoTime();
                    if (wait > 1_000_000) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
                producer.send(new ProducerRecord<>(topic.name(), e.getMessageId(),
                        topic.valueSerde().serializer().serialize(topic.name(), e)));
            }
            producer.flush();
        }
    }

    /** Waits until every member of {@code groupId} has been assigned partitions. */
    private static void awaitAssignment(String bootstrapServers, String groupId) {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                Map.of(org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            await().atMost(Duration.ofMinutes(1))
                    .pollInterval(java.time.Duration.ofMillis(100))
                    .until(() -> {
                        var group = admin.describeConsumerGroups(List.of(groupId)).describedGroups().get(groupId).get();
                        return !group.members().isEmpty() && group.members().stream()
                                .allMatch(m -> !m.assignment().topicPartitions().isEmpty());
                    });
        }
    }
}
