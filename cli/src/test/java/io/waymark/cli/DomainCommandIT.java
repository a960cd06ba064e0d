package io.waymark.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waymark.embedded.KafkaCluster;
import io.waymark.embedded.KafkaExtension;
import io.waymark.schemas.DomainEvent;
import io.waymark.schemas.DomainEventType;
import io.waymark.schemas.DomainState;
import io.waymark.schemas.DomainStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(KafkaExtension.class)
class DomainCommandIT {

    @TempDir
    Path home;

    private TestKafka kafka;

    @BeforeEach
    void topics(KafkaCluster cluster) {
        kafka = TestKafka.withFreshTopics(cluster.bootstrapServers());
    }

    @Test
    void enablePublishesADomainEventKeyedByTheCanonicalDomain() {
        // When
        CliRun run = CliRun.run(kafka.environment(home), "domain", "enable", "Shop.Example.", "--requested-by", "ops-7");

        // Then
        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<ConsumerRecord<String, DomainEvent>> events = kafka.readAll(kafka.topics().domainEvents());
        assertThat(events).hasSize(1);
        ConsumerRecord<String, DomainEvent> record = events.get(0);
        DomainEvent event = record.value();
        assertThat(record.key()).isEqualTo("shop.example");
        assertThat(event.getType()).isEqualTo(DomainEventType.ENABLE_HTTPS);
        assertThat(event.getSendingDomain()).isEqualTo("shop.example");
        assertThat(event.getTrackingHost()).isEqualTo("email.shop.example");
        assertThat(event.getSource()).isEqualTo("waymark-cli");
        assertThat(event.getRequestedBy()).isEqualTo("ops-7");
        assertThat(UUID.fromString(event.getEventId())).isNotNull();
        assertThat(event.getOccurredAt()).isBetween(Instant.now().minusSeconds(120), Instant.now());
        assertThat(run.out()).contains("published ENABLE_HTTPS for shop.example (tracking host email.shop.example)")
                .contains(event.getEventId()).contains(kafka.topics().domainEvents().name());
    }

    @Test
    void disableAndDeleteCarryNoTrackingHost() {
        CliRun disable = CliRun.run(kafka.environment(home), "domain", "disable", "shop.example");
        CliRun delete = CliRun.run(kafka.environment(home), "domain", "delete", "shop.example");

        assertThat(disable.exitCode()).as(disable.toString()).isZero();
        assertThat(delete.exitCode()).as(delete.toString()).isZero();
        List<ConsumerRecord<String, DomainEvent>> events = kafka.readAll(kafka.topics().domainEvents());
        assertThat(events).extracting(r -> r.value().getType())
                .containsExactly(DomainEventType.DISABLE_HTTPS, DomainEventType.DELETE);
        assertThat(events).allSatisfy(r -> {
            assertThat(r.key()).isEqualTo("shop.example");
            assertThat(r.value().getTrackingHost()).isNull();
        });
    }

    @Test
    void statusPrintsTheNewestRecordOfTheDomain() throws Exception {
        // Given two versions for the domain and one for another domain
        kafka.produce(kafka.topics().domainStatus(), "shop.example", status("shop.example", DomainState.PENDING, 1, null));
        kafka.produce(kafka.topics().domainStatus(), "shop.example", status("shop.example", DomainState.ISSUED, 2,
                Instant.parse("2027-02-26T00:00:00Z")));
        kafka.produce(kafka.topics().domainStatus(), "other.example", status("other.example", DomainState.FAILED, 4, null));

        // When
        CliRun run = CliRun.run(kafka.environment(home), "domain", "status", "SHOP.example");

        // Then
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("domain         shop.example", "tracking host  email.shop.example",
                "state          ISSUED", "reason         -", "not after      2027-02-26T00:00:00Z", "version        2",
                "updated at     2026-11-28T21:00:00Z");
    }

    @Test
    void statusOfAnUnknownDomainSaysSoWithExitCode1() throws Exception {
        kafka.produce(kafka.topics().domainStatus(), "other.example", status("other.example", DomainState.ISSUED, 1, null));

        CliRun run = CliRun.run(kafka.environment(home), "domain", "status", "shop.example");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.NEGATIVE);
        assertThat(run.out()).isEqualTo("no status for shop.example" + System.lineSeparator());
    }

    @Test
    void enableWaitFollowsTheStatusUntilIssued() {
        // Given a stand-in provisioner: once the event is on the topic, it answers PENDING then ISSUED
        CompletableFuture<Void> provisioner = CompletableFuture.runAsync(() -> {
            await().atMost(Duration.ofSeconds(60)).until(() -> !kafka.readAll(kafka.topics().domainEvents()).isEmpty());
            try {
                kafka.produce(kafka.topics().domainStatus(), "shop.example",
                        status("shop.example", DomainState.PENDING, 1, null));
                kafka.produce(kafka.topics().domainStatus(), "shop.example",
                        status("shop.example", DomainState.ISSUED, 2, Instant.parse("2027-02-26T00:00:00Z")));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        // When
        CliRun run = CliRun.run(kafka.environment(home), "domain", "enable", "shop.example", "--wait", "--timeout", "90s");

        // Then
        provisioner.join();
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("PENDING v1").contains("ISSUED v2");
    }

    @Test
    void enableWaitEndsWithExitCode1WhenTheDomainFails() {
        CompletableFuture<Void> provisioner = CompletableFuture.runAsync(() -> {
            await().atMost(Duration.ofSeconds(60)).until(() -> !kafka.readAll(kafka.topics().domainEvents()).isEmpty());
            try {
                DomainStatus failed = status("shop.example", DomainState.FAILED, 1, null);
                failed.setReason("email.shop.example does not CNAME to the tracking edge");
                kafka.produce(kafka.topics().domainStatus(), "shop.example", failed);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        CliRun run = CliRun.run(kafka.environment(home), "domain", "enable", "shop.example", "--wait", "--timeout", "90s");

        provisioner.join();
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.NEGATIVE);
        assertThat(run.out()).contains("FAILED v1: email.shop.example does not CNAME to the tracking edge");
    }

    @Test
    void withoutTopicsNothingIsPublishedAndTheOperatorIsToldToCreateThem(KafkaCluster cluster) throws Exception {
        // Given a prefix whose topics were never created
        TestKafka bare = TestKafka.withFreshPrefix(cluster.bootstrapServers());

        // When
        CliRun enable = CliRun.run(bare.environment(home), "domain", "enable", "shop.example");
        CliRun status = CliRun.run(bare.environment(home), "domain", "status", "shop.example");

        // Then both say which topic is missing, and the topic was not created on the way
        assertThat(enable.exitCode()).as(enable.toString()).isEqualTo(ExitCodes.NEGATIVE);
        assertThat(enable.err()).contains("topic " + bare.topics().domainEvents().name()
                + " does not exist: create the topics with ./waymark topics create");
        assertThat(status.exitCode()).isEqualTo(ExitCodes.NEGATIVE);
        assertThat(status.err()).contains("topic " + bare.topics().domainStatus().name() + " does not exist");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
            assertThat(admin.listTopics().names().get()).noneMatch(t -> t.startsWith(bare.topics().prefix()));
        }
    }

    private static DomainStatus status(String domain, DomainState state, long version, Instant notAfter) {
        return DomainStatus.newBuilder().setSendingDomain(domain).setTrackingHost("email." + domain).setState(state)
                .setReason(null).setNotAfter(notAfter).setUpdatedAt(Instant.parse("2026-11-28T21:00:00Z"))
                .setVersion(version).build();
    }
}
