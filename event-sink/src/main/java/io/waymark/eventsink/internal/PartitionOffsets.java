package io.waymark.eventsink.internal;

import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The commit position of one assigned partition: records are dispatched in offset order and
 * complete in any order (writes run concurrently); the committable offset is one past the last
 * record of the longest completed prefix. Offsets need not be contiguous (compaction, transaction
 * markers): only dispatched offsets count. Used by the consumer thread only.
 *
 * <p>One instance lives as long as one assignment of the partition; after a revocation it is
 * {@link #cancel() cancelled}, so late completions and pending retries of the old assignment
 * are recognised and dropped.
 */
public final class PartitionOffsets {

    private final TreeMap<Long, Boolean> outstanding = new TreeMap<>();
    private long committable = -1;
    private long committed = -1;
    private volatile boolean cancelled;

    /** Records that {@code offset} was handed to a writer. Offsets must increase. */
    public void dispatched(long offset) {
        Map.Entry<Long, Boolean> last = outstanding.lastEntry();
        if ((last != null && last.getKey() >= offset) || offset < committable) {
            throw new IllegalArgumentException("offset " + offset + " dispatched out of order");
        }
        outstanding.put(offset, Boolean.FALSE);
    }

    /** Records that the write (or dead letter) of {@code offset} is durable. */
    public void completed(long offset) {
        if (outstanding.replace(offset, Boolean.TRUE) == null) {
            return; // not ours (already trimmed): ignore rather than move the position
        }
        Map.Entry<Long, Boolean> head;
        while ((head = outstanding.firstEntry()) != null && head.getValue()) {
            committable = head.getKey() + 1;
            outstanding.pollFirstEntry();
        }
    }

    /** The offset to commit (next to read) when it moved since the last {@link #markCommitted}. */
    public OptionalLong toCommit() {
        return committable > committed ? OptionalLong.of(committable) : OptionalLong.empty();
    }

    /** The commit of {@code offset} succeeded. */
    public void markCommitted(long offset) {
        committed = Math.max(committed, offset);
    }

    /** Records dispatched and not yet completed. */
    public int inFlight() {
        int n = 0;
        for (Boolean done : outstanding.values()) {
            if (!done) {
                n++;
            }
        }
        return n;
    }

    /** True when nothing dispatched is still outstanding. */
    public boolean idle() {
        return outstanding.isEmpty();
    }

    /** The partition was revoked: writes still running for it are to be dropped. */
    public void cancel() {
        cancelled = true;
    }

    /** Readable from any thread (retry scheduler, driver callbacks). */
    public boolean cancelled() {
        return cancelled;
    }
}
