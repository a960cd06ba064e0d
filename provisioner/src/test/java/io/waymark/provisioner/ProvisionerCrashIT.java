package io.waymark.provisioner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waymark.embedded.AcmeServer;
import io.waymark.embedded.KafkaCluster;
import io.waymark.embedded.KafkaExtension;
import io.waymark.embedded.PebbleExtension;
import io.waymark.schemas.DomainState;
import io.waymark.schemas.DomainStatus;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith({KafkaExtension.class, PebbleExtension.class})
class ProvisionerCrashIT {

    @TempDir
    Path directory;

    @Test
    void provisionerKilledMidOrderFinishesAfterRestartWithOneCertificateVersion(KafkaCluster kafka,
                                                                              AcmeServer acme) throws Exception {
        try (ProvisionerHarness harness = new ProvisionerHarness(kafka, acme, directory,
                Map.of("preflight.timeout", "120s"))) {
            // Given a provisioner in its own JVM whose order hangs in the self-check (no responder yet)
            Process child = startChild(harness);
            try {
                String domain = "crash-" + UUID.randomUUID().toString().substring(0, 8) + ".com";
                String host = "email." + domain;
                harness.enable(domain, host);
                await().atMost(Duration.ofSeconds(120)).until(() ->
                        harness.recorder.challengeKeys().stream().anyMatch(k -> k.startsWith(host + "/")));

                // When it is killed (SIGKILL) in the middle of the order, and another one starts
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(harness.recorder.certificates(host)).isEmpty();
                harness.startResponder().startProvisioner();

                // Then the new instance re-reads the uncommitted event and issues: exactly one version
                await().atMost(Duration.ofSeconds(90)).until(() -> {
                    DomainStatus status = harness.recorder.latestStatus(domain);
                    // the recorder reads each topic independently: wait for the certificate too
                    return status != null && status.getState() == DomainState.ISSUED
                            && !harness.recorder.certificates(host).isEmpty();
                });
                assertThat(harness.recorder.certificates(host)).hasSize(1);
                assertThat(harness.recorder.certificates(host).get(0).value().getVersion()).isEqualTo(1L);
                assertThat(harness.ordersPlaced()).isEqualTo(1.0);

                // and a further restart orders nothing: the offset was committed after the outcome
                harness.stopProvisioner();
                harness.startProvisioner();
                await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(15))
                        .until(() -> harness.ordersPlaced() == 0.0);
                assertThat(harness.recorder.certificates(host)).hasSize(1);
            } finally {
                child.destroyForcibly();
                child.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /** {@code ProvisionerMain} with the harness's settings, as a child JVM on this JVM's classpath. */
    private Process startChild(ProvisionerHarness harness) throws IOException {
        Properties properties = new Properties();
        properties.putAll(harness.settings());
        Path config = directory.resolve("provisioner.properties");
        try (Writer out = Files.newBufferedWriter(config)) {
            properties.store(out, "provisioner under test");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), ProvisionerMain.class.getName(),
                "--config", config.toString()));
        builder.redirectErrorStream(true);
        builder.redirectOutput(directory.resolve("provisioner-child.log").toFile());
        return builder.start();
    }
}
