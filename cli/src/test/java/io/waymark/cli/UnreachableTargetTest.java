package io.waymark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A target nobody answers on: one line naming the address and what to change, exit code 2. */
class UnreachableTargetTest {

    @TempDir
    Path home;

    @Test
    void unreachableKafkaIsOneLineNamingTheAddressAndTheFlag() throws IOException {
        // Given a loopback port nothing listens on, given by flag
        int port = ArgumentValidationTest.closedPort();

        // When a Kafka command runs against it
        CliRun run = CliRun.run(environment(), "domain", "status", "shop.example", "--kafka", "127.0.0.1:" + port);

        // Then exit code 2 and one line, no stack trace
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains("cannot reach Kafka at 127.0.0.1:" + port + " (from --kafka) within 2 s")
                .contains("--kafka or WAYMARK_KAFKA_BOOTSTRAP_SERVERS");
    }

    @Test
    void verboseAddsTheStackTrace() throws IOException {
        int port = ArgumentValidationTest.closedPort();

        CliRun run = CliRun.run(environment(), "--verbose", "topics", "describe", "--kafka", "127.0.0.1:" + port);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(run.err()).contains("cannot reach Kafka at 127.0.0.1:" + port)
                .contains("UnreachableTargetException").contains("\tat ");
    }

    @Test
    void unreachableCassandraNamesItsVariable() throws IOException {
        // Given the address in the variable
        int port = ArgumentValidationTest.closedPort();
        CliEnvironment environment = new CliEnvironment(
                Map.of("WAYMARK_CASSANDRA_CONTACT_POINTS", "127.0.0.1:" + port), home, h -> Optional.empty(),
                Duration.ofSeconds(2));

        CliRun run = CliRun.run(environment, "events", "list", "--message", "m-1");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains("cannot reach Cassandra at 127.0.0.1:" + port
                + " (from WAYMARK_CASSANDRA_CONTACT_POINTS)").contains("--cassandra");
    }

    private CliEnvironment environment() {
        return new CliEnvironment(Map.of(), home, h -> Optional.empty(), Duration.ofSeconds(2));
    }
}
