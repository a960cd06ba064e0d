package io.waymark.provisioner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waymark.embedded.KafkaCluster;
import io.waymark.embedded.KafkaExtension;
import io.waymark.embedded.PebblePorts;
import io.waymark.embedded.PebbleProcess;
import io.waymark.schemas.DomainState;
import io.waymark.schemas.DomainStatus;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * External account binding (RFC 8555 §7.3.4) against a real Pebble that requires it, as
 * commercial ACME CAs do: with the configured key id and MAC key the account is registered and
 * the certificate issued; without them the CA's {@code externalAccountRequired} ends the domain
 * FAILED at once, with the CA's detail. The MAC key is generated for the run.
 */
@ExtendWith(KafkaExtension.class)
class ExternalAccountBindingIT {

    private static final Duration ISSUANCE = Duration.ofSeconds(60);
    private static final String KEY_ID = "waymark-it";
    private static final String MAC_KEY = randomMacKey();

    private static Path pebbleDirectory;
    private static PebbleProcess pebble;

    @TempDir
    Path directory;

    private ProvisionerHarness harness;

    @BeforeAll
    static void startPebbleRequiringExternalAccounts() throws IOException {
        pebbleDirectory = Files.createTempDirectory("pebble-eab");
        int http01Port = freePort();
        pebble = PebbleProcess.start(pebbleDirectory, http01Port, PebblePorts.freeExcept(http01Port), Map.of(KEY_ID, MAC_KEY));
    }

    @AfterAll
    static void stopPebble() {
        if (pebble != null) {
            pebble.close();
        }
    }

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void withTheExternalAccountKeyTheCertificateIsIssued(KafkaCluster kafka) throws Exception {
        // Given a provisioner configured with the CA's key id and MAC key
        harness = new ProvisionerHarness(kafka, pebble, directory,
                Map.of("acme.eab.kid", KEY_ID, "acme.eab.hmac-key", MAC_KEY)).startResponder().startProvisioner();
        String domain = unique("eab") + ".com";
        String host = "email." + domain;

        // When
        harness.enable(domain, host);

        // Then
        await().atMost(ISSUANCE).until(() -> state(domain) == DomainState.ISSUED
                && !harness.recorder.certificates(host).isEmpty());
        assertThat(harness.recorder.certificates(host)).hasSize(1);
        assertThat(harness.ordersPlaced()).isEqualTo(1.0);
    }

    @Test
    void withoutItTheCasRefusalFailsTheDomainAtOnce(KafkaCluster kafka) throws Exception {
        // Given a provisioner without external account binding
        harness = new ProvisionerHarness(kafka, pebble, directory, Map.of()).startResponder().startProvisioner();
        String domain = unique("no-eab") + ".com";
        String host = "email." + domain;

        // When
        harness.enable(domain, host);

        // Then FAILED with the CA's problem, no retry, no challenge, no certificate
        await().atMost(ISSUANCE).until(() -> state(domain) == DomainState.FAILED);
        List<DomainStatus> statuses = harness.recorder.statuses(domain).stream().map(TopicRecorder.Seen::value)
                .toList();
        assertThat(statuses.get(statuses.size() - 1).getReason())
                .contains("externalAccountRequired")
                .doesNotContain("gave up after");
        assertThat(harness.counter("waymark_provisioner_outcomes", "outcome", "retry_scheduled")).isZero();
        assertThat(harness.responder().requests()).isEmpty();
        assertThat(harness.responder().live()).isEmpty();
        assertThat(harness.recorder.certificates(host)).isEmpty();
    }

    private DomainState state(String domain) {
        DomainStatus status = harness.recorder.latestStatus(domain);
        return status == null ? null : status.getState();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String randomMacKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
