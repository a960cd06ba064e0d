package io.waymark.renewer;

import static io.waymark.renewer.RenewerDriver.T0;
import static io.waymark.renewer.RenewerDriver.certificate;
import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.schemas.CertificateOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rate cap, soonest expiry first, and the spread of a day of onboarding. */
class RenewerRateTest {

    @TempDir
    Path stateDir;

    @Test
    void theRateCapHoldsAndTheSoonestExpiryGoesFirst() {
        try (RenewerDriver renewer = new RenewerDriver(stateDir, Map.of("renew.rate.capacity", "10",
                "renew.rate.period", "1m", "renew.jitter-percent", "0"))) {
            // Given 100 certificates issued over 100 minutes, all due by day 61, in shuffled order
            Map<String, Instant> notAfter = new HashMap<>();
            for (int i = 0; i < 100; i++) {
                int n = (i * 37) % 100;
                String host = "email.d" + n + ".example";
                renewer.issue(certificate(host, 1, T0.plus(Duration.ofMinutes(n)), Duration.ofDays(90)));
                notAfter.put(host, T0.plus(Duration.ofMinutes(n)).plus(Duration.ofDays(90)));
            }

            // When every one of them is due at once
            Instant start = T0.plus(Duration.ofDays(61));
            renewer.at(start);

            // Then one tick orders the bucket's 10, the soonest expiries first
            List<CertificateOrder> first = renewer.drainOrders();
            assertThat(first).hasSize(10);
            // and 30 seconds later the refill allows 5 more
            renewer.at(start.plusSeconds(30));
            List<CertificateOrder> second = renewer.drainOrders();
            assertThat(second).hasSize(5);
            // and never more than capacity per minute over the next ten minutes
            int total = first.size() + second.size();
            List<CertificateOrder> all = new ArrayList<>(first);
            all.addAll(second);
            for (int s = 31; s <= 630; s++) {
                renewer.at(start.plusSeconds(s));
                List<CertificateOrder> tick = renewer.drainOrders();
                all.addAll(tick);
                total += tick.size();
                assertThat(total).isLessThanOrEqualTo(10 + (int) Math.floor(s / 6.0));
            }
            assertThat(total).isEqualTo(100);
            List<Instant> expiries = all.stream().map(o -> notAfter.get(o.getTrackingHost())).toList();
            assertThat(expiries).isSorted();
            assertThat(renewer.metrics.registry().find("waymark_renewer_rate_limited").counter().count())
                    .isGreaterThan(0);
        }
    }

    @Test
    void tenThousandCertificatesIssuedInOneMinuteAreRenewedSpreadOut() {
        try (RenewerDriver renewer = new RenewerDriver(stateDir, Map.of("renew.rate.capacity", "100000",
                "renew.rate.period", "1m", "renew.jitter-percent", "10", "renew.order-timeout", "30d"))) {
            // Given 10,000 certificates issued in the same minute
            for (int i = 0; i < 10_000; i++) {
                renewer.issue(certificate("email.c" + i + ".example", 1, T0.plusMillis(i * 6L),
                        Duration.ofDays(90)));
            }

            // When the clock moves hour by hour through the renewal period (days 50 to 61)
            Map<Long, Integer> perHour = new TreeMap<>();
            Instant hour = T0.plus(Duration.ofDays(50));
            renewer.at(hour);
            assertThat(renewer.drainOrders()).isEmpty();
            while (hour.isBefore(T0.plus(Duration.ofDays(61)))) {
                hour = hour.plus(Duration.ofHours(1));
                renewer.at(hour);
                // first orders only: nobody answers them here, so retries follow
                int orders = (int) renewer.drainOrders().stream().filter(o -> o.getAttempt() == 1).count();
                if (orders > 0) {
                    perHour.put(Duration.between(T0, hour).toHours(), orders);
                }
            }

            // Then every certificate was ordered once, over about 9 days, no hour above twice the mean
            int total = perHour.values().stream().mapToInt(Integer::intValue).sum();
            assertThat(total).isEqualTo(10_000);
            long hours = perHour.keySet().stream().mapToLong(Long::longValue).max().orElseThrow()
                    - perHour.keySet().stream().mapToLong(Long::longValue).min().orElseThrow() + 1;
            assertThat(hours).isBetween(200L, 217L);
            double mean = total / (double) hours;
            System.out.printf("10,000 certificates: %d hours, mean %.1f, busiest hour %d%n", hours, mean,
                    perHour.values().stream().mapToInt(Integer::intValue).max().orElseThrow());
            assertThat(perHour.values()).allSatisfy(count -> assertThat(count).isLessThanOrEqualTo((int) (2 * mean)));
        }
    }
}
