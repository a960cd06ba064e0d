package io.waymark.provisioner.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {

    private static final TopicPartition P0 = new TopicPartition("events", 0);

    @Test
    void unfinishedRecordHoldsBackTheCommitOfLaterFinishedOnes() {
        // Given three records, the first still being worked on
        OffsetTracker tracker = new OffsetTracker();
        tracker.started(P0, 10);
        tracker.started(P0, 11);
        tracker.started(P0, 12);
        tracker.finished(P0, 11);
        tracker.finished(P0, 12);

        // When / Then only offset 10 may be committed (it will be read again)
        assertThat(tracker.committable()).isEqualTo(Map.of(P0, new OffsetAndMetadata(10)));

        // When the first one finishes, everything is committable
        tracker.committed(tracker.committable());
        tracker.finished(P0, 10);
        assertThat(tracker.committable()).isEqualTo(Map.of(P0, new OffsetAndMetadata(13)));
    }

    @Test
    void nothingNewToCommitAfterCommitting() {
        // Given
        OffsetTracker tracker = new OffsetTracker();
        tracker.started(P0, 0);
        tracker.finished(P0, 0);
        tracker.committed(tracker.committable());

        // When / Then
        assertThat(tracker.committable()).isEmpty();
        assertThat(tracker.open()).isZero();
    }

    @Test
    void revokedPartitionsAreForgotten() {
        // Given
        OffsetTracker tracker = new OffsetTracker();
        tracker.started(P0, 5);

        // When
        tracker.forget(List.of(P0));
        tracker.finished(P0, 5);

        // Then
        assertThat(tracker.committable()).isEmpty();
    }
}
