package io.waymark.embedded.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoriesTest {

    @Test
    void deleteKeepingLogsKeepsOnlyTheServersOwnLogFiles(@TempDir Path tmp) throws Exception {
        // Given a run directory with a server log, a config file and data files named *.log
        Path run = Files.createDirectories(tmp.resolve("kafka-1"));
        Files.writeString(run.resolve("kafka.log"), "started");
        Files.writeString(run.resolve("server.properties"), "node.id=1");
        Path segment = Files.createDirectories(run.resolve("data/topic-0")).resolve("00000000000000000000.log");
        Files.writeString(segment, "records");

        // When
        RunDirectories.deleteKeepingLogs(run);

        // Then
        assertThat(run.resolve("kafka.log")).exists();
        assertThat(run.resolve("server.properties")).doesNotExist();
        assertThat(run.resolve("data")).doesNotExist();
    }

    @Test
    void deleteRemovesEverything(@TempDir Path tmp) throws Exception {
        // Given
        Path run = Files.createDirectories(tmp.resolve("pebble-1/sub"));
        Files.writeString(run.resolve("pebble.log"), "x");

        // When
        RunDirectories.delete(tmp.resolve("pebble-1"));

        // Then
        assertThat(tmp.resolve("pebble-1")).doesNotExist();
    }

    @Test
    void createMakesAFreshDirectoryUnderTheConfiguredBase(@TempDir Path tmp) {
        // Given
        String previous = System.setProperty(RunDirectories.PROPERTY, tmp.toString());
        try {
            // When
            Path first = RunDirectories.create("cassandra");
            Path second = RunDirectories.create("cassandra");

            // Then
            assertThat(first).isDirectory().hasParent(tmp).isNotEqualTo(second);
            assertThat(first.getFileName().toString()).startsWith("cassandra-");
        } finally {
            if (previous == null) {
                System.clearProperty(RunDirectories.PROPERTY);
            } else {
                System.setProperty(RunDirectories.PROPERTY, previous);
            }
        }
    }
}
