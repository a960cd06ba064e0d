package io.waymark.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalEndpointsTest {

    @TempDir
    Path home;

    @Test
    void defaultsAreTheDocumentedLoopbackPorts() {
        // When
        LocalEndpoints endpoints = LocalEndpoints.defaults(home);

        // Then
        assertThat(endpoints.kafkaBootstrapServers()).isEqualTo("127.0.0.1:29092");
        assertThat(endpoints.topicPrefix()).isEqualTo("waymark.");
        assertThat(endpoints.cassandraContactPoint()).isEqualTo("127.0.0.1:29042");
        assertThat(endpoints.cassandraDatacenter()).isEqualTo("datacenter1");
        assertThat(endpoints.edgeHttpPort()).isEqualTo(29080);
        assertThat(endpoints.edgeHttpsPort()).isEqualTo(29443);
        assertThat(endpoints.acmeDirectory()).isEqualTo(URI.create("https://127.0.0.1:29140/dir"));
        assertThat(endpoints.acmeRootsPem()).isEqualTo(home.resolve("acme-roots.pem"));
        assertThat(endpoints.keysFile()).isEqualTo(home.resolve("keys.properties"));
        assertThat(endpoints.home()).isEqualTo(home);
    }

    @Test
    void aPublishedStackIsFoundUntilItIsWithdrawn() {
        // Given endpoints on other ports than the defaults
        LocalEndpoints endpoints = LocalPorts.free().endpoints(home);
        assertThat(LocalEndpoints.running(home)).isEmpty();

        // When the stack publishes them
        endpoints.publish();

        // Then they are read back exactly, and gone once withdrawn
        assertThat(LocalEndpoints.running(home)).contains(endpoints);
        endpoints.withdraw();
        assertThat(LocalEndpoints.running(home)).isEmpty();
    }

    @Test
    void anIncompleteEndpointsFileNamesTheMissingKey() throws Exception {
        // Given
        Files.writeString(home.resolve("stack.properties"), "kafka.bootstrap-servers=127.0.0.1:1\n");

        // When / Then
        assertThatThrownBy(() -> LocalEndpoints.running(home))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("kafka.topic-prefix");
    }

    @Test
    void theHomeComesFromTheSystemPropertyElseTheCurrentDirectory() {
        String before = System.getProperty(LocalEndpoints.HOME_PROPERTY);
        try {
            System.clearProperty(LocalEndpoints.HOME_PROPERTY);
            assertThat(LocalEndpoints.defaultHome()).isEqualTo(Path.of(".waymark").toAbsolutePath().normalize());
            System.setProperty(LocalEndpoints.HOME_PROPERTY, home.toString());
            assertThat(LocalEndpoints.defaultHome()).isEqualTo(home.toAbsolutePath().normalize());
        } finally {
            if (before == null) {
                System.clearProperty(LocalEndpoints.HOME_PROPERTY);
            } else {
                System.setProperty(LocalEndpoints.HOME_PROPERTY, before);
            }
        }
    }
}
