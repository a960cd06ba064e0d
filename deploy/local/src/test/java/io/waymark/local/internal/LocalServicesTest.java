package io.waymark.local.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.local.LocalEndpoints;
import io.waymark.local.LocalPorts;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalServicesTest {

    @TempDir
    Path root;

    @Test
    void everyServiceRunsItsProductionMainOnLoopbackWithItsOwnKeys() {
        // Given
        StackHome home = new StackHome(root);
        LocalPorts ports = LocalPorts.defaults();
        LocalEndpoints endpoints = ports.endpoints(root);
        LocalKeys keys = LocalKeys.loadOrCreate(endpoints.keysFile());

        // When
        Map<String, ServiceSpec> services = LocalServices.of(home, ports, endpoints, keys, root.resolve("ca.pem"))
                .stream().collect(Collectors.toMap(ServiceSpec::name, Function.identity()));

        // Then
        assertThat(services).containsKeys("event-sink", "edge", "rewriter", "provisioner");
        assertThat(services.get("edge").mainClass()).isEqualTo("io.waymark.edge.EdgeMain");
        assertThat(services.get("provisioner").mainClass()).isEqualTo("io.waymark.provisioner.ProvisionerMain");
        assertThat(services.get("rewriter").mainClass()).isEqualTo("io.waymark.rewriter.RewriterService");
        assertThat(services.get("event-sink").mainClass()).isEqualTo("io.waymark.eventsink.EventSinkMain");
        services.values().forEach(spec -> {
            assertThat(spec.settings()).containsEntry("admin.host", "127.0.0.1")
                    .containsEntry("admin.port", Integer.toString(spec.adminPort()));
            // secrets travel in the environment only, never in the config file
            assertThat(spec.settings().values()).noneMatch(value -> value.contains(keys.sealKeys())
                    || value.contains(keys.tokenKeys()));
            assertThat(spec.toString()).doesNotContain(keys.sealKeys(), keys.tokenKeys());
        });

        // each with the keys its README documents
        assertThat(services.get("rewriter").settings())
                .containsEntry("kafka.bootstrap-servers", "127.0.0.1:29092").containsEntry("kafka.topic-prefix", "waymark.");
        assertThat(services.get("event-sink").settings())
                .containsEntry("kafka.bootstrap-servers", "127.0.0.1:29092")
                .containsEntry("cassandra.contact-points", "127.0.0.1:29042");
        assertThat(services.get("edge").settings())
                .containsEntry("edge.http.port", "29080").containsEntry("edge.https.port", "29443")
                .containsEntry("edge.bind.host", "127.0.0.1");
        assertThat(services.get("provisioner").settings())
                .containsEntry("acme.directory", "https://127.0.0.1:29140/dir")
                .containsEntry("acme.trust-pem", root.resolve("ca.pem").toString())
                .containsEntry("preflight.edge-address", "127.0.0.1:29080");

        // and the secrets it needs, nothing more
        assertThat(services.get("provisioner").secretEnvironment()).containsOnlyKeys("WAYMARK_SEAL_KEYS");
        assertThat(services.get("edge").secretEnvironment()).containsOnlyKeys("WAYMARK_SEAL_KEYS", "WAYMARK_TOKEN_KEYS");
        assertThat(services.get("rewriter").secretEnvironment()).containsOnlyKeys("WAYMARK_TOKEN_KEYS");
        assertThat(services.get("event-sink").secretEnvironment()).isEmpty();

        // only the sink waits for Cassandra; the others start as soon as Kafka is up
        assertThat(services.values()).filteredOn(ServiceSpec::needsCassandra).extracting(ServiceSpec::name)
                .containsExactly("event-sink");
    }

    @Test
    void theRenewerJoinsExactlyWhenItsMainClassIsOnTheClasspath() {
        StackHome home = new StackHome(root);
        LocalPorts ports = LocalPorts.defaults();
        LocalEndpoints endpoints = ports.endpoints(root);
        List<ServiceSpec> services = LocalServices.of(home, ports, endpoints,
                LocalKeys.loadOrCreate(endpoints.keysFile()), root.resolve("ca.pem"));

        assertThat(services.stream().anyMatch(spec -> spec.mainClass().equals(LocalServices.RENEWER_MAIN)))
                .isEqualTo(LocalServices.renewerAvailable());
    }
}
