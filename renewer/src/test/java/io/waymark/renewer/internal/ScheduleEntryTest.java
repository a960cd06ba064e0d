package io.waymark.renewer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.renewer.internal.ScheduleEntry.Guard;
import org.junit.jupiter.api.Test;

class ScheduleEntryTest {

    @Test
    void storedFormRoundTrips() {
        ScheduleEntry entry = new ScheduleEntry("03ab", "shop.example", "aki.serial", 7, 1_000, 9_000, 1_100, 5_000,
                6_000, 5_500, Long.MAX_VALUE, 3, 5_600, Guard.DEGRADED, true);
        assertThat(ScheduleEntry.fromBytes(entry.toBytes())).isEqualTo(entry);
        assertThat(entry.ordered(7_000)).satisfies(e -> {
            assertThat(e.attempt()).isEqualTo(4);
            assertThat(e.orderedAt()).isEqualTo(7_000);
            assertThat(e.queued()).isFalse();
        });
    }

    @Test
    void aForeignFormatIsRefused() {
        byte[] bytes = new ScheduleEntry("1", "a.com", "", 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, Guard.OK, false).toBytes();
        bytes[0] = 9;
        assertThatThrownBy(() -> ScheduleEntry.fromBytes(bytes)).hasMessageContaining("format 9");
        assertThatThrownBy(() -> ScheduleEntry.fromBytes(new byte[] {1, 0}))
                .hasMessageContaining("truncated");
    }
}
