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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
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

/**
 * Messages/s end to end through the rewriter topology on the embedded broker (one in-process
 * KRaft node), exactly_once_v2 against at_least_once in the same run, alternating
 * (EOS, ALOS, EOS, ALOS) so that neither mode gets the warmer JVM. Each round preloads its own
 * {@code outbound} topic (not timed), then times from {@code KafkaStreams.start()} until a
 * read_committed consumer has seen every message on {@code outbound-tracked}.
 *
 * <pre>
 * ./mvnw -B -o -pl rewriter -Pbench exec:exec -Dbench.main=io.waymark.rewriter.bench.StreamsThroughput
 * </pre>
 * (or run the class's main with the test classpath; args: messages per round, default 2000).
 */
public final class StreamsThroughput {

    private StreamsThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        List<byte[]> corpus = MarketingCorpus.messages(MarketingCorpus.html(40, 42));
        long corpusBytes = corpus.stream().mapToLong(m -> m.length).sum();
        System.out.printf("messages per round: %d, average size %.1f KB%n", count, corpusBytes / 1024.0 / corpus.size());
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        KeyRing ring = KeyRing.of(KeyPurpose.TOKEN, KeyId.of("b1"), Map.of(KeyId.of("b1"), key));
        Path dir = Files.createTempDirectory("rewriter-bench");
        try (InProcessKafka kafka = InProcessKafka.start(dir.resolve("kafka"))) {
            String[] modes = {StreamsConfig.EXACTLY_ONCE_V2, StreamsConfig.AT_LEAST_ONCE,
                StreamsConfig.EXACTLY_ONCE_V2, StreamsConfig.AT_LEAST_ONCE};
            double[] rates = new double[modes.length];
            for (int round = 0; round < modes.length; round++) {
                rates[round] = round(kafka, ring, corpus, count, modes[round], round, dir);
                System.out.printf("round %d %-16s %8.1f messages/s%n", round + 1, modes[round], rates[round]);
            }
            double eos = (rates[0] + rates[2]) / 2;
            double alos = (rates[1] + rates[3]) / 2;
            System.out.printf("mean exactly_once_v2 %.1f msg/s, at_least_once %.1f msg/s, ratio %.2f%n", eos, alos,
                    eos / alos);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static double round(InProcessKafka kafka, KeyRing ring, List<byte[]> corpus, int count, String mode,
                                int round, Path dir) throws Exception {
        Topics topics = Topics.withPrefix("bench" + round + ".").withMaxPartitions(4);
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (Admin a = Admin.create(admin)) {
            new TopicAdmin(a, Optional.of((short) 1), Duration.ofSeconds(60)).ensure(topics.all());
        }
        Properties pp = new Properties();
        pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        pp.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
        try (KafkaProducer<String, OutboundMessage> producer = new KafkaProducer<>(pp,
                topics.outbound().keySerde().serializer(), topics.outbound().valueSerde().serializer())) {
            for (int i = 0; i < count; i++) {
                OutboundMessage m = OutboundMessage.newBuilder().setMessageId("b-" + i).setSendingDomain("shop.example")
                        .setRecipient("r" + i + "@example.org").setRaw(ByteBuffer.wrap(corpus.get(i % corpus.size())))
                        .setTrackClicks(true).setTrackOpens(true).setRewriteTextPlain(false).setTags(Map.of()).build();
                producer.send(new ProducerRecord<>(topics.outbound().name(), m.getMessageId(), m));
            }
        }
        RewriterConfig config = new RewriterConfig(kafka.bootstrapServers(), "bench-" + round, topics,
                dir.resolve("state-" + round), 2, mode, Duration.ofMillis(100), "email.{domain}", 2048,
                "data-waymark", 32 * 1024 * 1024, Duration.ofSeconds(10), ring);
        Properties cp = new Properties();
        cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        cp.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-verify-" + round);
        cp.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        cp.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        cp.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(cp, new StringDeserializer(),
                new ByteArrayDeserializer());
             KafkaStreams streams = new KafkaStreams(RewriterTopology.buildTopology(config), config.streamsProperties())) {
            consumer.subscribe(List.of(topics.outboundTracked().name()));
            consumer.poll(Duration.ofMillis(100));
            long start = System.nanoTime();
            streams.start();
            int seen = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (seen < count && System.nanoTime() < deadline) {
                seen += consumer.poll(Duration.ofMillis(100)).count();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (seen < count) {
                throw new IllegalStateException("only " + seen + " of " + count + " messages within 10 minutes");
            }
            return count / seconds;
        }
    }
}
