package io.waymark.eventsink.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RowLayoutTest {

    private final RowLayout layout = new RowLayout(8, Duration.ofDays(90));

    @Test
    void anEarlierEventAlwaysHasAHigherFirstEventTimestamp() {
        // Given random pairs of events at different milliseconds
        Random random = new Random(1);
        for (int i = 0; i < 100_000; i++) {
            long a = random.nextLong(0, 1L << 42);
            long b = a + 1 + random.nextInt(1_000_000);
            String idA = UUID.randomUUID().toString();
            String idB = UUID.randomUUID().toString();

            // Then the earlier one wins, whatever the ids
            assertThat(RowLayout.earliestWinsTimestamp(Instant.ofEpochMilli(a), idA))
                    .isGreaterThan(RowLayout.earliestWinsTimestamp(Instant.ofEpochMilli(b), idB))
                    .isPositive();
        }
    }

    @Test
    void eventsOfTheSameMillisecondAreOrderedByTheirIdDeterministically() {
        // Given two events of the same millisecond
        Instant at = Instant.parse("2026-11-28T10:00:00.123Z");
        long first = RowLayout.earliestWinsTimestamp(at, "ev-a");
        long second = RowLayout.earliestWinsTimestamp(at, "ev-b");

        // Then the tie-break decides, the same way every time
        assertThat(first).isNotEqualTo(second);
        assertThat(RowLayout.earliestWinsTimestamp(at, "ev-a")).isEqualTo(first);
        assertThat(first - second).isEqualTo(RowLayout.tieBreak("ev-b") - RowLayout.tieBreak("ev-a"));
    }

    @Test
    void refusesTimesOutsideTheScheme() {
        assertThatThrownBy(() -> RowLayout.earliestWinsTimestamp(Instant.ofEpochMilli(-1), "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RowLayout.earliestWinsTimestamp(Instant.ofEpochMilli(1L << 46), "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bucketsAreStableAndSpread() {
        // Given many event ids
        Set<Integer> seen = new HashSet<>();
        int[] perBucket = new int[8];
        for (int i = 0; i < 8_000; i++) {
            int bucket = layout.eventBucket("event-" + i);
            perBucket[bucket]++;
            seen.add(bucket);
            assertThat(layout.eventBucket("event-" + i)).isEqualTo(bucket);
        }

        // Then every bucket is used, none grossly more than the others
        assertThat(seen).hasSize(8);
        for (int n : perBucket) {
            assertThat(n).isBetween(800, 1200);
        }
        assertThat(layout.recipientBucket("m", "r@example.org")).isEqualTo(layout.recipientBucket("m", "r@example.org"));
        assertThat(new RowLayout(1, Duration.ofDays(1)).eventBucket("anything")).isZero();
    }

    @Test
    void ttlRunsOutAtEventTimePlusRetentionWhenEverWritten() {
        // Given an event of ten days ago
        Instant now = Instant.parse("2026-11-28T00:00:00Z");
        Instant at = now.minus(Duration.ofDays(10));

        // Then its rows live 80 more days, and a replay a day later gets one day less
        assertThat(layout.ttlSeconds(at, now)).isEqualTo(Duration.ofDays(80).toSeconds());
        assertThat(layout.ttlSeconds(at, now.plus(Duration.ofDays(1)))).isEqualTo(Duration.ofDays(79).toSeconds());
        assertThat(layout.ttlSeconds(now.minus(Duration.ofDays(91)), now)).isNegative();
    }

    @Test
    void dayIsTheUtcDate() {
        assertThat(RowLayout.day(Instant.parse("2026-11-28T23:59:59.999Z"))).isEqualTo(LocalDate.of(2026, 11, 28));
        assertThat(RowLayout.day(Instant.parse("2026-11-29T00:00:00Z"))).isEqualTo(LocalDate.of(2026, 11, 29));
        assertThat(RowLayout.appendTimestamp(Instant.ofEpochMilli(1234))).isEqualTo(1_234_000L);
    }
}
