package io.waymark.renewer.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The three persistent stores of the schedule and the invariant between them:
 *
 * <ul>
 *   <li>{@code schedule}: host → wake time (8 bytes) + {@link ScheduleEntry};</li>
 *   <li>{@code wake}: big-endian wake time + host → nothing, one key per entry, so a punctuation
 *   finds what needs attention with one range scan from 0 to now;</li>
 *   <li>{@code ready}: big-endian notAfter + host → nothing, the hosts that are due but wait
 *   for a token, soonest expiry first.</li>
 * </ul>
 *
 * All three are RocksDB stores with changelogs; nothing here caches entries on the heap.
 */
public final class ScheduleStores {

    /** Store names (changelog topics are named after them). */
    public static final String SCHEDULE = "renewer-schedule";
    public static final String WAKE = "renewer-wake-index";
    public static final String READY = "renewer-ready-index";

    private static final byte[] NOTHING = new byte[0];

    private final KeyValueStore<String, byte[]> schedule;
    private final KeyValueStore<Bytes, byte[]> wake;
    private final KeyValueStore<Bytes, byte[]> ready;

    public ScheduleStores(KeyValueStore<String, byte[]> schedule, KeyValueStore<Bytes, byte[]> wake,
                          KeyValueStore<Bytes, byte[]> ready) {
        this.schedule = schedule;
        this.wake = wake;
        this.ready = ready;
    }

    /** An entry with the wake time it is indexed under. */
    public record Stored(ScheduleEntry entry, long wakeAt) {
    }

    public Optional<Stored> get(String host) {
        byte[] raw = schedule.get(host);
        if (raw == null) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(raw);
        long wakeAt = buffer.getLong();
        byte[] entry = new byte[raw.length - Long.BYTES];
        buffer.get(entry);
        return Optional.of(new Stored(ScheduleEntry.fromBytes(entry), wakeAt));
    }

    /** Writes {@code entry} for {@code host}, moving its index keys from what {@code before} had. */
    public void put(String host, Optional<Stored> before, ScheduleEntry entry, long wakeAt) {
        before.ifPresent(old -> unindex(host, old, entry, wakeAt));
        if (before.map(old -> old.wakeAt() != wakeAt).orElse(true) && wakeAt != Long.MAX_VALUE) {
            wake.put(indexKey(wakeAt, host), NOTHING);
        }
        if (entry.queued() && before.map(old -> !old.entry().queued()
                || old.entry().notAfter() != entry.notAfter()).orElse(true)) {
            ready.put(indexKey(entry.notAfter(), host), NOTHING);
        }
        byte[] bytes = entry.toBytes();
        schedule.put(host, ByteBuffer.allocate(Long.BYTES + bytes.length).putLong(wakeAt).put(bytes).array());
    }

    /** Forgets {@code host} and its index keys. */
    public void remove(String host) {
        get(host).ifPresent(old -> {
            wake.delete(indexKey(old.wakeAt(), host));
            if (old.entry().queued()) {
                ready.delete(indexKey(old.entry().notAfter(), host));
            }
            schedule.delete(host);
        });
    }

    /** An index key: a time (wake time or notAfter) and a host. */
    public record IndexKey(long at, String host) {
    }

    /**
     * Up to {@code max} index keys with a wake time in {@code [from, now]}, earliest first. The
     * caller passes as {@code from} the point its previous scan finished: the keys below it are
     * RocksDB tombstones of entries that moved on, and seeking past them keeps an idle tick cheap.
     */
    public List<IndexKey> wokenBy(long from, long now, int max) {
        List<IndexKey> woken = new ArrayList<>();
        Bytes lower = Bytes.wrap(ByteBuffer.allocate(Long.BYTES).putLong(Math.max(0, from)).array());
        Bytes upper = Bytes.wrap(ByteBuffer.allocate(Long.BYTES).putLong(now + 1).array());
        try (KeyValueIterator<Bytes, byte[]> it = wake.range(lower, upper)) {
            while (it.hasNext() && woken.size() < max) {
                Bytes key = it.next().key;
                woken.add(new IndexKey(ByteBuffer.wrap(key.get()).getLong(), host(key)));
            }
        }
        return woken;
    }

    /** Up to {@code max} ready-index keys, soonest expiry first (one iterator). */
    public List<IndexKey> ready(int max) {
        List<IndexKey> keys = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = ready.all()) {
            while (it.hasNext() && keys.size() < max) {
                Bytes key = it.next().key;
                keys.add(new IndexKey(ByteBuffer.wrap(key.get()).getLong(), host(key)));
            }
        }
        return keys;
    }

    /** Deletes a ready key left behind by an entry that was replaced or forgotten. */
    public void dropReady(IndexKey key) {
        ready.delete(indexKey(key.at(), key.host()));
    }

    /** Rough entry counts (RocksDB estimates): scheduled hosts, hosts waiting for a token. */
    public long approximateScheduled() {
        return schedule.approximateNumEntries();
    }

    public long approximateReady() {
        return ready.approximateNumEntries();
    }

    private void unindex(String host, Stored old, ScheduleEntry entry, long wakeAt) {
        if (old.wakeAt() != wakeAt) {
            wake.delete(indexKey(old.wakeAt(), host));
        }
        if (old.entry().queued() && (!entry.queued() || old.entry().notAfter() != entry.notAfter())) {
            ready.delete(indexKey(old.entry().notAfter(), host));
        }
    }

    static Bytes indexKey(long time, String host) {
        byte[] name = host.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(Long.BYTES + name.length).putLong(time).put(name).array());
    }

    static String host(Bytes key) {
        byte[] raw = key.get();
        return new String(raw, Long.BYTES, raw.length - Long.BYTES, StandardCharsets.UTF_8);
    }
}
