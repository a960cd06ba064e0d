package io.waymark.rewriter.bench;

import io.waymark.common.crypto.KeyId;
import io.waymark.common.crypto.KeyPurpose;
import io.waymark.common.crypto.KeyRing;
import io.waymark.embedded.InProcessKafka;
import io.waymark.rewriter.RewriterConfig;
import io.waymark.rewriter.RewriterTopology;
import io.waymark.schemas.OutboundMessage;
import io.waymark.schemas.kafka.TopicAdmin;
import io.waymark.schemas.kafka.Topics;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

/**
 * Messages/s end to end through the rewriter topology on the embedded broker (one in-process
 * KRaft node), exactly_once_v2 against at_least_once in the same run, alternating
 * (EOS, ALOS, EOS, ALOS) so that neither mode gets the warmer JVM. Each round preloads its own
 * {@code outbound} topic (not timed), then times from {@code KafkaStreams.start()} until a
 * read_committed consumer has seen every message on {@code outbound-tracked}.
 *
 * <p>Every wait is bounded and says what it waited for: the preload (delivery of every record),
 * Streams reaching RUNNING, progress on {@code outbound-tracked} (a stall fails the round at
 * once instead of after the round's deadline), a stream thread dying (its exception is the
 * error), and each close. Broker directory, state directories and application ids are unique
 * per run. Exit code 0 after the summary line, 1 on any failure (message on stderr), 3 when the
 * whole run overran its deadline (a watchdog halts the JVM so that nothing is left running).
 *
 * <pre>
 * ./mvnw -B -o -pl rewriter -Pbench exec:exec -Dbench.main=io.waymark.rewriter.bench.StreamsThroughput
 * </pre>
 * (or run the class's main with the test classpath; args: messages per round, default 2000).
 */
public final class StreamsThroughput {

    private static final String[] MODES = {StreamsConfig.EXACTLY_ONCE_V2, StreamsConfig.AT_LEAST_ONCE,
        StreamsConfig.EXACTLY_ONCE_V2, StreamsConfig.AT_LEAST_ONCE};
    private static final Duration ROUND_DEADLINE = Duration.ofMinutes(10);
    private static final Duration STARTUP_DEADLINE = Duration.ofMinutes(2);
    private static final Duration STALL = Duration.ofSeconds(90);
    private static final Duration CLOSE = Duration.ofSeconds(60);

