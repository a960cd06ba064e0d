package io.waymark.eventsink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.common.config.Config;
import io.waymark.common.config.ConfigException;
import io.waymark.common.config.ConfigSource;
import io.waymark.eventsink.EventSinkConfig.Replication;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventSinkConfigTest {

    private static Config config(Map<String, String> env) {
        return new Config(ConfigSource.of(EventSinkConfig.DEFAULTS, Map.of(), env));
    }

    @Test
    void defaultsMakeAValidConfig() {
        EventSinkConfig config = EventSinkConfig.from(config(Map.of()));
        assertThat(config.topicPrefix()).isEqualTo("waymark.");
        assertThat(config.keyspace()).isEqualTo("waymark_events");
        assertThat(config.retention()).isEqualTo(Duration.ofDays(90));
        assertThat(config.maxInFlight()).isEqualTo(256);
        assertThat(config.replication().toCql()).isEqualTo("{'class': 'NetworkTopologyStrategy', 'datacenter1': 1}");
        assertThat(config.migrate()).isTrue();
    }

    @Test
    void environmentOverridesDefaults() {
        EventSinkConfig config = EventSinkConfig.from(config(Map.of(
                "WAYMARK_CASSANDRA_REPLICATION", "dc1:3, dc2:3",
                "WAYMARK_EVENT_SINK_MAX_IN_FLIGHT", "32",
                "WAYMARK_CASSANDRA_CONTACT_POINTS", "10.0.0.1:9042,10.0.0.2:9043",
                "WAYMARK_KAFKA_TOPIC_PREFIX", "")));
        assertThat(config.maxInFlight()).isEqualTo(32);
        assertThat(config.contactPoints()).hasSize(2);
        assertThat(config.topicPrefix()).isEmpty();
        assertThat(config.replication().toCql())
                .isEqualTo("{'class': 'NetworkTopologyStrategy', 'dc1': 3, 'dc2': 3}");
    }

    @Test
    void badValuesNameTheKey() {
        assertThatThrownBy(() -> EventSinkConfig.from(config(Map.of("WAYMARK_CASSANDRA_KEYSPACE", "drop table"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cassandra.keyspace")
                .hasMessageContaining("drop table");
        assertThatThrownBy(() -> EventSinkConfig.from(config(Map.of("WAYMARK_EVENT_SINK_RETENTION", "5m"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("event-sink.retention");
        assertThatThrownBy(() -> EventSinkConfig.from(config(Map.of("WAYMARK_CASSANDRA_REPLICATION", "dc1:0"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cassandra.replication");
        assertThatThrownBy(() -> EventSinkConfig.from(config(Map.of("WAYMARK_EVENT_SINK_RETRY_MAX_BACKOFF", "10ms"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("event-sink.retry.max-backoff");
        assertThatThrownBy(() -> EventSinkConfig.from(config(Map.of("WAYMARK_CASSANDRA_CONSISTENCY", "MOST"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cassandra.consistency");
    }

    @Test
    void simpleStrategyIsAccepted() {
        assertThat(Replication.parse("SimpleStrategy:3").toCql())
                .isEqualTo("{'class': 'SimpleStrategy', 'replication_factor': 3}");
        assertThatThrownBy(() -> Replication.parse("SimpleStrategy:3,dc1:3")).isInstanceOf(IllegalArgumentException.class);
    }
}
