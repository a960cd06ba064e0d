package io.waymark.renewer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waymark.common.config.Config;
import io.waymark.common.service.ServiceRuntime;
import io.waymark.embedded.KafkaCluster;
import io.waymark.embedded.KafkaExtension;
import io.waymark.schemas.CertificateOrder;
import io.waymark.schemas.CertificateRecord;
import io.waymark.schemas.kafka.TopicAdmin;
import io.waymark.schemas.kafka.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schedule survives a restart on a new machine: the second instance starts with an empty
 * state directory, restores the stores from their changelogs, and continues with attempt 2 at
 * its backoff time instead of starting over (the certificates record is not read again: its
 * offset was committed).
 */
@ExtendWith(KafkaExtension.class)
class RenewerRestartIT {

    @TempDir
    Path directory;

    @Test
    void aRestartedRenewerContinuesTheScheduleFromItsChangelogs(KafkaCluster kafka) throws Exception {
        String prefix = "renewer-restart-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        Topics topics = Topics.withPrefix(prefix).withMaxPartitions(3);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            new TopicAdmin(admin, Optional.of((short) 1), Duration.ofSeconds(60)).ensure(topics.all());
        }
        String host = "email.restart.example";
        try (TopicTail<CertificateOrder> orders = new TopicTail<>(kafka.bootstrapServers(), topics.certOrders())) {
            // Given garbage on domain-status, and a renewer that ordered the renewal of a certificate
            // nobody renews
            try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(
                    Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                    new StringSerializer(), new ByteArraySerializer())) {
                raw.send(new ProducerRecord<>(topics.domainStatus().name(), "restart.example", new byte[] {1, 2, 3}))
                        .get(30, TimeUnit.SECONDS);
            }
            ServiceRuntime first = start(kafka, prefix, directory.resolve("first"));
            Instant now = Instant.now();
            CertificateRecord record = RenewerDriver.certificate(host, 1, now.minus(Duration.ofHours(1)),
                    Duration.ofDays(90));
            record.setIssuedAt(now);
            publish(kafka, topics, record);
            await().atMost(Duration.ofSeconds(60)).until(() -> !orders.values(host).isEmpty());
            assertThat(RenewerIT.count(first, "waymark_renewer_records", "outcome", "status_skipped")).isEqualTo(1.0);
            first.close();
            assertThat(orders.values(host)).extracting(CertificateOrder::getAttempt).containsExactly(1);

            // When another instance starts on an empty state directory
            ServiceRuntime second = start(kafka, prefix, directory.resolve("second"));
            try {
                // Then it orders attempt 2, at or after the backoff time, and never attempt 1 again
                await().atMost(Duration.ofSeconds(60)).until(() -> orders.values(host).size() >= 2);
                List<CertificateOrder> sent = orders.values(host);
                assertThat(sent).extracting(CertificateOrder::getAttempt).startsWith(1, 2);
                assertThat(Duration.between(sent.get(0).getRequestedAt(), sent.get(1).getRequestedAt()))
                        .isGreaterThanOrEqualTo(Duration.ofSeconds(6));
                assertThat(RenewerIT.count(second, "waymark_renewer_records", "outcome", "scheduled")).isZero();
            } finally {
                second.close();
            }
        }
    }

    private static ServiceRuntime start(KafkaCluster kafka, String prefix, Path stateDir) throws Exception {
        Map<String, String> settings = new HashMap<>(ServiceRuntime.defaults(new RenewerService()));
        settings.put("admin.port", "0");
        settings.put("kafka.bootstrap-servers", kafka.bootstrapServers());
        settings.put("kafka.topic-prefix", prefix);
        settings.put("kafka.application-id", prefix + "renewer");
        settings.put("kafka.state-dir", stateDir.toString());
        settings.put("acme.directory", "none");
        settings.put("renew.after-issuance", "1s");
        settings.put("renew.order-timeout", "4s");
        settings.put("renew.retry.delays", "2s");
        settings.put("renew.tick-interval", "200ms");
        return ServiceRuntime.start(RenewerConfig.SERVICE, Config.of(settings), new RenewerService());
    }

    private static void publish(KafkaCluster kafka, Topics topics, CertificateRecord record) throws Exception {
        try (KafkaProducer<String, CertificateRecord> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                topics.certificates().keySerde().serializer(), topics.certificates().valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topics.certificates().name(), record.getTrackingHost(), record))
                    .get(30, TimeUnit.SECONDS);
        }
    }
}
