package io.waymark.edge;

import io.waymark.common.config.Config;
import io.waymark.common.host.Hostname;
import io.waymark.common.seal.KeySealer;
import io.waymark.common.service.ServiceRuntime;
import io.waymark.common.token.RecipientDigest;
import io.waymark.common.token.TrackingToken;
import io.waymark.common.token.TrackingTokenCodec;
import io.waymark.edge.internal.CertificateRecords;
import io.waymark.schemas.AcmeChallenge;
import io.waymark.schemas.CertificateRecord;
import io.waymark.schemas.TrackingEvent;
import io.waymark.schemas.kafka.ChallengeKey;
import io.waymark.schemas.kafka.TopicAdmin;
import io.waymark.schemas.kafka.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * One edge service on real Kafka for an IT: its own topic prefix (single-partition topics, so
 * "no event" can be checked against a later marker event), random keys, a test CA, and helpers to
 * publish certificates and challenges and to read tracking events back.
 */
public final class EdgeFixture implements AutoCloseable {

    private final String bootstrap;
    private final Topics topics;
    private final TestKeys keys = TestKeys.random();
    private final TestPki pki;
    private final KeySealer sealer;
    private final TrackingTokenCodec codec;
    private final EdgeService service = new EdgeService();
    private final Path spool;
    private final ServiceRuntime runtime;
    private final KafkaProducer<String, CertificateRecord> certificates;
    private final KafkaProducer<String, AcmeChallenge> challenges;
    private final KafkaConsumer<String, TrackingEvent> events;

    private EdgeFixture(String bootstrap, Path spool, Map<String, String> overrides, boolean inProcess) throws Exception {
        this.bootstrap = bootstrap;
        this.spool = spool;
        this.topics = Topics.withPrefix("it-" + UUID.randomUUID().toString().substring(0, 8) + ".").withMaxPartitions(1);
        this.pki = new TestPki();
        this.sealer = new KeySealer(keys.sealRing());
        this.codec = new TrackingTokenCodec(keys.tokenRing());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            new TopicAdmin(admin, Optional.of((short) 1), Duration.ofSeconds(60)).ensure(
                    List.of(topics.certificates(), topics.acmeChallenges(), topics.trackingEvents()));
        }
        Map<String, Object> producerProps = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, "0");
        certificates = new KafkaProducer<>(producerProps, topics.certificates().keySerde().serializer(),
                topics.certificates().valueSerde().serializer());
        challenges = new KafkaProducer<>(producerProps, topics.acmeChallenges().keySerde().serializer(),
                topics.acmeChallenges().valueSerde().serializer());
        events = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                topics.trackingEvents().keySerde().deserializer(), topics.trackingEvents().valueSerde().deserializer());
        TopicPartition partition = new TopicPartition(topics.trackingEvents().name(), 0);
        events.assign(List.of(partition));
        events.seekToBeginning(List.of(partition));

        runtime = inProcess ? ServiceRuntime.start("edge", Config.of(settings(overrides)), service) : null;
    }

    public static EdgeFixture start(String bootstrap, Path spool) throws Exception {
        return new EdgeFixture(bootstrap, spool, Map.of(), true);
    }

    public static EdgeFixture start(String bootstrap, Path spool, Map<String, String> overrides) throws Exception {
        return new EdgeFixture(bootstrap, spool, overrides, true);
    }

    /** Topics, keys, certificates and tokens only: the edge under test runs elsewhere (a child JVM) with {@link #settings}. */
    public static EdgeFixture withoutService(String bootstrap, Path spool) throws Exception {
        return new EdgeFixture(bootstrap, spool, Map.of(), false);
    }

    /** The edge's settings for this fixture's topics, keys and spool: loopback, free ports unless overridden. */
    public Map<String, String> settings(Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>(ServiceRuntime.defaults(service));
        settings.put("admin.host", "127.0.0.1");
        settings.put("admin.port", "0");
        settings.put("edge.bind.host", "127.0.0.1");
        settings.put("edge.https.port", "0");
        settings.put("edge.http.port", "0");
        settings.put("edge.node-name", "edge-it");
        settings.put("kafka.bootstrap-servers", bootstrap);
        settings.put("kafka.topic-prefix", topics.prefix());
        settings.put("seal.keys", keys.sealSpec());
        settings.put("token.keys", keys.tokenSpec());
        settings.put("edge.spool.dir", spool.toString());
        settings.putAll(overrides);
        return settings;
    }

    public EdgeService service() {
        return service;
    }

    public ServiceRuntime runtime() {
        return runtime;
    }

    public TestPki pki() {
        return pki;
    }

    public int httpsPort() {
        return service.server().httpsPort();
    }

    public int httpPort() {
        return service.server().httpPort();
    }

    public String bootstrap() {
        return bootstrap;
    }

    /** Publishes a certificate record for {@code host}; waits for the broker's acknowledgement. */
    public void publish(String host, TestPki.Leaf leaf, long version) throws Exception {
        certificates.send(new ProducerRecord<>(topics.certificates().name(), host,
                CertificateRecords.of(host, leaf, sealer, version))).get();
    }

    /** Publishes the tombstone of {@code host}. */
    public void delete(String host) throws Exception {
        certificates.send(new ProducerRecord<>(topics.certificates().name(), host, null)).get();
    }

    /** Publishes a pending HTTP-01 challenge. */
    public void challenge(String host, String token, String keyAuthorization) throws Exception {
        AcmeChallenge challenge = AcmeChallenge.newBuilder().setTrackingHost(host).setToken(token)
                .setKeyAuthorization(keyAuthorization).setExpiresAt(Instant.now().plusSeconds(600)).setOrderId("o-1").build();
        challenges.send(new ProducerRecord<>(topics.acmeChallenges().name(), new ChallengeKey(host, token).toString(), challenge)).get();
    }

    /** A click token for {@code host} with message id {@code messageId}. */
    public String click(String host, String messageId, String url) {
        return codec.encode(TrackingToken.click(messageId, RecipientDigest.of("reader@example.org"),
                Hostname.parse(host.substring(host.indexOf('.') + 1)), 1, url), Hostname.parse(host));
    }

    /** An open token for {@code host}. */
    public String open(String host, String messageId) {
        return codec.encode(TrackingToken.open(messageId, RecipientDigest.of("reader@example.org"),
                Hostname.parse(host.substring(host.indexOf('.') + 1))), Hostname.parse(host));
    }

    /** A click token signed with keys this edge does not have. */
    public static String forged(String host, String messageId, String url) {
        return new TrackingTokenCodec(TestKeys.random().tokenRing()).encode(TrackingToken.click(messageId,
                RecipientDigest.of("reader@example.org"), Hostname.parse(host.substring(host.indexOf('.') + 1)), 1, url),
                Hostname.parse(host));
    }

    /** Events read so far plus whatever arrives within {@code wait}. */
    public List<ConsumerRecord<String, TrackingEvent>> poll(Duration wait) {
        List<ConsumerRecord<String, TrackingEvent>> out = new ArrayList<>();
        events.poll(wait).forEach(out::add);
        return out;
    }

    /** Hosts {@code prefix-0.shop.example} ... as a list. */
    public static List<String> hosts(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + i + ".shop.example").toList();
    }

    @Override
    public void close() {
        if (runtime != null) {
            runtime.close();
        }
        certificates.close(Duration.ofSeconds(5));
        challenges.close(Duration.ofSeconds(5));
        events.close();
    }
}
