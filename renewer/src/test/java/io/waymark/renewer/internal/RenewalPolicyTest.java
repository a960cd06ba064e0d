package io.waymark.renewer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.renewer.internal.ScheduleEntry.Guard;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RenewalPolicyTest {

    private static final long T0 = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final long HOUR = Duration.ofHours(1).toMillis();

    private static RenewalPolicy policy(int jitterPercent, Optional<Duration> afterIssuance) {
        return new RenewalPolicy(jitterPercent, afterIssuance, Duration.ofMinutes(10),
                List.of(Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofMinutes(100)), Duration.ofDays(1),
                Duration.ofHours(12), Duration.ofHours(1));
    }

    @Test
    void withoutJitterRenewalIsDueAtTwoThirdsOrHalfForShortLifetimes() {
        RenewalPolicy exact = policy(0, Optional.empty());
        // 90 days (classic today), 45 days (tlsserver, classic from 2028), 64 days (classic 2027)
        assertThat(exact.due("email.a.com", "1", T0, T0 + 90 * DAY, T0, 0, 0)).isEqualTo(T0 + 60 * DAY);
        assertThat(exact.due("email.a.com", "1", T0, T0 + 45 * DAY, T0, 0, 0)).isEqualTo(T0 + 30 * DAY);
        assertThat(exact.due("email.a.com", "1", T0, T0 + 64 * DAY, T0, 0, 0)).isEqualTo(T0 + 64 * DAY / 3 * 2);
        // 160 hours (shortlived): under 10 days, half
        assertThat(exact.due("email.a.com", "1", T0, T0 + 160 * HOUR, T0, 0, 0)).isEqualTo(T0 + 80 * HOUR);
    }

    @Test
    void jitterMovesTheDueTimeEarlierByAtMostTheConfiguredShareOfTheLifetime() {
        RenewalPolicy jittered = policy(10, Optional.empty());
        for (int i = 0; i < 500; i++) {
            String host = "email.d" + i + ".com";
            assertThat(jittered.due(host, "1", T0, T0 + 90 * DAY, T0, 0, 0)).isBetween(T0 + 51 * DAY, T0 + 60 * DAY);
            assertThat(jittered.due(host, "1", T0, T0 + 160 * HOUR, T0, 0, 0)).isBetween(T0 + 64 * HOUR, T0 + 80 * HOUR);
        }
        // deterministic per host
        assertThat(jittered.due("email.x.com", "1", T0, T0 + 90 * DAY, T0, 0, 0))
                .isEqualTo(jittered.due("email.x.com", "2", T0, T0 + 90 * DAY, T0, 0, 0));
    }

    @Test
    void anAriWindowWinsAndTheDueTimeLiesInsideIt() {
        RenewalPolicy policy = policy(10, Optional.empty());
        long start = T0 + 40 * DAY;
        long end = T0 + 42 * DAY;
        for (int i = 0; i < 200; i++) {
            assertThat(policy.due("email.d" + i + ".com", "s" + i, T0, T0 + 90 * DAY, T0, start, end))
                    .isBetween(start, end);
        }
        // a window in the past (e.g. the CA revoked the certificate) makes it due at once
        assertThat(policy.due("email.r.com", "1", T0, T0 + 90 * DAY, T0, T0 + DAY, T0 + DAY)).isEqualTo(T0 + DAY);
    }

    @Test
    void nothingIsDueLaterThanANineteenthTwentiethOfTheLifetime() {
        RenewalPolicy policy = policy(0, Optional.empty());
        long late = policy.due("email.a.com", "1", T0, T0 + 90 * DAY, T0, T0 + 89 * DAY, T0 + 90 * DAY);
        assertThat(late).isEqualTo(T0 + 90 * DAY - 90 * DAY / 20);
        RenewalPolicy demo = policy(10, Optional.of(Duration.ofDays(200)));
        assertThat(demo.due("email.a.com", "1", T0, T0 + 90 * DAY, T0, 0, 0)).isEqualTo(T0 + 90 * DAY - 90 * DAY / 20);
    }

    @Test
    void afterIssuanceIsAFixedDelayFromIssuance() {
        RenewalPolicy demo = policy(10, Optional.of(Duration.ofSeconds(5)));
        assertThat(demo.due("email.a.com", "1", T0, T0 + 5 * 365 * DAY, T0 + 1000, 0, 0)).isEqualTo(T0 + 6000);
    }

    @Test
    void retriesBackOffOneTenAHundredMinutesThenDaily() {
        RenewalPolicy policy = policy(0, Optional.empty());
        ScheduleEntry first = entry(0, 0);
        assertThat(policy.orderAt(first)).isEqualTo(first.due());
        long minute = 60_000;
        long timeout = 10 * minute;
        assertThat(policy.orderAt(entry(1, T0))).isEqualTo(T0 + timeout + minute);
        assertThat(policy.orderAt(entry(2, T0))).isEqualTo(T0 + timeout + 10 * minute);
        assertThat(policy.orderAt(entry(3, T0))).isEqualTo(T0 + timeout + 100 * minute);
        assertThat(policy.orderAt(entry(4, T0))).isEqualTo(T0 + timeout + DAY);
        assertThat(policy.orderAt(entry(9, T0))).isEqualTo(T0 + timeout + DAY);
    }

    @Test
    void degradedWhenAThirdOfTheLifetimeIsLeftButNotBeforeTheFirstOrderHadItsTimeout() {
        RenewalPolicy policy = policy(0, Optional.empty());
        ScheduleEntry jittered = entry(0, 0);
        assertThat(policy.degradeAt(jittered)).isEqualTo(T0 + 60 * DAY);
        ScheduleEntry late = new ScheduleEntry("1", "a.com", "", 1, T0, T0 + 90 * DAY, T0, 0, 0, T0 + 60 * DAY,
                Long.MAX_VALUE, 0, 0, Guard.OK, false);
        assertThat(policy.degradeAt(late)).isEqualTo(T0 + 60 * DAY + 10 * 60_000);
    }

    @Test
    void ariRechecksHonourRetryAfterWithinTwiceADay() {
        RenewalPolicy policy = policy(0, Optional.empty());
        long now = T0;
        assertThat(policy.nextAriCheck(now, Optional.empty(), false)).isEqualTo(now + 12 * HOUR);
        assertThat(policy.nextAriCheck(now, Optional.of(Instant.ofEpochMilli(now + 3 * HOUR)), false))
                .isEqualTo(now + 3 * HOUR);
        assertThat(policy.nextAriCheck(now, Optional.of(Instant.ofEpochMilli(now + 30 * HOUR)), false))
                .isEqualTo(now + 12 * HOUR);
        assertThat(policy.nextAriCheck(now, Optional.of(Instant.ofEpochMilli(now + 1)), false))
                .isEqualTo(now + 60_000);
        // a failure waits the error retry, or longer when the CA asked for it
        assertThat(policy.nextAriCheck(now, Optional.empty(), true)).isEqualTo(now + HOUR);
        assertThat(policy.nextAriCheck(now, Optional.of(Instant.ofEpochMilli(now + 5 * HOUR)), true))
                .isEqualTo(now + 5 * HOUR);
    }

    private static ScheduleEntry entry(int attempt, long orderedAt) {
        return new ScheduleEntry("1", "a.com", "", 1, T0, T0 + 90 * DAY, T0, 0, 0, T0 + 55 * DAY, Long.MAX_VALUE,
                attempt, orderedAt, Guard.OK, false);
    }
}
