package io.waymark.renewer;

import static io.waymark.renewer.RenewerDriver.T0;
import static io.waymark.renewer.RenewerDriver.certificate;
import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.schemas.CertificateOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ARI path with a scripted window source (Pebble 2.4.0 has no renewalInfo). */
class RenewerAriTest {

    private static final String HOST = "email.shop.example";

    @TempDir
    Path stateDir;

    /** Answers with a scripted function of the lookup number and remembers each lookup. */
    private static final class ScriptedWindows implements RenewalWindowSource {
        final List<String> lookups = new CopyOnWriteArrayList<>();
        private final Function<Integer, Object> script;

        ScriptedWindows(Function<Integer, Object> script) {
            this.script = script;
        }

        @Override
        public Optional<RenewalWindow> lookup(String certId) throws RenewalWindowException {
            lookups.add(certId);
            Object answer = script.apply(lookups.size());
            if (answer instanceof RenewalWindowException e) {
                throw e;
            }
            @SuppressWarnings("unchecked")
            Optional<RenewalWindow> window = (Optional<RenewalWindow>) answer;
            return window;
        }
    }

    private static Map<String, String> ari() {
        return Map.of("acme.directory", "https://ca.test/dir", "renew.ari.recheck", "12h",
                "renew.ari.error-retry", "1h");
    }

    @Test
    void theRenewalIsOrderedInsideTheCasWindowEvenWhenItIsEarlierThanTwoThirds() {
        Instant start = T0.plus(Duration.ofDays(30));
        Instant end = T0.plus(Duration.ofDays(31));
        ScriptedWindows ca = new ScriptedWindows(n -> Optional.of(new RenewalWindow(start, end, Optional.empty())));
        try (RenewerDriver renewer = new RenewerDriver(stateDir, ari(), ca)) {
            // Given a certificate with an ARI CertID; the first tick asks the CA
            renewer.issue(certificate(HOST, 1, T0, Duration.ofDays(90)));
            renewer.at(T0.plusSeconds(2));
            assertThat(ca.lookups).containsExactly("aki." + HOST + ".1");
            long due = renewer.entry(HOST).orElseThrow().entry().due();
            assertThat(Instant.ofEpochMilli(due)).isBetween(start, end);

            // Then nothing before the window, while the CA is asked again at least twice a day
            for (Instant t = T0.plus(Duration.ofHours(6)); t.isBefore(start); t = t.plus(Duration.ofHours(6))) {
                renewer.at(t);
            }
            renewer.at(start.minusSeconds(1));
            assertThat(renewer.drainOrders()).isEmpty();
            assertThat(ca.lookups.size()).isGreaterThanOrEqualTo(2 * 29);
            // and the order goes out at the chosen time inside the window
            renewer.at(Instant.ofEpochMilli(due).plusSeconds(1));
            List<CertificateOrder> orders = renewer.drainOrders();
            assertThat(orders).hasSize(1);
            assertThat(orders.get(0).getReason()).contains("ARI window");
        }
    }

    @Test
    void retryAfterIsHonouredAndAFailureKeepsTheFractionSchedule() {
        Instant retryAt = T0.plus(Duration.ofHours(3));
        ScriptedWindows ca = new ScriptedWindows(n -> n == 1
                ? new RenewalWindowException("503", Optional.of(retryAt), null)
                : Optional.of(new RenewalWindow(T0.plus(Duration.ofDays(59)), T0.plus(Duration.ofDays(60)),
                        Optional.of(T0.plus(Duration.ofHours(9))))));
        try (RenewerDriver renewer = new RenewerDriver(stateDir, ari(), ca)) {
            renewer.issue(certificate(HOST, 1, T0, Duration.ofDays(90)));
            long fractionDue = renewer.entry(HOST).orElseThrow().entry().due();
            renewer.at(T0.plusSeconds(2));
            assertThat(ca.lookups).hasSize(1);
            assertThat(renewer.entry(HOST).orElseThrow().entry().due()).isEqualTo(fractionDue);
            assertThat(renewer.metrics.count("ari_lookups", "result", "failed")).isEqualTo(1.0);

            // not asked again before the CA's Retry-After
            renewer.at(retryAt.minusSeconds(2));
            assertThat(ca.lookups).hasSize(1);
            renewer.at(retryAt.plusSeconds(1));
            assertThat(ca.lookups).hasSize(2);
            assertThat(renewer.entry(HOST).orElseThrow().entry().hasWindow()).isTrue();

            // the window's answer said Retry-After 9 h: the next look is then, not at 12 h
            renewer.at(T0.plus(Duration.ofHours(9)).minusSeconds(2));
            assertThat(ca.lookups).hasSize(2);
            renewer.at(T0.plus(Duration.ofHours(9)).plusSeconds(1));
            assertThat(ca.lookups).hasSize(3);
        }
    }

    @Test
    void aCaWithoutRenewalInfoIsAskedOnceAndTheFractionScheduleStays() {
        ScriptedWindows ca = new ScriptedWindows(n -> Optional.empty());
        try (RenewerDriver renewer = new RenewerDriver(stateDir, ari(), ca)) {
            renewer.issue(certificate(HOST, 1, T0, Duration.ofDays(90)));
            long fractionDue = renewer.entry(HOST).orElseThrow().entry().due();
            renewer.at(T0.plusSeconds(2));
            renewer.at(T0.plus(Duration.ofDays(3)));
            assertThat(ca.lookups).hasSize(1);
            assertThat(renewer.entry(HOST).orElseThrow().entry().due()).isEqualTo(fractionDue);
            assertThat(renewer.metrics.count("ari_lookups", "result", "unsupported")).isEqualTo(1.0);
        }
    }
}
