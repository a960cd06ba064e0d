package io.waymark.renewer;

import static io.waymark.renewer.RenewerDriver.T0;
import static io.waymark.renewer.RenewerDriver.certificate;
import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.schemas.CertificateOrder;
import io.waymark.schemas.CertificateOrderKind;
import io.waymark.schemas.CertificateRecord;
import io.waymark.schemas.DomainState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Due times, disabled and deleted domains, new certificates, with the wall clock under control. */
class RenewerScheduleTest {

    @TempDir
    Path stateDir;

    @ParameterizedTest(name = "{0}: due between {1} and {2} after notBefore")
    @CsvSource({
        "P90D, P51D, P60D",      // classic today: 2/3, up to 10 % of the lifetime earlier
        "P45D, PT612H, P30D",    // tlsserver, classic from 2028: 2/3 = 30 d, jitter up to 4.5 d
        "PT160H, PT64H, PT80H"   // shortlived: 1/2 = 80 h, jitter up to 16 h
    })
    void theRenewalIsOrderedAtItsDueTimeAndNotBefore(Duration lifetime, Duration earliest, Duration latest) {
        try (RenewerDriver renewer = new RenewerDriver(stateDir, Map.of())) {
            // Given a certificate issued at T0
            CertificateRecord record = certificate("email.shop.example", 1, T0, lifetime);
            renewer.issue(record);
            Instant due = Instant.ofEpochMilli(renewer.entry("email.shop.example").orElseThrow().entry().due());
            assertThat(due).isBetween(T0.plus(earliest), T0.plus(latest));

            // When the clock reaches a second before the due time, nothing is ordered
            renewer.at(due.minusSeconds(1));
            assertThat(renewer.drainOrders()).isEmpty();

            // Then the next tick after it orders one RENEWAL naming the replaced certificate
            renewer.at(due.plusSeconds(1));
            List<CertificateOrder> orders = renewer.drainOrders();
            assertThat(orders).hasSize(1);
            CertificateOrder order = orders.get(0);
            assertThat(order.getKind()).isEqualTo(CertificateOrderKind.RENEWAL);
            assertThat(order.getTrackingHost()).isEqualTo("email.shop.example");
            assertThat(order.getSendingDomain()).isEqualTo("shop.example");
            assertThat(order.getReplacesCertId()).isEqualTo(record.getAriCertId());
            assertThat(order.getAttempt()).isEqualTo(1);
            assertThat(order.getRequestedAt()).isEqualTo(due.plusSeconds(1));
        }
    }

    @Test
    void aNewCertificateReplacesTheScheduleAndStopsTheRetries() {
        try (RenewerDriver renewer = new RenewerDriver(stateDir, Map.of("renew.jitter-percent", "0"))) {
            renewer.issue(certificate("email.shop.example", 1, T0, Duration.ofDays(90)));
            renewer.at(T0.plus(Duration.ofDays(60)).plusSeconds(1));
            assertThat(renewer.drainOrders()).hasSize(1);

            // When the provisioner publishes version 2 before the order timed out
            Instant renewed = renewer.now().plusSeconds(30);
            renewer.at(renewed);
            renewer.issue(certificate("email.shop.example", 2, renewed, Duration.ofDays(90)));

            // Then no retry comes, and the next renewal is two thirds into the new certificate
            renewer.at(renewed.plus(Duration.ofDays(5)));
            assertThat(renewer.drainOrders()).isEmpty();
            assertThat(renewer.entry("email.shop.example").orElseThrow().entry().due())
                    .isEqualTo(renewed.plus(Duration.ofDays(60)).toEpochMilli());

            // And a replayed older version changes nothing
            renewer.issue(certificate("email.shop.example", 1, T0, Duration.ofDays(90)));
            assertThat(renewer.entry("email.shop.example").orElseThrow().entry().version()).isEqualTo(2);
            assertThat(renewer.metrics.count("records", "outcome", "stale")).isEqualTo(1.0);
        }
    }

    @Test
    void aDisabledDomainIsNotRenewedUntilItIsEnabledAgain() {
        try (RenewerDriver renewer = new RenewerDriver(stateDir, Map.of("renew.jitter-percent", "0"))) {
            renewer.issue(certificate("email.shop.example", 1, T0, Duration.ofDays(90)));
            renewer.status("email.shop.example", DomainState.DISABLED, 3);

            renewer.at(T0.plus(Duration.ofDays(60)).plusSeconds(1));
            renewer.at(T0.plus(Duration.ofDays(61)));
            assertThat(renewer.drainOrders()).isEmpty();
            assertThat(renewer.metrics.count("skipped", "reason", "disabled")).isGreaterThanOrEqualTo(1.0);
            // the guard leaves a disabled domain alone: no DEGRADED
            assertThat(renewer.statusOut.readValuesToList()).isEmpty();

            // When HTTPS is enabled again, the renewal goes out within the hourly re-check
            renewer.status("email.shop.example", DomainState.ISSUED, 4);
            renewer.at(renewer.now().plus(Duration.ofMinutes(61)));
            assertThat(renewer.drainOrders()).extracting(CertificateOrder::getTrackingHost)
                    .containsExactly("email.shop.example");
        }
    }

    @Test
    void aDeletedHostIsForgotten() {
        try (RenewerDriver renewer = new RenewerDriver(stateDir, Map.of())) {
            renewer.issue(certificate("email.shop.example", 1, T0, Duration.ofDays(90)));
            renewer.issue(certificate("email.other.example", 1, T0, Duration.ofDays(90)));

            // When the provisioner tombstones one host
            renewer.certificates.pipeInput("email.shop.example", null, T0);

            // Then it is gone from the schedule and never ordered or guarded, the other one is
            assertThat(renewer.entry("email.shop.example")).isEmpty();
            renewer.at(T0.plus(Duration.ofDays(91)));
            assertThat(renewer.drainOrders()).extracting(CertificateOrder::getTrackingHost)
                    .containsOnly("email.other.example");
            assertThat(renewer.metrics.count("records", "outcome", "forgotten")).isEqualTo(1.0);
        }
    }
}
