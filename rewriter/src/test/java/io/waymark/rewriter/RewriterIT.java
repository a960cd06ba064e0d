package io.waymark.rewriter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waymark.embedded.KafkaCluster;
import io.waymark.embedded.KafkaExtension;
import io.waymark.schemas.OutboundMessage;
import io.waymark.schemas.kafka.TopicAdmin;
import io.waymark.schemas.kafka.Topics;
import java.io.File;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The rewriter as a real process against a real broker, exactly-once: 10,000 messages in, the
 * rewriter SIGKILLed while they flow, a second process takes over, and exactly 10,000 rewritten
 * messages are committed to outbound-tracked, each once; an undecodable record lands in the DLQ.
 */
@ExtendWith(KafkaExtension.class)
class RewriterIT {

    private static final int MESSAGES = 10_000;
    private static final org.slf4j.Logger LOGGER = org.slf4j.LoggerFactory.getLogger(RewriterIT.class);

    @Test
    void exactlyOnceThroughACrash(KafkaCluster kafka) throws Exception {
        // Given
        Topics topics = Topics.withPrefix("it-" + UUID.randomUUID().toString().substring(0, 8) + ".")
                .withMaxPartitions(4);
        Properties adminProps = new Properties();
        adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (Admin admin = Admin.create(adminProps)) {
            new TopicAdmin(admin, Optional.of((short) 1), Duration.ofSeconds(60)).ensure(topics.all());
        }
        String keySpec = TestTokens.spec(TestTokens.randomKey());
        Map<String, Integer> seen = new ConcurrentHashMap<>();
        AtomicInteger total = new AtomicInteger();
        AtomicInteger deadLetters = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        Thread counter = new Thread(() -> count(kafka, topics, seen, total, deadLetters, stop), "it-counter");
        counter.start();
        Process first = startRewriter(kafka, topics, keySpec, "first");
        Process second = null;
        AtomicInteger produced = new AtomicInteger();
        Thread producer = new Thread(() -> produce(kafka, topics, produced, total), "it-producer");
        java.util.concurrent.ScheduledExecutorService progress =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        try {
            // When
            producer.start();
            progress.scheduleAtFixedRate(() -> LOGGER.info("progress produced={} tracked={} deadLetters={}",
                    produced.get(), total.get(), deadLetters.get()), 5, 5, java.util.concurrent.TimeUnit.SECONDS);
            await().atMost(Duration.ofMinutes(3)).until(() -> total.get() >= 1_500);
            first.destroyForcibly().waitFor(); // SIGKILL: no commit, no close, an open transaction
            int atKill = total.get();
            LOGGER.info("rewriter SIGKILLed with {} of {} messages committed", atKill, MESSAGES);
            second = startRewriter(kafka, topics, keySpec, "second");
            producer.join();
            await().atMost(Duration.ofMinutes(4)).until(() -> total.get() >= MESSAGES);
            // keep reading: a duplicate would show up after the count was reached
            await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10))
                    .until(() -> total.get() == MESSAGES);

            // Then
            assertThat(atKill).as("killed mid-run").isLessThan(MESSAGES);
            assertThat(seen).hasSize(MESSAGES);
            assertThat(seen.values()).allMatch(n -> n == 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters.get() == 1);
        } finally {
            stop.set(true);
            progress.shutdownNow();
            first.destroyForcibly();
            if (second != null) {
                second.destroy();
                second.waitFor();
            }
            counter.join();
        }
    }

    private static Process startRewriter(KafkaCluster kafka, Topics topics, String keySpec, String name)
            throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "rewriter-it"));
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                RewriterService.class.getName());
        Map<String, String> env = pb.environment();
        env.put("WAYMARK_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("WAYMARK_KAFKA_TOPIC_PREFIX", topics.prefix());
        env.put("WAYMARK_REWRITER_APPLICATION_ID", topics.prefix() + "rewriter");
        env.put("WAYMARK_REWRITER_STATE_DIR", dir.resolve(topics.prefix() + name).toAbsolutePath().toString());
        env.put("WAYMARK_REWRITER_THREADS", "1");
        env.put("WAYMARK_REWRITER_SESSION_TIMEOUT", "6s");
        env.put("WAYMARK_TOKEN_KEYS", keySpec);
        env.put("WAYMARK_ADMIN_PORT", "0");
        File log = dir.resolve(topics.prefix() + name + ".log").toFile();
        pb.redirectErrorStream(true).redirectOutput(log);
        return pb.start();
    }

    private static void produce(KafkaCluster kafka, Topics topics, AtomicInteger produced, AtomicInteger tracked) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                new ByteArraySerializer())) {
            var serde = topics.outbound().valueSerde().serializer();
            // one undecodable record: dead-lettered, not counted, processing goes on
            producer.send(new ProducerRecord<>(topics.outbound().name(), "garbage", new byte[] {9, 9, 9}));
            for (int i = 0; i < MESSAGES; i++) {
                String id = "msg-" + i;
                String raw = "From: news@shop.example\r\nTo: r" + i + "@example.org\r\nContent-Type: text/html; "
                        + "charset=utf-8\r\n\r\n<html><body><a href=\"https://shop.example/p/" + i
                        + "?a=1&amp;b=2\">Product</a></body></html>\r\n";
                OutboundMessage m = OutboundMessage.newBuilder().setMessageId(id).setSendingDomain("shop.example")
                        .setRecipient("r" + i + "@example.org")
                        .setRaw(ByteBuffer.wrap(raw.getBytes(StandardCharsets.UTF_8))).setTrackClicks(true)
                        .setTrackOpens(true).setRewriteTextPlain(false).setTags(Map.of()).build();
                producer.send(new ProducerRecord<>(topics.outbound().name(), id,
                        serde.serialize(topics.outbound().name(), m)));
                produced.incrementAndGet();
                if (i % 100 == 99) {
                    producer.flush();
                    // pace the input by back-pressure (at most ~1,000 messages ahead of the output)
                    // so the crash lands while messages flow
                    int ahead = i + 1;
                    await().atMost(Duration.ofMinutes(3)).until(() -> ahead - tracked.get() < 1_000);
                }
            }
        }
    }

    private static void count(KafkaCluster kafka, Topics topics, Map<String, Integer> seen, AtomicInteger total,
                              AtomicInteger deadLetters, AtomicBoolean stop) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, topics.prefix() + "verifier");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 40 * 1024 * 1024);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p,
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topics.outboundTracked().name(), topics.dlq("rewriter").name()));
            var deserializer = topics.outboundTracked().valueSerde().deserializer();
            while (!stop.get()) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.topic().equals(topics.dlq("rewriter").name())) {
                        deadLetters.incrementAndGet();
                        continue;
                    }
                    OutboundMessage m = deserializer.deserialize(r.topic(), r.value());
                    String body = StandardCharsets.UTF_8.decode(m.getRaw()).toString();
                    if (body.contains("http://email.shop.example/c/")) {
                        seen.merge(r.key(), 1, Integer::sum);
                        total.incrementAndGet();
                    }
                }
            }
        }
    }
}
