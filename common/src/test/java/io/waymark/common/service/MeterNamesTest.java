package io.waymark.common.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MeterNamesTest {

    @Test
    void namesFollowTheConvention() {
        assertThat(MeterNames.forService("edge").name("clicks")).isEqualTo("waymark_edge_clicks");
        assertThat(MeterNames.forService("event-sink").name("rows_written")).isEqualTo("waymark_event_sink_rows_written");
        assertThat(MeterNames.forService("edge")).hasToString("waymark_edge_*");
    }

    @Test
    void refusesNamesPrometheusWouldMangle() {
        assertThatThrownBy(() -> MeterNames.forService("Edge")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MeterNames.forService("edge").name("tokens.rejected"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MeterNames.forService("edge").name("9lives"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