    private StreamsThroughput() {
    }

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        startWatchdog(ROUND_DEADLINE.multipliedBy(MODES.length).plusMinutes(5));
        int code;
        try {
            run(count);
            code = 0;
        } catch (Exception | Error e) {
            System.err.println("StreamsThroughput FAILED: " + e);
            e.printStackTrace();
            code = 1;
        }
        // client threads of a failed round must not keep the JVM (and its broker) alive
        System.exit(code);
    }

    private static void run(int count) throws Exception {
        List<byte[]> corpus = MarketingCorpus.messages(MarketingCorpus.html(40, 42));
        long corpusBytes = corpus.stream().mapToLong(m -> m.length).sum();
        System.out.printf("messages per round: %d, average size %.1f KB%n", count, corpusBytes / 1024.0 / corpus.size());
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        KeyRing ring = KeyRing.of(KeyPurpose.TOKEN, KeyId.of("b1"), Map.of(KeyId.of("b1"), key));
        String runId = UUID.randomUUID().toString().substring(0, 8);
        Path dir = Files.createTempDirectory("rewriter-bench-" + runId + "-");
        System.out.printf("run %s, directory %s%n", runId, dir);
        try (InProcessKafka kafka = InProcessKafka.start(dir.resolve("kafka"))) {
            System.out.printf("broker %s ready%n", kafka.bootstrapServers());
            double[] rates = new double[MODES.length];
            for (int round = 0; round < MODES.length; round++) {
                rates[round] = round(kafka, ring, corpus, count, MODES[round], runId + "-" + round,
                        dir.resolve("state-" + round));
                System.out.printf("round %d %-16s %8.1f messages/s%n", round + 1, MODES[round], rates[round]);
            }
            double eos = (rates[0] + rates[2]) / 2;
            double alos = (rates[1] + rates[3]) / 2;
            System.out.printf("mean exactly_once_v2 %.1f msg/s, at_least_once %.1f msg/s, ratio %.2f%n", eos, alos,
                    eos / alos);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static double round(InProcessKafka kafka, KeyRing ring, List<byte[]> corpus, int count, String mode,
                                String name, Path stateDir) throws Exception {
        Topics topics = Topics.withPrefix("bench-" + name + ".").withMaxPartitions(4);
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (Admin a = Admin.create(admin)) {
            new TopicAdmin(a, Optional.of((short) 1), Duration.ofSeconds(60)).ensure(topics.all());
            awaitLeaders(a, List.of(topics.outbound().name(), topics.outboundTracked().name()));
        }
        preload(kafka, topics, corpus, count);
        RewriterConfig config = new RewriterConfig(kafka.bootstrapServers(), "bench-" + name, topics,
                stateDir, 2, mode, Duration.ofMillis(100), "email.{domain}", 2048,
                "data-waymark", 32 * 1024 * 1024, Duration.ofSeconds(10), ring);
        Properties cp = new Properties();
        cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        cp.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-verify-" + name);
        cp.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        cp.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        cp.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(cp, new StringDeserializer(),
                new ByteArrayDeserializer());
        KafkaStreams streams = new KafkaStreams(RewriterTopology.buildTopology(config), config.streamsProperties());
        AtomicReference<Throwable> died = new AtomicReference<>();
        streams.setUncaughtExceptionHandler(e -> {
            died.compareAndSet(null, e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        try {
            consumer.subscribe(List.of(topics.outboundTracked().name()));
            consumer.poll(Duration.ofMillis(100));
            long start = System.nanoTime();
            streams.start();
            int seen = 0;
            long roundDeadline = start + ROUND_DEADLINE.toNanos();
            long lastProgress = start;
            while (seen < count) {
                int polled = consumer.poll(Duration.ofMillis(100)).count();
                long now = System.nanoTime();
                if (polled > 0) {
                    seen += polled;
                    lastProgress = now;
                }
                KafkaStreams.State state = streams.state();
                if (died.get() != null || state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR
                        || state == KafkaStreams.State.NOT_RUNNING || state == KafkaStreams.State.PENDING_SHUTDOWN) {
                    throw new IllegalStateException(String.format("round %s (%s): Streams stopped in state %s after %d of %d"
                            + " messages", name, mode, state, seen, count), died.get());
                }
                if (seen == 0 && state != KafkaStreams.State.RUNNING && now - start > STARTUP_DEADLINE.toNanos()) {
                    throw new IllegalStateException(String.format("round %s (%s): Streams still %s after %d s", name,
                            mode, state, STARTUP_DEADLINE.toSeconds()));
                }
                if (now - lastProgress > STALL.toNanos() && now - start > STARTUP_DEADLINE.toNanos()) {
                    throw new IllegalStateException(String.format("round %s (%s): no message for %d s at %d of %d,"
                            + " Streams %s", name, mode, STALL.toSeconds(), seen, count, state));
                }
                if (now > roundDeadline) {
                    throw new IllegalStateException(String.format("round %s (%s): only %d of %d messages within %d"
                            + " minutes, Streams %s", name, mode, seen, count, ROUND_DEADLINE.toMinutes(), state));
                }
            }
            return count / ((System.nanoTime() - start) / 1e9);
        } finally {
            // KafkaStreams.close() without a timeout waits forever for a stuck thread
            boolean closed = streams.close(CLOSE);
            consumer.close(CLOSE);
            if (!closed) {
                throw new IllegalStateException("round " + name + ": Streams did not close within " + CLOSE.toSeconds()
                        + " s (state " + streams.state() + ")");
            }
        }
    }

    /**
     * Waits until the node serves every partition of {@code names} as leader: until a
     * ListOffsets for all of them (answered by the partition leader, like a produce) succeeds.
     * The topics' metadata names the leader before the broker has taken leadership; producing
     * then gets NOT_LEADER_OR_FOLLOWER, and on this single KRaft node the idempotent producer's
     * retry of the first batch raced into OUT_OF_ORDER_SEQUENCE_NUMBER, retried until
     * delivery.timeout.ms expired it (120 s), and the unchecked send left the round waiting for
     * messages that were never written: the stop after the broker started, without a round.
     */
    private static void awaitLeaders(Admin admin, List<String> names) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new java.util.HashMap<>();
        admin.describeTopics(names).allTopicNames().get(30, java.util.concurrent.TimeUnit.SECONDS).values()
                .forEach(d -> d.partitions().forEach(p -> latest.put(
                        new org.apache.kafka.common.TopicPartition(d.name(), p.partition()),
                        org.apache.kafka.clients.admin.OffsetSpec.latest())));
        while (true) {
            try {
                admin.listOffsets(latest).all().get(10, java.util.concurrent.TimeUnit.SECONDS);
                return;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("partitions of " + names + " not served by a leader after 60 s", e);
                }
                java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            }
        }
    }

    /** Writes the round's input; bounded: every record acknowledged, or the first send error. */
    private static void preload(InProcessKafka kafka, Topics topics, List<byte[]> corpus, int count) {
        Properties pp = new Properties();
        pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        pp.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
        pp.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000);
        pp.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        AtomicReference<Exception> failed = new AtomicReference<>();
        KafkaProducer<String, OutboundMessage> producer = new KafkaProducer<>(pp,
                topics.outbound().keySerde().serializer(), topics.outbound().valueSerde().serializer());
        try {
            for (int i = 0; i < count && failed.get() == null; i++) {
                OutboundMessage m = OutboundMessage.newBuilder().setMessageId("b-" + i).setSendingDomain("shop.example")
                        .setRecipient("r" + i + "@example.org").setRaw(ByteBuffer.wrap(corpus.get(i % corpus.size())))
                        .setTrackClicks(true).setTrackOpens(true).setRewriteTextPlain(false).setTags(Map.of()).build();
                producer.send(new ProducerRecord<>(topics.outbound().name(), m.getMessageId(), m), (metadata, e) -> {
                    if (e != null) {
                        failed.compareAndSet(null, e);
                    }
                });
            }
            producer.flush(); // bounded by delivery.timeout.ms: each batch completes or fails
        } finally {
            producer.close(CLOSE);
        }
        if (failed.get() != null) {
            throw new IllegalStateException("preloading " + topics.outbound().name() + " failed", failed.get());
        }
    }

    /** Halts the JVM when the whole run overruns {@code limit}, whatever is stuck. */
    private static void startWatchdog(Duration limit) {
        new java.util.Timer("streams-throughput-watchdog", true).schedule(new java.util.TimerTask() {
            @Override
            public void run() {
                System.err.println("StreamsThroughput FAILED: the run overran " + limit.toMinutes() + " minutes; halting");
                Runtime.getRuntime().halt(3);
            }
        }, limit.toMillis());
    }
}
