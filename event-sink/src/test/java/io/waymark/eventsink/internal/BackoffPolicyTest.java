package io.waymark.eventsink.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffPolicyTest {

    @Test
    void doublesFromTheInitialDelayUpToTheCap() {
        // Given a policy whose jitter always picks the top of the range
        BackoffPolicy policy = new BackoffPolicy(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0.999999999);

        // Then delays grow 100, 200, 400, 800 ms and stay at the 1 s cap
        assertThat(policy.delay(1)).isBetween(Duration.ofMillis(99), Duration.ofMillis(100));
        assertThat(policy.delay(2)).isBetween(Duration.ofMillis(199), Duration.ofMillis(200));
        assertThat(policy.delay(4)).isBetween(Duration.ofMillis(799), Duration.ofMillis(800));
        assertThat(policy.delay(5)).isBetween(Duration.ofMillis(999), Duration.ofSeconds(1));
        assertThat(policy.delay(1_000_000)).isBetween(Duration.ofMillis(999), Duration.ofSeconds(1));
    }

    @Test
    void jitterKeepsAtLeastHalfTheBase() {
        // Given a policy whose jitter always picks the bottom of the range
        BackoffPolicy policy = new BackoffPolicy(Duration.ofMillis(100), Duration.ofSeconds(10), () -> 0.0);

        // Then each delay is half its base
        assertThat(policy.delay(1)).isEqualTo(Duration.ofMillis(50));
        assertThat(policy.delay(3)).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new BackoffPolicy(Duration.ZERO, Duration.ofSeconds(1), () -> 0.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BackoffPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), () -> 0.5))
                .isInstanceOf(IllegalArgumentException.class);
        BackoffPolicy policy = new BackoffPolicy(Duration.ofMillis(1), Duration.ofMillis(2), () -> 0.5);
        assertThatThrownBy(() -> policy.delay(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
