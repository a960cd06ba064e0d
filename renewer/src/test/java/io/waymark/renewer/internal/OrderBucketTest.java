package io.waymark.renewer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OrderBucketTest {

    @Test
    void startsFullAndRefillsAtCapacityPerPeriod() {
        OrderBucket bucket = new OrderBucket(10, Duration.ofMinutes(1));
        int taken = 0;
        while (bucket.tryTake(0)) {
            taken++;
        }
        assertThat(taken).isEqualTo(10);
        // 30 s later: half the capacity is back
        assertThat(bucket.available(30_000)).isEqualTo(5);
        // never more than the capacity, however long it rested
        assertThat(bucket.available(3_600_000)).isEqualTo(10);
        // time going backwards does not mint tokens
        assertThat(bucket.available(0)).isEqualTo(10);
    }
}
