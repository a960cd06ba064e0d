package io.waymark.provisioner.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void fullBucketAllowsItsCapacityThenRefusesUntilOneTokenRefills() {
        // Given 300 orders per 3 hours: one token every 36 seconds
        TokenBucket bucket = new TokenBucket(300, Duration.ofHours(3), clock);

        // When the burst is spent
        for (int i = 0; i < 300; i++) {
            assertThat(bucket.tryTake()).isTrue();
        }

        // Then the next order waits 36 s, and is allowed after them
        assertThat(bucket.tryTake()).isFalse();
        assertThat(bucket.waitForOne()).isEqualTo(Duration.ofSeconds(36));
        clock.advance(Duration.ofSeconds(35));
        assertThat(bucket.tryTake()).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(bucket.tryTake()).isTrue();
    }

    @Test
    void refillNeverExceedsCapacity() {
        // Given
        TokenBucket bucket = new TokenBucket(5, Duration.ofHours(1), clock);
        bucket.tryTake();

        // When a long time passes
        clock.advance(Duration.ofDays(3));

        // Then
        assertThat(bucket.level()).isEqualTo(5.0);
        assertThat(bucket.isFull()).isTrue();
    }

    @Test
    void givenBackTokenIsUsableAgain() {
        // Given
        TokenBucket bucket = new TokenBucket(1, Duration.ofDays(7), clock);
        assertThat(bucket.tryTake()).isTrue();

        // When
        bucket.giveBack();

        // Then
        assertThat(bucket.tryTake()).isTrue();
    }

    @Test
    void refusesNonsenseSizes() {
        assertThatThrownBy(() -> new TokenBucket(0, Duration.ofHours(1), clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("capacity");
        assertThatThrownBy(() -> new TokenBucket(1, Duration.ZERO, clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("period");
    }
}
