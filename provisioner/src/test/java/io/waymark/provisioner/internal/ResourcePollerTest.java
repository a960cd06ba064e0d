package io.waymark.provisioner.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResourcePollerTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void intervalGrowsByHalfUpToOneSecond() {
        // Given / When / Then
        assertThat(ResourcePoller.nextInterval(Duration.ofMillis(50), Optional.empty(), NOW))
                .isEqualTo(Duration.ofMillis(75));
        assertThat(ResourcePoller.nextInterval(Duration.ofMillis(900), Optional.empty(), NOW))
                .isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void retryAfterLaterThanOurIntervalIsHonoured() {
        // Given the CA asks for 3 s
        Optional<Instant> retryAfter = Optional.of(NOW.plusSeconds(3));

        // When / Then
        assertThat(ResourcePoller.nextInterval(Duration.ofMillis(50), retryAfter, NOW)).isEqualTo(Duration.ofSeconds(3));
        // and one already past does not shorten our own interval
        assertThat(ResourcePoller.nextInterval(Duration.ofMillis(100), Optional.of(NOW.minusSeconds(1)), NOW))
                .isEqualTo(Duration.ofMillis(150));
    }
}
