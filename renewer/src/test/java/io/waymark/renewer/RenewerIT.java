package io.waymark.renewer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.waymark.common.service.ServiceRuntime;
import io.waymark.embedded.AcmeServer;
import io.waymark.embedded.KafkaCluster;
import io.waymark.embedded.KafkaExtension;
import io.waymark.embedded.PebbleExtension;
import io.waymark.schemas.CertificateOrder;
import io.waymark.schemas.CertificateOrderKind;
import io.waymark.schemas.CertificateRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Real Kafka, real Pebble, the real provisioner: renewals and "renew now" end to end. */
@ExtendWith({KafkaExtension.class, PebbleExtension.class})
class RenewerIT {

    @TempDir
    Path directory;

    @Test
    void aDueCertificateIsRenewedEndToEndAndCertificatesShowsTheNewSerial(KafkaCluster kafka, AcmeServer acme)
            throws Exception {
        try (EndToEndStack stack = new EndToEndStack(kafka, acme, directory)) {
            // Given a renewer whose test policy makes a certificate due 3 s after issuance
            // (Pebble issues long-lived certificates), asking Pebble for ARI
            ServiceRuntime renewer = stack.startRenewer(Map.of("renew.after-issuance", "3s",
                    "renew.tick-interval", "500ms"));
            String domain = "renew-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
            String host = "email." + domain;

            // When the domain is enabled and the provisioner issues its first certificate
            stack.enable(domain, host);
            await().atMost(Duration.ofSeconds(60)).until(() -> !stack.certificates.values(host).isEmpty());
            CertificateRecord first = stack.certificates.values(host).get(0);

            // Then the renewer orders a RENEWAL replacing it, and a new serial is published
            await().atMost(Duration.ofSeconds(60)).until(() -> stack.certificates.values(host).size() >= 2);
            CertificateRecord second = stack.certificates.values(host).get(1);
            assertThat(second.getSerialHex()).isNotEqualTo(first.getSerialHex());
            assertThat(second.getVersion()).isEqualTo(first.getVersion() + 1);
            List<CertificateOrder> orders = stack.orders.values(host);
            assertThat(orders).isNotEmpty();
            assertThat(orders.get(0).getKind()).isEqualTo(CertificateOrderKind.RENEWAL);
            assertThat(orders.get(0).getReplacesCertId()).isEqualTo(first.getAriCertId());
            assertThat(orders.get(0).getRequestedAt()).isAfterOrEqualTo(first.getIssuedAt().plusSeconds(3));
            // Pebble's directory has no renewalInfo: acme4j was asked and the fraction schedule kept
            await().atMost(Duration.ofSeconds(30)).until(() -> count(renewer, "waymark_renewer_ari_lookups",
                    "result", "unsupported") >= 1);
            assertThat(count(renewer, "waymark_renewer_ari_lookups", "result", "failed")).isZero();
            assertThat(count(renewer, "waymark_renewer_orders", "kind", "first")).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void renewNowPublishesAReissueAndTheProvisionerIssuesANewSerial(KafkaCluster kafka, AcmeServer acme)
            throws Exception {
        try (EndToEndStack stack = new EndToEndStack(kafka, acme, directory)) {
            String domain = "now-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
            String host = "email." + domain;
            RenewNow renewNow = new RenewNow(Map.of("bootstrap.servers", kafka.bootstrapServers()), stack.topics);

            // Given a host without a certificate: the error names it
            assertThatThrownBy(() -> renewNow.reissue(host, Optional.empty()))
                    .isInstanceOf(RenewNow.RenewNowException.class).hasMessageContaining(host);

            // Given an issued certificate (no renewer running: nothing else orders)
            stack.enable(domain, host);
            await().atMost(Duration.ofSeconds(60)).until(() -> !stack.certificates.values(host).isEmpty());
            CertificateRecord first = stack.certificates.values(host).get(0);

            // When the operator renews now
            String orderId = renewNow.reissue(host, Optional.empty());

            // Then a REISSUE with the domain looked up from certificates, and a new serial
            await().atMost(Duration.ofSeconds(30)).until(() -> !stack.orders.values(host).isEmpty());
            CertificateOrder order = stack.orders.values(host).get(0);
            assertThat(order.getOrderId()).isEqualTo(orderId);
            assertThat(order.getKind()).isEqualTo(CertificateOrderKind.REISSUE);
            assertThat(order.getSendingDomain()).isEqualTo(domain);
            assertThat(order.getReplacesCertId()).isEqualTo(first.getAriCertId());
            await().atMost(Duration.ofSeconds(60)).until(() -> stack.certificates.values(host).size() == 2);
            assertThat(stack.certificates.values(host).get(1).getSerialHex()).isNotEqualTo(first.getSerialHex());
        }
    }

    static double count(ServiceRuntime runtime, String name, String tag, String value) {
        var counter = runtime.meterRegistry().find(name).tag(tag, value).counter();
        return counter == null ? 0 : counter.count();
    }
}
