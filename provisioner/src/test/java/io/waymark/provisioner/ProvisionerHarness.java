package io.waymark.provisioner;

import io.waymark.common.config.Config;
import io.waymark.common.crypto.KeyPurpose;
import io.waymark.common.crypto.KeyRing;
import io.waymark.common.seal.KeySealer;
import io.waymark.common.service.ServiceRuntime;
import io.waymark.embedded.AcmeServer;
import io.waymark.embedded.KafkaCluster;
import io.waymark.schemas.CertificateOrder;
import io.waymark.schemas.DomainEvent;
import io.waymark.schemas.DomainEventType;
import io.waymark.schemas.kafka.TopicAdmin;
import io.waymark.schemas.kafka.Topics;
import io.micrometer.core.instrument.Counter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One provisioner under test against the real Kafka and Pebble: its own topic prefix, seal key,
 * account key file and consumer group, a producer for requests, a recorder of what it wrote and
 * an HTTP-01 responder on Pebble's validation port.
 */
final class ProvisionerHarness implements AutoCloseable {

    final Topics topics;
    final TopicRecorder recorder;
    final KeySealer sealer;
    private final Map<String, String> config = new HashMap<>();
    private final KafkaCluster kafka;
    private final AcmeServer acme;
    private final KafkaProducer<String, byte[]> producer;
    private ChallengeResponder responder;
    private ServiceRuntime runtime;

    ProvisionerHarness(KafkaCluster kafka, AcmeServer acme, Path directory, Map<String, String> overrides)
            throws Exception {
        this.kafka = kafka;
        this.acme = acme;
        String prefix = "it-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        this.topics = Topics.withPrefix(prefix).withMaxPartitions(3);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            new TopicAdmin(admin, Optional.of((short) 1), Duration.ofSeconds(60)).ensure(topics.all());
        }
        Files.createDirectories(directory);
        Path trust = directory.resolve("pebble-tls-ca.pem");
        Files.writeString(trust, acme.tlsCertificateAuthorityPem());
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        config.put("admin.port", "0");
        config.put("seal.keys", "it1:" + Base64.getEncoder().encodeToString(key));
        config.put("kafka.bootstrap-servers", kafka.bootstrapServers());
        config.put("kafka.topic-prefix", prefix);
        config.put("kafka.group-id", prefix + "provisioner");
        config.put("acme.directory", acme.directoryUri().toString());
        config.put("acme.trust-pem", trust.toString());
        config.put("acme.account-key-file", directory.resolve("acme-account.sealed").toString());
        config.put("acme.contact", "certificates@waymark.example");
        config.put("preflight.edge-address", "127.0.0.1:" + acme.http01Port());
        config.put("preflight.timeout", "5s");
        config.put("retry.delays", "200ms,400ms");
        config.put("retry.thereafter", "1s");
        config.put("retry.max-attempts", "3");
        config.putAll(overrides);
        this.sealer = new KeySealer(KeyRing.load(Config.of(config), KeyPurpose.SEAL));
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
        this.recorder = new TopicRecorder(kafka.bootstrapServers(), topics);
    }

    /** Full defaults of the service overlaid with this harness's settings. */
    Map<String, String> settings() {
        Map<String, String> all = new HashMap<>(ServiceRuntime.defaults(new ProvisionerService()));
        all.putAll(config);
        return all;
    }

    ProvisionerHarness startResponder() throws IOException {
        responder = new ChallengeResponder(kafka.bootstrapServers(), topics, acme.http01Port());
        return this;
    }

    ChallengeResponder responder() {
        return responder;
    }

    ProvisionerHarness startProvisioner() throws Exception {
        runtime = ServiceRuntime.start(ProvisionerService.NAME, Config.of(settings()), new ProvisionerService());
        return this;
    }

    /** Stops the provisioner as a crash would: nothing that was not finished is committed. */
    void stopProvisioner() {
        if (runtime != null) {
            runtime.close();
            runtime = null;
        }
    }

    ServiceRuntime runtime() {
        return runtime;
    }

    double ordersPlaced() {
        Counter counter = runtime.meterRegistry().find("waymark_provisioner_acme_orders").counter();
        return counter == null ? 0 : counter.count();
    }

    double counter(String name, String tag, String value) {
        Counter counter = runtime.meterRegistry().find(name).tag(tag, value).counter();
        return counter == null ? 0 : counter.count();
    }

    void event(DomainEventType type, String domain, String host) throws Exception {
        DomainEvent event = DomainEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setType(type)
                .setSendingDomain(domain).setTrackingHost(host).setOccurredAt(Instant.now())
                .setSource("provisioner-it").build();
        send(topics.domainEvents().name(), domain,
                topics.domainEvents().valueSerde().serializer().serialize(topics.domainEvents().name(), event));
    }

    void enable(String domain, String host) throws Exception {
        event(DomainEventType.ENABLE_HTTPS, domain, host);
    }

    void order(CertificateOrder order) throws Exception {
        send(topics.certOrders().name(), order.getTrackingHost(),
                topics.certOrders().valueSerde().serializer().serialize(topics.certOrders().name(), order));
    }

    void send(String topic, String key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        stopProvisioner();
        if (responder != null) {
            responder.close();
        }
        recorder.close();
        producer.close(Duration.ofSeconds(5));
    }
}
