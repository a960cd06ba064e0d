package io.waymark.provisioner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waymark.embedded.AcmeServer;
import io.waymark.embedded.KafkaCluster;
import io.waymark.embedded.KafkaExtension;
import io.waymark.embedded.PebbleExtension;
import io.waymark.schemas.DomainState;
import io.waymark.schemas.DomainStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs in a failsafe execution of its own ({@code nonce-reject} in the POM) whose environment
 * holds {@code PEBBLE_WFE_NONCEREJECT=50}: the Pebble of that JVM rejects half of all nonces
 * (RFC 8555 §6.5, badNonce), and issuance must still succeed.
 */
@ExtendWith({KafkaExtension.class, PebbleExtension.class})
class NonceRejectIT {

    @TempDir
    Path directory;

    @Test
    void issuanceSucceedsWhenTheCaRejectsHalfOfAllNonces(KafkaCluster kafka, AcmeServer acme) throws Exception {
        // Given a Pebble started with half of its nonces rejected
        assertThat(System.getenv("PEBBLE_WFE_NONCEREJECT")).as("set by the nonce-reject execution").isEqualTo("50");
        try (ProvisionerHarness harness = new ProvisionerHarness(kafka, acme, directory, Map.of())) {
            harness.startResponder().startProvisioner();
            String run = "nonce-" + UUID.randomUUID().toString().substring(0, 8);
            List<String> domains = IntStream.range(0, 5).mapToObj(i -> run + "-" + i + ".com").toList();

            // When
            for (String domain : domains) {
                harness.enable(domain, "email." + domain);
            }

            // Then
            await().atMost(Duration.ofSeconds(90)).until(() -> domains.stream().allMatch(d -> {
                DomainStatus status = harness.recorder.latestStatus(d);
                // the recorder reads each topic independently: wait for the certificate too
                return status != null && status.getState() == DomainState.ISSUED
                        && !harness.recorder.certificates("email." + d).isEmpty();
            }));
            domains.forEach(d -> assertThat(harness.recorder.certificates("email." + d)).hasSize(1));
        }
    }
}
