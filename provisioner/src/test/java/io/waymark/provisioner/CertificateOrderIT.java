package io.waymark.provisioner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waymark.embedded.AcmeServer;
import io.waymark.embedded.KafkaCluster;
import io.waymark.embedded.KafkaExtension;
import io.waymark.embedded.PebbleExtension;
import io.waymark.schemas.CertificateOrder;
import io.waymark.schemas.CertificateOrderKind;
import io.waymark.schemas.CertificateRecord;
import io.waymark.schemas.DomainEventType;
import io.waymark.schemas.DomainState;
import io.waymark.schemas.DomainStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith({KafkaExtension.class, PebbleExtension.class})
class CertificateOrderIT {

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
    void renewalAndReissueOrdersMakeNewVersionsAndStopOnceDisabled(KafkaCluster kafka, AcmeServer acme)
            throws Exception {
        // Given an issued host
        harness = new ProvisionerHarness(kafka, acme, directory, Map.of()).startResponder().startProvisioner();
        String domain = "renew-" + UUID.randomUUID().toString().substring(0, 8) + ".com";
        String host = "email." + domain;
        harness.enable(domain, host);
        await().atMost(Duration.ofSeconds(60)).until(() -> harness.recorder.certificates(host).size() == 1);
        CertificateRecord first = harness.recorder.certificates(host).get(0).value();

        // When the renewer orders a RENEWAL naming the certificate it replaces
        CertificateOrder renewal = order(CertificateOrderKind.RENEWAL, domain, host, first.getAriCertId());
        harness.order(renewal);

        // Then RENEWING, then a second version and ISSUED with its expiry
        // (the recorder reads each topic independently: wait until the status names the new expiry)
        await().atMost(Duration.ofSeconds(60)).until(() -> harness.recorder.certificates(host).size() == 2
                && state(domain) == DomainState.ISSUED
                && harness.recorder.certificates(host).get(1).value().getNotAfter()
                        .equals(harness.recorder.latestStatus(domain).getNotAfter()));
        CertificateRecord second = harness.recorder.certificates(host).get(1).value();
        assertThat(second.getVersion()).isEqualTo(2L);
        assertThat(second.getSerialHex()).isNotEqualTo(first.getSerialHex());
        assertThat(states(domain)).containsSubsequence(DomainState.ISSUED, DomainState.RENEWING, DomainState.ISSUED);
        assertThat(harness.recorder.latestStatus(domain).getNotAfter()).isEqualTo(second.getNotAfter());

        // When the same order arrives again (a replay), nothing is ordered
        harness.order(renewal);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                harness.counter("waymark_provisioner_outcomes", "outcome", "republished") == 1.0);
        assertThat(harness.recorder.certificates(host)).hasSize(2);

        // When a REISSUE is ordered, a third version follows
        harness.order(order(CertificateOrderKind.REISSUE, domain, host, null));
        await().atMost(Duration.ofSeconds(60)).until(() -> harness.recorder.certificates(host).size() == 3);
        assertThat(harness.recorder.certificates(host).get(2).value().getVersion()).isEqualTo(3L);

        // When HTTPS is disabled, a later RENEWAL is skipped
        harness.event(DomainEventType.DISABLE_HTTPS, domain, null);
        await().atMost(Duration.ofSeconds(30)).until(() -> state(domain) == DomainState.DISABLED);
        harness.order(order(CertificateOrderKind.RENEWAL, domain, host, null));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                harness.counter("waymark_provisioner_outcomes", "outcome", "skipped") == 1.0);
        assertThat(harness.recorder.certificates(host)).hasSize(3);
        assertThat(state(domain)).isEqualTo(DomainState.DISABLED);
        assertThat(harness.ordersPlaced()).isEqualTo(3.0);
    }

    @Test
    void failedValidationsAreCountedAndTheBucketStopsFurtherTriggers(KafkaCluster kafka, AcmeServer acme)
            throws Exception {
        // Given a budget of two failed validations per hour, and an edge that answers the CA wrongly
        harness = new ProvisionerHarness(kafka, acme, directory, Map.of(
                "limits.failed-validations.capacity", "2", "retry.max-attempts", "5")).startResponder()
                .startProvisioner();
        harness.responder().lieToTheCa();
        String domain = "invalid-" + UUID.randomUUID().toString().substring(0, 8) + ".com";

        // When
        harness.enable(domain, "email." + domain);

        // Then two orders fail validation at the CA, and the third is held back by the bucket, never sent
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            DomainStatus latest = harness.recorder.latestStatus(domain);
            return latest != null && latest.getReason() != null && latest.getReason().startsWith("deferred until");
        });
        assertThat(harness.counter("waymark_provisioner_deferred", "limit", "failed_validations")).isEqualTo(1.0);
        assertThat(harness.runtime().meterRegistry().find("waymark_provisioner_failed_validations").counter().count())
                .isEqualTo(2.0);
        assertThat(harness.ordersPlaced()).isEqualTo(2.0);
        DomainStatus status = harness.recorder.latestStatus(domain);
        assertThat(status.getState()).isEqualTo(DomainState.PENDING);
        assertThat(status.getReason()).contains("failed_validations budget is spent");
        List<String> reasons = harness.recorder.statuses(domain).stream().map(s -> s.value().getReason())
                .filter(r -> r != null && r.startsWith("attempt 1 failed")).toList();
        assertThat(reasons).singleElement().asString().contains("CA error unauthorized")
                .contains("not-the-account-thumbprint");
    }

    private static CertificateOrder order(CertificateOrderKind kind, String domain, String host, String replaces) {
        return CertificateOrder.newBuilder().setOrderId(UUID.randomUUID().toString()).setKind(kind)
                .setTrackingHost(host).setSendingDomain(domain).setRequestedAt(Instant.now())
                .setReason("provisioner IT").setReplacesCertId(replaces).build();
    }

    private DomainState state(String domain) {
        DomainStatus status = harness.recorder.latestStatus(domain);
        return status == null ? null : status.getState();
    }

    private List<DomainState> states(String domain) {
        return harness.recorder.statuses(domain).stream().map(s -> s.value().getState()).toList();
    }
}
