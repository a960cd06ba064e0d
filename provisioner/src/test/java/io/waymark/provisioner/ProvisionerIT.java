package io.waymark.provisioner;

import static io.waymark.provisioner.CertificateAssertions.assertChainsTo;
import static io.waymark.provisioner.CertificateAssertions.assertSealedKeyMatches;
import static io.waymark.provisioner.CertificateAssertions.chain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waymark.embedded.AcmeServer;
import io.waymark.embedded.KafkaCluster;
import io.waymark.embedded.KafkaExtension;
import io.waymark.embedded.PebbleExtension;
import io.waymark.schemas.CertificateRecord;
import io.waymark.schemas.DomainState;
import io.waymark.schemas.DomainStatus;
import io.waymark.schemas.kafka.DeadLetterHeaders;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith({KafkaExtension.class, PebbleExtension.class})
class ProvisionerIT {

    private static final Duration ISSUANCE = Duration.ofSeconds(60);

    @TempDir
    Path directory;

    private ProvisionerHarness harness;

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void enableHttpsIssuesACertificateThatChainsToPebblesRootAndWhoseSealedKeyOpens(KafkaCluster kafka,
                                                                                  AcmeServer acme) throws Exception {
        // Given a provisioner and an HTTP-01 responder fed from acme-challenges
        harness = new ProvisionerHarness(kafka, acme, directory, Map.of()).startResponder().startProvisioner();
        String domain = unique("shop") + ".com";
        String host = "email." + domain;

        // When
        harness.enable(domain, host);

        // Then the domain goes PENDING, then ISSUED with the certificate's notAfter
        // (the recorder reads each topic independently: wait for the certificate record too)
        await().atMost(ISSUANCE).until(() -> state(domain) == DomainState.ISSUED
                && !harness.recorder.certificates(host).isEmpty());
        List<DomainState> states = harness.recorder.statuses(domain).stream().map(s -> s.value().getState()).toList();
        assertThat(states).containsExactly(DomainState.PENDING, DomainState.ISSUED);
        DomainStatus issued = harness.recorder.latestStatus(domain);
        assertThat(issued.getTrackingHost()).isEqualTo(host);
        assertThat(issued.getReason()).isNull();

        // and one certificate, version 1, for the host, chaining to Pebble's root, its sealed key its own
        List<TopicRecorder.Seen<CertificateRecord>> certificates = harness.recorder.certificates(host);
        assertThat(certificates).hasSize(1);
        CertificateRecord record = certificates.get(0).value();
        assertThat(record.getVersion()).isEqualTo(1L);
        assertThat(record.getSendingDomain()).isEqualTo(domain);
        assertThat(record.getSealedKey().getAlgorithm()).isEqualTo("EC-P256");
        assertThat(issued.getNotAfter()).isEqualTo(record.getNotAfter());
        X509Certificate leaf = chain(record).get(0);
        assertThat(leaf.getSubjectAlternativeNames().stream().map(n -> (Object) n.get(1)).toList())
                .containsExactly(host);
        assertThat(record.getSerialHex()).isEqualTo(leaf.getSerialNumber().toString(16));
        // RFC 9773 §4.1: base64url(AKI keyIdentifier) "." base64url(serial DER content)
        assertThat(record.getAriCertId()).isNotNull().contains(".");
        assertThat(new java.math.BigInteger(java.util.Base64.getUrlDecoder()
                .decode(record.getAriCertId().substring(record.getAriCertId().indexOf('.') + 1))))
                .isEqualTo(leaf.getSerialNumber());
        assertChainsTo(record, acme.issuingRoots().get(0));
        assertSealedKeyMatches(record, harness.sealer);

        // and Pebble really validated through the responder, whose challenge is gone again
        assertThat(harness.responder().requests()).anyMatch(r -> r.startsWith(host + "/"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !harness.responder().tombstones().isEmpty());
        assertThat(harness.responder().live()).isEmpty();
        assertThat(harness.ordersPlaced()).isEqualTo(1.0);
    }

    @Test
    void invalidTrackingHostFailsWithAReasonAndNoAcmeTraffic(KafkaCluster kafka, AcmeServer acme) throws Exception {
        // Given
        harness = new ProvisionerHarness(kafka, acme, directory, Map.of()).startResponder().startProvisioner();
        String domain = unique("shop") + ".com";

        // When the host is not under the sending domain, and another is no host name at all
        harness.enable(domain, "email.someone-else.com");
        harness.enable("other-" + domain, "bad_name.other-" + domain);

        // Then both are FAILED with a reason a person can act on
        await().atMost(Duration.ofSeconds(30)).until(() -> state(domain) == DomainState.FAILED
                && state("other-" + domain) == DomainState.FAILED);
        assertThat(harness.recorder.latestStatus(domain).getReason())
                .contains("not a subdomain of the sending domain " + domain).contains("email." + domain);
        assertThat(harness.recorder.latestStatus("other-" + domain).getReason()).contains("not a valid host name");

        // and nothing reached the CA: no order, no account, no challenge
        assertThat(harness.ordersPlaced()).isZero();
        assertThat(directory.resolve("acme-account.sealed")).exists();
        assertThat(harness.responder().requests()).isEmpty();
        assertThat(harness.responder().live()).isEmpty();
    }

    @Test
    void repeatedAndConcurrentEnablesMakeOneOrderAndOnlyRepublishIssued(KafkaCluster kafka, AcmeServer acme)
            throws Exception {
        // Given
        harness = new ProvisionerHarness(kafka, acme, directory, Map.of()).startResponder().startProvisioner();
        String domain = unique("dup") + ".com";
        String host = "email." + domain;

        // When three ENABLEs arrive at once, and a fourth after issuance
        for (int i = 0; i < 3; i++) {
            harness.enable(domain, host);
        }
        await().atMost(ISSUANCE).until(() -> harness.recorder.statuses(domain).size() >= 4
                && state(domain) == DomainState.ISSUED);
        harness.enable(domain, host);

        // Then one order, one certificate, and ISSUED said again for each duplicate
        await().atMost(Duration.ofSeconds(30)).until(() -> issuedCount(domain) == 4);
        assertThat(harness.ordersPlaced()).isEqualTo(1.0);
        assertThat(harness.recorder.certificates(host)).hasSize(1);
        assertThat(harness.counter("waymark_provisioner_outcomes", "outcome", "republished")).isEqualTo(3.0);
    }

    @Test
    void disableKeepsTheCertificateAndDeleteRemovesAndRevokesIt(KafkaCluster kafka, AcmeServer acme)
            throws Exception {
        // Given an issued domain
        harness = new ProvisionerHarness(kafka, acme, directory, Map.of()).startResponder().startProvisioner();
        String domain = unique("bye") + ".com";
        String host = "email." + domain;
        harness.enable(domain, host);
        await().atMost(ISSUANCE).until(() -> state(domain) == DomainState.ISSUED
                && !harness.recorder.certificates(host).isEmpty());

        // When HTTPS is disabled
        harness.event(io.waymark.schemas.DomainEventType.DISABLE_HTTPS, domain, null);

        // Then DISABLED, still naming the certificate's expiry, and the certificate stays
        await().atMost(Duration.ofSeconds(30)).until(() -> state(domain) == DomainState.DISABLED);
        assertThat(harness.recorder.latestStatus(domain).getNotAfter()).isNotNull();
        assertThat(harness.recorder.certificates(host)).hasSize(1);

        // When the domain is deleted
        harness.event(io.waymark.schemas.DomainEventType.DELETE, domain, null);

        // Then certificate and status are tombstoned, and the CA revoked the certificate
        await().atMost(Duration.ofSeconds(30)).until(() -> harness.recorder.certificates(host).size() == 2
                && harness.recorder.statuses(domain).get(harness.recorder.statuses(domain).size() - 1).value() == null);
        assertThat(harness.recorder.certificates(host).get(1).value()).isNull();
        assertThat(harness.counter("waymark_provisioner_revocations", "result", "revoked")).isEqualTo(1.0);
    }

    @Test
    void undecodableRecordGoesToTheDeadLetterTopicAndTheNextOneIsServed(KafkaCluster kafka, AcmeServer acme)
            throws Exception {
        // Given
        harness = new ProvisionerHarness(kafka, acme, directory, Map.of()).startResponder().startProvisioner();
        String domain = unique("dlq") + ".com";

        // When garbage arrives, then a valid request for the same domain
        harness.send(harness.topics.domainEvents().name(), domain, new byte[] {(byte) 0xC3, 0x01, 9, 9});
        harness.enable(domain, "bad_name." + domain);

        // Then the garbage is dead-lettered with why, and the valid request still answered
        // (the recorder reads the status and dead-letter topics independently, so wait for both)
        await().atMost(Duration.ofSeconds(30)).until(() -> state(domain) == DomainState.FAILED
                && !harness.recorder.deadLetters().isEmpty());
        assertThat(harness.recorder.deadLetters()).hasSize(1);
        var letter = harness.recorder.deadLetters().get(0);
        assertThat(letter.key()).isEqualTo(domain);
        assertThat(ProvisionerHarness.utf8(letter.headers().lastHeader(DeadLetterHeaders.ORIGINAL_TOPIC).value()))
                .isEqualTo(harness.topics.domainEvents().name());
        assertThat(ProvisionerHarness.utf8(letter.headers().lastHeader(DeadLetterHeaders.ERROR_MESSAGE).value()))
                .contains("cannot decode");
    }

    @Test
    void responderDownIsRetriedWithBackoffThenFailedWithoutSpendingTheValidationBudget(KafkaCluster kafka,
                                                                                       AcmeServer acme)
            throws Exception {
        // Given no responder on the validation port, a short self-check and three attempts
        harness = new ProvisionerHarness(kafka, acme, directory, Map.of("preflight.timeout", "500ms"))
                .startProvisioner();
        String domain = unique("down") + ".com";

        // When
        harness.enable(domain, "email." + domain);

        // Then two retries are announced, then FAILED naming the edge that did not answer
        await().atMost(ISSUANCE).until(() -> state(domain) == DomainState.FAILED);
        List<DomainStatus> statuses = harness.recorder.statuses(domain).stream().map(TopicRecorder.Seen::value)
                .toList();
        assertThat(statuses).extracting(DomainStatus::getState).containsExactly(DomainState.PENDING,
                DomainState.PENDING, DomainState.PENDING, DomainState.FAILED);
        assertThat(statuses.get(1).getReason()).startsWith("attempt 1 failed, next try at");
        assertThat(statuses.get(3).getReason()).contains("gave up after 3 attempts")
                .contains("did not serve the HTTP-01 challenge").contains("the CA was not asked to validate");
        // the CA was never asked to validate: the failed-validation budget is untouched
        assertThat(harness.counter("waymark_provisioner_outcomes", "outcome", "retry_scheduled")).isEqualTo(2.0);
        assertThat(harness.runtime().meterRegistry().find("waymark_provisioner_failed_validations").counter())
                .isNull();
        assertThat(harness.runtime().meterRegistry().find("waymark_provisioner_bucket_level")
                .tag("bucket", "failed_validations").gauge().value()).isEqualTo(5.0);
    }

    @Test
    void permanentRefusalByTheCaFailsAtOnceWithTheCasProblemDetailAndNoRetry(KafkaCluster kafka, AcmeServer acme)
            throws Exception {
        // Given a host the CA refuses by policy (Pebble's blocklist; Pebble evaluates no CAA records)
        harness = new ProvisionerHarness(kafka, acme, directory, Map.of()).startResponder().startProvisioner();
        String host = AcmeServer.FORBIDDEN_HOST;
        String domain = host.substring(host.indexOf('.') + 1);

        // When
        harness.enable(domain, host);

        // Then FAILED straight after PENDING, with the CA's own problem type and detail
        await().atMost(ISSUANCE).until(() -> state(domain) == DomainState.FAILED);
        List<DomainStatus> statuses = harness.recorder.statuses(domain).stream().map(TopicRecorder.Seen::value)
                .toList();
        assertThat(statuses).extracting(DomainStatus::getState)
                .containsExactly(DomainState.PENDING, DomainState.FAILED);
        assertThat(statuses.get(1).getReason())
                .startsWith("CA error rejectedIdentifier: ")
                .contains("forbidden by policy")
                .contains(host)
                .doesNotContain("gave up after");

        // and one order was sent, none retried, no challenge published, no certificate
        assertThat(harness.ordersPlaced()).isEqualTo(1.0);
        assertThat(harness.counter("waymark_provisioner_outcomes", "outcome", "retry_scheduled")).isZero();
        assertThat(harness.counter("waymark_provisioner_outcomes", "outcome", "failed")).isEqualTo(1.0);
        assertThat(harness.responder().requests()).isEmpty();
        assertThat(harness.recorder.certificates(host)).isEmpty();
    }

    @Test
    void fiftyDomainsEnabledAtOnceAreAllIssued(KafkaCluster kafka, AcmeServer acme) throws Exception {
        // Given
        harness = new ProvisionerHarness(kafka, acme, directory, Map.of()).startResponder().startProvisioner();
        String run = unique("bulk");
        List<String> domains = java.util.stream.IntStream.range(0, 50).mapToObj(i -> run + "-" + i + ".com").toList();

        // When
        for (String domain : domains) {
            harness.enable(domain, "email." + domain);
        }

        // Then
        await().atMost(Duration.ofMinutes(3)).until(() -> domains.stream()
                .allMatch(d -> state(d) == DomainState.ISSUED));
        for (String domain : domains) {
            assertThat(harness.recorder.certificates("email." + domain)).hasSize(1);
        }
        assertThat(harness.ordersPlaced()).isEqualTo(50.0);
    }

    private DomainState state(String domain) {
        DomainStatus status = harness.recorder.latestStatus(domain);
        return status == null ? null : status.getState();
    }

    private long issuedCount(String domain) {
        return harness.recorder.statuses(domain).stream()
                .filter(s -> s.value() != null && s.value().getState() == DomainState.ISSUED).count();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
