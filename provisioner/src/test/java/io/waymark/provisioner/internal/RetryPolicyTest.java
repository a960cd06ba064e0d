package io.waymark.provisioner.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {


    @Test
    void delaysAreOneTenAndHundredMinutesThenDaily() {
        // Given the defaults, jitter drawn exactly in the middle
        RetryPolicy policy = RetryPolicy.defaults(fixed(0.5));

        // When / Then
        assertThat(policy.delayAfter(1, Optional.empty())).contains(Duration.ofMinutes(1));
        assertThat(policy.delayAfter(2, Optional.empty())).contains(Duration.ofMinutes(10));
        assertThat(policy.delayAfter(3, Optional.empty())).contains(Duration.ofMinutes(100));
        assertThat(policy.delayAfter(4, Optional.empty())).contains(Duration.ofDays(1));
        assertThat(policy.delayAfter(7, Optional.empty())).contains(Duration.ofDays(1));
    }

    @Test
    void givesUpAfterMaxAttempts() {
        // Given
        RetryPolicy policy = new RetryPolicy(List.of(Duration.ofSeconds(1)), Duration.ofSeconds(2), 3, 0, fixed(0.5));

        // When / Then
        assertThat(policy.delayAfter(2, Optional.empty())).contains(Duration.ofSeconds(2));
        assertThat(policy.delayAfter(3, Optional.empty())).isEmpty();
    }

    @Test
    void jitterStaysWithinItsBandAndSpreadsDelays() {
        // Given 10 % jitter and real randomness
        RetryPolicy policy = new RetryPolicy(List.of(Duration.ofMinutes(10)), Duration.ofDays(1), 8, 0.1,
                new SplittableRandom(42));

        // When
        List<Duration> delays = java.util.stream.IntStream.range(0, 200)
                .mapToObj(i -> policy.delayAfter(1, Optional.empty()).orElseThrow()).toList();

        // Then
        assertThat(delays).allSatisfy(d -> assertThat(d).isBetween(Duration.ofMinutes(9), Duration.ofMinutes(11)));
        assertThat(delays.stream().distinct().count()).isGreaterThan(100);
    }

    @Test
    void retryAfterOfTheCaIsAFloor() {
        // Given
        RetryPolicy policy = RetryPolicy.defaults(fixed(0.5));

        // When / Then: the CA asks for 2 hours after the first failure, more than our 1 minute
        assertThat(policy.delayAfter(1, Optional.of(Duration.ofHours(2)))).contains(Duration.ofHours(2));
        // and a shorter Retry-After does not shorten our backoff
        assertThat(policy.delayAfter(2, Optional.of(Duration.ofSeconds(5)))).contains(Duration.ofMinutes(10));
    }

    private static RandomGenerator fixed(double value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }
}
