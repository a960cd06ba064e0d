package io.waymark.eventsink.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PartitionOffsetsTest {

    @Test
    void commitsOnlyTheCompletedPrefix() {
        // Given offsets 10, 11, 12 dispatched
        PartitionOffsets offsets = new PartitionOffsets();
        offsets.dispatched(10);
        offsets.dispatched(11);
        offsets.dispatched(12);

        // When 11 and 12 complete before 10
        offsets.completed(12);
        offsets.completed(11);

        // Then nothing is committable yet
        assertThat(offsets.toCommit()).isEmpty();
        assertThat(offsets.inFlight()).isEqualTo(1);

        // When 10 completes
        offsets.completed(10);

        // Then the next offset to read, 13, is committable
        assertThat(offsets.toCommit()).hasValue(13);
        assertThat(offsets.idle()).isTrue();
    }

    @Test
    void skipsGapsInOffsets() {
        // Given offsets with a gap (a transaction marker at 6)
        PartitionOffsets offsets = new PartitionOffsets();
        offsets.dispatched(5);
        offsets.dispatched(7);

        // When both complete
        offsets.completed(7);
        offsets.completed(5);

        // Then the position is past the last one
        assertThat(offsets.toCommit()).hasValue(8);
    }

    @Test
    void reportsAPositionOnceUntilItMovesAgain() {
        // Given a committed position
        PartitionOffsets offsets = new PartitionOffsets();
        offsets.dispatched(0);
        offsets.completed(0);
        offsets.markCommitted(1);

        // Then there is nothing new to commit
        assertThat(offsets.toCommit()).isEmpty();

        // When more completes
        offsets.dispatched(1);
        offsets.completed(1);

        // Then the new position shows
        assertThat(offsets.toCommit()).hasValue(2);
    }

    @Test
    void ignoresUnknownCompletionsAndRefusesOutOfOrderDispatch() {
        // Given one outstanding offset
        PartitionOffsets offsets = new PartitionOffsets();
        offsets.dispatched(3);

        // When a completion of an offset never dispatched arrives
        offsets.completed(99);

        // Then nothing moves
        assertThat(offsets.toCommit()).isEmpty();
        assertThatThrownBy(() -> offsets.dispatched(2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cancelIsVisible() {
        PartitionOffsets offsets = new PartitionOffsets();
        assertThat(offsets.cancelled()).isFalse();
        offsets.cancel();
        assertThat(offsets.cancelled()).isTrue();
    }
}
