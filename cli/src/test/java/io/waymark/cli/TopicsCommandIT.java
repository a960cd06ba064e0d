package io.waymark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.embedded.KafkaCluster;
import io.waymark.embedded.KafkaExtension;
import io.waymark.schemas.DomainEvent;
import io.waymark.schemas.DomainEventType;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(KafkaExtension.class)
class TopicsCommandIT {

    @TempDir
    Path home;

    @Test
    void createThenDescribe(KafkaCluster cluster) throws Exception {
        // Given a prefix with no topics
        TestKafka kafka = TestKafka.withFreshPrefix(cluster.bootstrapServers());
        String prefix = kafka.topics().prefix();
        int catalog = kafka.topics().all().size();

        // When described, every topic is missing
        CliRun before = CliRun.run(kafka.environment(home), "topics", "describe");
        assertThat(before.exitCode()).as(before.toString()).isZero();
        assertThat(before.out()).contains(catalog + " topics, " + catalog + " missing");
        assertThat(before.out().lines().filter(l -> l.contains("MISSING"))).hasSize(catalog);

        // When created (capped at 2 partitions), then created again
        CliRun create = CliRun.run(kafka.environment(home), "topics", "create", "--max-partitions", "2",
                "--replication-factor", "1");
        CliRun again = CliRun.run(kafka.environment(home), "topics", "create", "--max-partitions", "2");

        // Then the first run created all, the second none and found no drift
        assertThat(create.exitCode()).as(create.toString()).isZero();
        assertThat(create.out()).contains("created   " + prefix + "domain-events", "created   " + prefix + "dlq.rewriter")
                .contains(catalog + " created, 0 existing, 0 drifted settings");
        assertThat(again.out()).contains("0 created, " + catalog + " existing, 0 drifted settings");

        // Given three records and a partition added behind the catalog's back
        for (int i = 0; i < 3; i++) {
            kafka.produce(kafka.topics().domainEvents(), "d" + i + ".example", DomainEvent.newBuilder()
                    .setEventId("e" + i).setType(DomainEventType.DISABLE_HTTPS).setSendingDomain("d" + i + ".example")
                    .setOccurredAt(Instant.now()).build());
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
            admin.createPartitions(Map.of(prefix + "outbound", NewPartitions.increaseTo(3))).all().get();
        }

        // When described and created once more
        CliRun after = CliRun.run(kafka.environment(home), "topics", "describe");
        CliRun drift = CliRun.run(kafka.environment(home), "topics", "create", "--max-partitions", "2");

        // Then partitions (catalog's count in parentheses), replication, cleanup and end offsets show
        assertThat(after.exitCode()).as(after.toString()).isZero();
        assertThat(after.out()).contains(catalog + " topics, 0 missing");
        assertThat(line(after.out(), prefix + "domain-events ")).matches(".*\\s2 \\(12\\)\\s+1\\s+delete\\s+3$");
        assertThat(line(after.out(), prefix + "certificates ")).matches(".*\\s2 \\(12\\)\\s+1\\s+compact\\s+0$");
        assertThat(line(after.out(), prefix + "acme-challenges ")).contains("compact,delete");
        assertThat(line(after.out(), prefix + "outbound ")).matches(".*\\s3 \\(48\\)\\s+1\\s+delete\\s+0$");
        assertThat(drift.out()).contains("drift     " + prefix + "outbound: partitions is 3, catalog says 2");
    }

    private static String line(String out, String start) {
        return out.lines().filter(l -> l.startsWith(start)).findFirst().orElseThrow(() ->
                new AssertionError("no line starting with '" + start + "' in\n" + out));
    }
}
