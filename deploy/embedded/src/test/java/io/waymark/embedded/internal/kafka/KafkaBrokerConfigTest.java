package io.waymark.embedded.internal.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerConfigTest {

    @Test
    void writesACombinedSingleNodeKraftConfigOnLoopback(@TempDir Path dir) throws Exception {
        // Given
        KafkaBrokerConfig config = new KafkaBrokerConfig(19092, 19093, dir.resolve("data"));

        // When
        Path file = config.write(dir.resolve("server.properties"));

        // Then
        Properties written = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            written.load(in);
        }
        assertThat(written)
                .containsEntry("process.roles", "broker,controller")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:19092")
                .containsEntry("controller.quorum.bootstrap.servers", "127.0.0.1:19093")
                .containsEntry("log.dirs", dir.resolve("data").toAbsolutePath().toString())
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("share.coordinator.state.topic.replication.factor", "1")
                .containsEntry("group.initial.rebalance.delay.ms", "0");
        assertThat(config.bootstrapServers()).isEqualTo("127.0.0.1:19092");
    }
}
