package io.waymark.renewer;

import io.waymark.common.config.Config;
import io.waymark.common.service.ServiceRuntime;
import io.waymark.embedded.AcmeServer;
import io.waymark.embedded.KafkaCluster;
import io.waymark.provisioner.ProvisionerService;
import io.waymark.schemas.AcmeChallenge;
import io.waymark.schemas.CertificateOrder;
import io.waymark.schemas.CertificateRecord;
import io.waymark.schemas.DomainEvent;
import io.waymark.schemas.DomainEventType;
import io.waymark.schemas.kafka.TopicAdmin;
import io.waymark.schemas.kafka.Topics;
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

/**
 * Real Kafka and Pebble with the real provisioner (test dependency) and, when asked, the
 * renewer, each on the service frame as in production; a topic prefix of its own; tails of the
 * topics the test reads; an HTTP-01 responder on Pebble's validation port.
 */
final class EndToEndStack implements AutoCloseable {

    final Topics topics;
    final TopicTail<CertificateRecord> certificates;
    final TopicTail<CertificateOrder> orders;
    private final KafkaCluster kafka;
    private final AcmeServer acme;
    private final Path directory;
    private final TopicTail<AcmeChallenge> challenges;
    private final Http01Responder responder;
    private final ServiceRuntime provisioner;
    private ServiceRuntime renewer;

    EndToEndStack(KafkaCluster kafka, AcmeServer acme, Path directory) throws Exception {
        this.kafka = kafka;
        this.acme = acme;
        this.directory = directory;
        String prefix = "renewer-it-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        topics = Topics.withPrefix(prefix).withMaxPartitions(3);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            new TopicAdmin(admin, Optional.of((short) 1), Duration.ofSeconds(60)).ensure(topics.all());
        }
        Files.writeString(directory.resolve("pebble-tls.pem"), acme.tlsCertificateAuthorityPem());
        certificates = new TopicTail<>(kafka.bootstrapServers(), topics.certificates());
        orders = new TopicTail<>(kafka.bootstrapServers(), topics.certOrders());
        challenges = new TopicTail<>(kafka.bootstrapServers(), topics.acmeChallenges());
        responder = new Http01Responder(challenges, acme.http01Port());
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, String> settings = new HashMap<>(ServiceRuntime.defaults(new ProvisionerService()));
        settings.putAll(common(prefix));
        settings.put("seal.keys", "it1:" + Base64.getEncoder().encodeToString(key));
        settings.put("kafka.group-id", prefix + "provisioner");
        settings.put("acme.account-key-file", directory.resolve("acme-account.sealed").toString());
        settings.put("preflight.edge-address", "127.0.0.1:" + acme.http01Port());
        provisioner = ServiceRuntime.start(ProvisionerService.NAME, Config.of(settings), new ProvisionerService());
    }

    private Map<String, String> common(String prefix) {
        return Map.of("admin.port", "0", "kafka.bootstrap-servers", kafka.bootstrapServers(),
                "kafka.topic-prefix", prefix, "acme.directory", acme.directoryUri().toString(),
                "acme.trust-pem", directory.resolve("pebble-tls.pem").toString());
    }

    /** Starts the renewer with these settings over the stack's. */
    ServiceRuntime startRenewer(Map<String, String> overrides) throws Exception {
        Map<String, String> settings = new HashMap<>(ServiceRuntime.defaults(new RenewerService()));
        settings.putAll(common(topics.prefix()));
        settings.put("kafka.application-id", topics.prefix() + "renewer");
        settings.put("kafka.state-dir", directory.resolve("renewer-state").toString());
        settings.putAll(overrides);
        renewer = ServiceRuntime.start(RenewerConfig.SERVICE, Config.of(settings), new RenewerService());
        return renewer;
    }

    void enable(String domain, String host) throws Exception {
        DomainEvent event = DomainEvent.newBuilder().setEventId(UUID.randomUUID().toString())
                .setType(DomainEventType.ENABLE_HTTPS).setSendingDomain(domain).setTrackingHost(host)
                .setOccurredAt(Instant.now()).setSource("renewer-it").build();
        try (KafkaProducer<String, DomainEvent> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                topics.domainEvents().keySerde().serializer(), topics.domainEvents().valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topics.domainEvents().name(), domain, event)).get(30, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() {
        if (renewer != null) {
            renewer.close();
        }
        provisioner.close();
        responder.close();
        challenges.close();
        orders.close();
        certificates.close();
    }
}
