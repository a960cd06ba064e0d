package io.waymark.renewer;

import static io.waymark.renewer.RenewerDriver.T0;
import static io.waymark.renewer.RenewerDriver.certificate;
import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.schemas.CertificateOrder;
import io.waymark.schemas.DomainState;
import io.waymark.schemas.DomainStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retries with backoff, then DEGRADED and EXPIRED when no certificate comes. */
class RenewerGuardTest {

    private static final String HOST = "email.shop.example";

    @TempDir
    Path stateDir;

    @Test
    void unansweredRenewalsAreOrderedAgainAfterOneTenAHundredMinutesThenDaily() {
        try (RenewerDriver renewer = new RenewerDriver(stateDir, Map.of("renew.jitter-percent", "0",
                "renew.order-timeout", "10m"))) {
            renewer.issue(certificate(HOST, 1, T0, Duration.ofDays(90)));
            Instant first = T0.plus(Duration.ofDays(60)).plusSeconds(1);
            renewer.at(first);
            assertThat(renewer.drainOrders()).extracting(CertificateOrder::getAttempt).containsExactly(1);

            // each retry comes at timeout + its delay after the previous order, not a second sooner
            Instant previous = first;
            int attempt = 2;
            for (Duration delay : List.of(Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofMinutes(100),
                    Duration.ofDays(1), Duration.ofDays(1))) {
                Instant next = previous.plus(Duration.ofMinutes(10)).plus(delay);
                renewer.at(next.minusSeconds(2));
                assertThat(renewer.drainOrders()).as("attempt %d early", attempt).isEmpty();
                renewer.at(next);
                List<CertificateOrder> orders = renewer.drainOrders();
                assertThat(orders).extracting(CertificateOrder::getAttempt).as("attempt %d", attempt)
                        .containsExactly(attempt);
                assertThat(orders.get(0).getReason()).contains("retry");
                previous = next;
                attempt++;
            }
            assertThat(renewer.metrics.count("orders", "kind", "retry")).isEqualTo(5.0);
        }
    }

    @Test
    void aCertificateWithoutRenewalGoesDegradedThenExpiredWithVersionsAboveTheCurrentOne() {
        try (RenewerDriver renewer = new RenewerDriver(stateDir, Map.of("renew.jitter-percent", "10"))) {
            // Given an issued domain at status version 7
            renewer.issue(certificate(HOST, 1, T0, Duration.ofDays(90)));
            renewer.status(HOST, DomainState.ISSUED, 7);
            long degradeAt = Math.max(T0.plus(Duration.ofDays(60)).toEpochMilli(),
                    renewer.entry(HOST).orElseThrow().entry().due() + Duration.ofMinutes(10).toMillis());

            // When a third of the lifetime is left and no renewal came
            renewer.at(Instant.ofEpochMilli(degradeAt).minusSeconds(2));
            assertThat(renewer.statusOut.readValuesToList()).isEmpty();
            renewer.at(Instant.ofEpochMilli(degradeAt).plusSeconds(1));

            // Then DEGRADED, version 8, keeping the host and the expiry, with a reason to act on
            List<DomainStatus> degraded = renewer.statusOut.readValuesToList();
            assertThat(degraded).hasSize(1);
            assertThat(degraded.get(0).getState()).isEqualTo(DomainState.DEGRADED);
            assertThat(degraded.get(0).getVersion()).isEqualTo(8L);
            assertThat(degraded.get(0).getTrackingHost()).isEqualTo(HOST);
            assertThat(degraded.get(0).getNotAfter()).isEqualTo(T0.plus(Duration.ofDays(90)));
            assertThat(degraded.get(0).getReason()).contains("less than a third", "./waymark cert renew " + HOST);
            assertThat(renewer.metrics.count("guard_transitions", "state", "degraded")).isEqualTo(1.0);

            // When notAfter passes
            renewer.at(T0.plus(Duration.ofDays(90)).minusSeconds(2));
            assertThat(renewer.statusOut.readValuesToList()).isEmpty();
            renewer.at(T0.plus(Duration.ofDays(90)).plusSeconds(1));

            // Then EXPIRED, version 9 (the DEGRADED record came back through the global store)
            List<DomainStatus> expired = renewer.statusOut.readValuesToList();
            assertThat(expired).extracting(DomainStatus::getState).containsExactly(DomainState.EXPIRED);
            assertThat(expired.get(0).getVersion()).isEqualTo(9L);
            assertThat(expired.get(0).getReason()).contains("expired", "http://");
            assertThat(renewer.metrics.count("guard_transitions", "state", "expired")).isEqualTo(1.0);

            // And renewals keep being ordered after expiry (daily), the guard does not fire again
            renewer.at(T0.plus(Duration.ofDays(93)));
            assertThat(renewer.drainOrders()).isNotEmpty();
            assertThat(renewer.statusOut.readValuesToList()).isEmpty();
        }
    }

    @Test
    void theGuardLeavesAStatusAloneThatBelongsToAnotherHostOrIsAlreadyDegraded() {
        try (RenewerDriver renewer = new RenewerDriver(stateDir, Map.of())) {
            renewer.issue(certificate(HOST, 1, T0, Duration.ofDays(90)));
            // the domain moved to another tracking host
            String domain = "shop.example";
            renewer.statusIn.pipeInput(domain, DomainStatus.newBuilder().setSendingDomain(domain)
                    .setTrackingHost("track.shop.example").setState(DomainState.ISSUED).setUpdatedAt(T0)
                    .setVersion(2).build(), T0);

            renewer.at(T0.plus(Duration.ofDays(95)));

            assertThat(renewer.statusOut.readValuesToList()).isEmpty();
            assertThat(renewer.metrics.count("guard_transitions", "state", "expired")).isEqualTo(1.0);
        }
    }
}
