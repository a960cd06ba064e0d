package io.waymark.provisioner.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which offsets may be committed while records finish out of order. Per partition it holds the
 * offsets still being worked on; the committable offset is the lowest of them (or one past the
 * highest seen when none is open). A record whose outcome is not yet on Kafka therefore holds back
 * the commit of its partition, and after a crash it and everything after it are read again.
 * Thread-safe: workers finish records while the consumer thread asks what to commit.
 */
final class OffsetTracker {

    private static final class PartitionState {
        final TreeSet<Long> open = new TreeSet<>();
        long next = -1;
        long committed = -1;
    }

    private final Map<TopicPartition, PartitionState> partitions = new HashMap<>();

    synchronized void started(TopicPartition partition, long offset) {
        PartitionState state = partitions.computeIfAbsent(partition, p -> new PartitionState());
        state.open.add(offset);
        state.next = Math.max(state.next, offset + 1);
    }

    synchronized void finished(TopicPartition partition, long offset) {
        PartitionState state = partitions.get(partition);
        if (state != null) {
            state.open.remove(offset);
        }
    }

    /** Offsets to commit now: only partitions whose committable offset moved since the last call. */
    synchronized Map<TopicPartition, OffsetAndMetadata> committable() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        partitions.forEach((partition, state) -> {
            long offset = state.open.isEmpty() ? state.next : state.open.first();
            if (offset > state.committed) {
                offsets.put(partition, new OffsetAndMetadata(offset));
            }
        });
        return offsets;
    }

    /** Marks what {@link #committable()} returned as committed. */
    synchronized void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((partition, offset) -> {
            PartitionState state = partitions.get(partition);
            if (state != null) {
                state.committed = Math.max(state.committed, offset.offset());
            }
        });
    }

    /** Drops partitions this consumer no longer owns; late completions for them are ignored. */
    synchronized void forget(Collection<TopicPartition> revoked) {
        revoked.forEach(partitions::remove);
    }

    synchronized int open() {
        return partitions.values().stream().mapToInt(s -> s.open.size()).sum();
    }
}
