package io.waymark.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.local.internal.PortGuard;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalPortsTest {

    @TempDir
    Path home;

    @Test
    void everyPortHasOnePurpose() {
        // 16 ports, none shared: a collision would make two parts fight over one port
        assertThat(LocalPorts.defaults().purposes()).hasSize(16);
        assertThat(LocalPorts.free().purposes()).hasSize(16);
    }

    @Test
    void theServicesKeepTheirProductionAdminPorts() {
        LocalPorts ports = LocalPorts.defaults();

        assertThat(ports.provisionerAdmin()).isEqualTo(9401);
        assertThat(ports.edgeAdmin()).isEqualTo(9402);
        assertThat(ports.renewerAdmin()).isEqualTo(9403);
        assertThat(ports.eventSinkAdmin()).isEqualTo(9404);
        assertThat(ports.rewriterAdmin()).isEqualTo(9405);
    }

    @Test
    void aTakenPortStopsTheStartBeforeAnythingRuns() throws Exception {
        // Given the Kafka port of a free port set is taken by someone else
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            LocalPorts free = LocalPorts.free();
            LocalPorts ports = new LocalPorts(squatter.getLocalPort(), free.kafkaController(), free.cassandraCql(),
                    free.cassandraStorage(), free.pebbleAcme(), free.pebbleManagement(), free.pebbleTlsAlpn(),
                    free.challengeDns(), free.challengeManagement(), free.edgeHttp(), free.edgeHttps(),
                    free.provisionerAdmin(), free.renewerAdmin(), free.edgeAdmin(), free.eventSinkAdmin(),
                    free.rewriterAdmin());
            ByteArrayOutputStream console = new ByteArrayOutputStream();

            // When / Then the start fails naming the port and its purpose
            assertThatThrownBy(() -> LocalStack.start(home, ports, false,
                    new PrintStream(console, true, StandardCharsets.UTF_8)))
                    .isInstanceOf(PortGuard.PortInUseException.class)
                    .hasMessageContaining("port " + squatter.getLocalPort() + " (Kafka broker) is already in use")
                    .hasMessageContaining("nothing was started");

            // and nothing was started or created
            assertThat(console.toString(StandardCharsets.UTF_8)).isEmpty();
            assertThat(Files.exists(home.resolve("data"))).isFalse();
        }
    }
}
