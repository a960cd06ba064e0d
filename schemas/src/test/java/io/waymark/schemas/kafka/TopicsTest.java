package io.waymark.schemas.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.schemas.DomainEvent;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void namesEveryTopicOfTheContractUnderThePrefix() {
        // Given
        Topics topics = Topics.withPrefix("waymark.");

        // When / Then
        assertThat(topics.all()).extracting(Topic::name).containsExactly(
                "waymark.domain-events", "waymark.cert-orders", "waymark.acme-challenges", "waymark.certificates",
                "waymark.domain-status", "waymark.outbound", "waymark.outbound-tracked", "waymark.tracking-events",
                "waymark.dlq.provisioner", "waymark.dlq.renewer", "waymark.dlq.edge", "waymark.dlq.rewriter",
                "waymark.dlq.event-sink");
        assertThat(Topics.defaults().prefix()).isEqualTo(Topics.DEFAULT_PREFIX).isEqualTo("waymark.");
    }

    @Test
    void honoursAnotherPrefix() {
        // Given / When
        Topics topics = Topics.withPrefix("staging-eu.");

        // Then
        assertThat(topics.domainStatus().name()).isEqualTo("staging-eu.domain-status");
        assertThat(topics.domainStatus().logicalName()).isEqualTo("domain-status");
        assertThat(topics.dlq("edge").name()).isEqualTo("staging-eu.dlq.edge");
        assertThat(Topics.withPrefix("").outbound().name()).isEqualTo("outbound");
    }

    @Test
    void typesKeysAsStringsAndValuesByRecord() {
        // Given
        Topics topics = Topics.defaults();

        // When
        Topic<String, DomainEvent> events = topics.domainEvents();

        // Then
        assertThat(events.keySerde().serializer()).isInstanceOf(StringSerializer.class);
        assertThat(events.valueSerde()).isInstanceOf(WaymarkSerde.class);
        assertThat(((WaymarkSerde<?>) events.valueSerde()).type()).isEqualTo(DomainEvent.class);
        assertThat(topics.dlq("edge").valueSerde().serializer()).isInstanceOf(ByteArraySerializer.class);
        assertThat(topics.outboundTracked().valueSerde()).isSameAs(topics.outbound().valueSerde());
    }

    @Test
    void compactsTheStateTopicsAndDeletesTheStreams() {
        // Given
        Topics topics = Topics.defaults();

        // When / Then
        assertThat(topics.certificates().cleanupPolicy()).isEqualTo(CleanupPolicy.COMPACT);
        assertThat(topics.domainStatus().cleanupPolicy()).isEqualTo(CleanupPolicy.COMPACT);
        assertThat(topics.acmeChallenges().cleanupPolicy()).isEqualTo(CleanupPolicy.COMPACT_DELETE);
        assertThat(topics.outbound().cleanupPolicy()).isEqualTo(CleanupPolicy.DELETE);
        assertThat(topics.certificates().configs())
                .containsEntry("cleanup.policy", "compact")
                .containsEntry("retention.ms", "-1")
                .containsEntry("delete.retention.ms", "604800000")
                .containsEntry("min.compaction.lag.ms", "3600000");
        assertThat(topics.outbound().configs())
                .containsEntry("retention.ms", Long.toString(Duration.ofDays(7).toMillis()))
                .containsEntry("max.message.bytes", Integer.toString(32 * 1024 * 1024));
        assertThat(topics.trackingEvents().retention()).isEqualTo(Duration.ofDays(7));
        assertThat(topics.dlq("edge").retention()).isEqualTo(Duration.ofDays(14));
        assertThat(topics.outbound().partitions()).isEqualTo(topics.outboundTracked().partitions());
    }

    @Test
    void capsPartitionsForSmallClusters() {
        // Given / When
        Topics small = Topics.defaults().withMaxPartitions(2);

        // Then
        assertThat(small.all()).allSatisfy(t -> assertThat(t.partitions()).isLessThanOrEqualTo(2));
        assertThat(small.outbound().configs()).isEqualTo(Topics.defaults().outbound().configs());
    }

    @Test
    void findsTopicsByFullName() {
        // Given
        Topics topics = Topics.defaults();

        // When / Then
        assertThat(topics.byName("waymark.tracking-events")).contains(topics.trackingEvents());
        assertThat(topics.byName("waymark.dlq.billing")).hasValueSatisfying(
                t -> assertThat(t.logicalName()).isEqualTo("dlq.billing"));
        assertThat(topics.byName("other.tracking-events")).isEmpty();
        assertThat(topics.byName("waymark.dlq.Bad Name")).isEmpty();
    }

    @Test
    void refusesBadPrefixesServicesAndSettings() {
        // When / Then
        assertThatThrownBy(() -> Topics.withPrefix("way mark.")).hasMessageContaining("'way mark.'");
        assertThatThrownBy(() -> Topics.defaults().dlq("Edge/1")).hasMessageContaining("'Edge/1'");
        assertThatThrownBy(() -> Topics.defaults().withMaxPartitions(0)).hasMessageContaining("was 0");
        Topic<String, byte[]> dlq = Topics.defaults().dlq("edge");
        assertThatThrownBy(() -> dlq.withPartitions(0)).hasMessageContaining("partitions of waymark.dlq.edge");
        assertThatThrownBy(() -> new Topic<>("x", "x", dlq.keySerde(), dlq.valueSerde(), CleanupPolicy.DELETE, 1,
                Duration.ofDays(1), 1, Map.of("retention.ms", "1")))
                .hasMessageContaining("must not set retention.ms");
        assertThatThrownBy(() -> new Topic<>("x", "x", dlq.keySerde(), dlq.valueSerde(), CleanupPolicy.DELETE, 1,
                Duration.ofDays(-2), 1, Map.of()))
                .hasMessageContaining("retention of x");
    }
}
