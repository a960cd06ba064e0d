package io.waymark.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.embedded.KafkaCluster;
import io.waymark.embedded.KafkaExtension;
import io.waymark.schemas.kafka.TopicAdmin;
import io.waymark.schemas.kafka.TopicReport;
import io.waymark.schemas.kafka.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compose file's topic script, as the generator renders it, run with Kafka's own
 * {@code kafka-topics} tool against a real broker: it creates every catalog topic exactly as the
 * catalog says (the catalog's own {@link TopicAdmin} then finds nothing to create and no drift),
 * and running it again changes nothing.
 */
@ExtendWith(KafkaExtension.class)
class ComposeTopicsIT {

    @Test
    void scriptCreatesTheCatalogOnARealBrokerAndCanRunAgain(KafkaCluster kafka, @TempDir Path dir) throws Exception {
        // Given the script for a catalog of our own (a prefix of this test) and kafka-topics.sh as Kafka's TopicCommand
        Topics topics = Topics.withPrefix("it-" + UUID.randomUUID().toString().substring(0, 8) + ".")
                .withMaxPartitions(KafkaTopicManifests.COMPOSE_MAX_PARTITIONS);
        Path script = write(dir.resolve("create-topics.sh"), KafkaTopicManifests.renderScript(topics, 1));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path tool = write(dir.resolve("kafka-topics.sh"), "#!/bin/sh\nexec '" + java + "' -XX:TieredStopAtLevel=1 "
                + "-XX:+UseSerialGC -cp '" + System.getProperty("java.class.path") + "' "
                + "org.apache.kafka.tools.TopicCommand \"$@\"\n");

        // When the script runs
        Process first = run(script, tool, kafka.bootstrapServers(), dir.resolve("first.log"));

        // Then it succeeds and the catalog finds every topic there, with no drift
        assertThat(first.exitValue()).as(Files.readString(dir.resolve("first.log"))).isZero();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            TopicReport report = new TopicAdmin(admin, Optional.of((short) 1), Duration.ofSeconds(60)).ensure(topics.all());
            assertThat(report.created()).as("topics the script did not create").isEmpty();
            assertThat(report.drifts()).as("topics the script created unlike the catalog").isEmpty();
            assertThat(report.existing()).hasSize(topics.all().size());
        }

        // and a second run (a restarted compose project) succeeds without changing anything
        Process second = run(script, tool, kafka.bootstrapServers(), dir.resolve("second.log"));
        assertThat(second.exitValue()).as(Files.readString(dir.resolve("second.log"))).isZero();
    }

    private static Process run(Path script, Path tool, String bootstrap, Path log) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("sh", script.toString(), bootstrap)
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("KAFKA_TOPICS_SH", tool.toString());
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("create-topics.sh did not finish in 5 minutes: " + Files.readString(log));
        }
        return process;
    }

    private static Path write(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
