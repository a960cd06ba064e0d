package io.waymark.edge.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * The on-disk format of the event spool: append-only segment files named by the sequence number
 * of their first record ({@code 00000000000000000042.seg}), each record
 * {@code int length | int CRC-32C | long sequence | payload}, the CRC over sequence and payload.
 * A {@code cursor} file holds the first sequence not yet acknowledged by Kafka; segments wholly
 * below it are deleted. Opening recovers after a crash: the tail of the last segment is cut at
 * the first record that is short or fails its CRC (a torn write); a bad record in an older
 * segment loses the rest of that segment, counted and logged.
 *
 * <p>Threads: one appender calls {@link #append} and {@link #force}; one reader calls
 * {@link #readNext}, {@link #rewind} and {@link #commit}. {@link #appended()} is the hand-off.
 */
public final class SpoolLog implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(SpoolLog.class);
    private static final int HEADER = 4 + 4 + 8;
    private static final String SUFFIX = ".seg";

    /** One record read back: its sequence number and payload. */
    public record Entry(long sequence, byte[] payload) { }

    /**
     * A point in the log just after an appended record: the segment it is in, the byte offset
     * after it, and the sequence number of the next record. The appender hands it to the reader
     * with records it already holds in memory, so the reader can move past them
     * ({@link #skipTo}) without reading them back.
     */
    public record Position(long segment, long offset, long nextSequence) { }

    private final Path directory;
    private final long segmentBytes;
    private final long quotaBytes;
    private final ConcurrentSkipListMap<Long, Path> segments = new ConcurrentSkipListMap<>();
    private final AtomicLong totalBytes = new AtomicLong();
    private volatile long appendedUpTo;          // highest sequence fully written, -1 for none
    private long corrupt;

    // appender state
    private final ByteBuffer writeBuffer = ByteBuffer.allocate(64 << 10); // reused by every append
    private final CRC32C appendCrc = new CRC32C();
    private FileChannel writer;
    private long writerBase;
    private long writerSize;
    private long nextAppend;

    // reader state
    private long readSegment = -1;
    private FileChannel reader;
    private long readPosition;
    // Read-ahead of the reader segment: one positional read per ~64 KiB instead of two reads and
    // an fstat per record. Refilled from the wanted record whenever it is not wholly inside, so a
    // record appended after the last fill is seen on the next call.
    private static final int READ_AHEAD = 64 << 10;
    private ByteBuffer readAhead = ByteBuffer.allocate(READ_AHEAD);
    private long readAheadStart = -1;
    private int readAheadLength;
    private long nextRead;
    private long committed;
    // Where to start in a segment the reader opens next, after skipTo; -1: from its start.
    private long seekSegment = -1;
    private long seekOffset;

    private SpoolLog(Path directory, long segmentBytes, long quotaBytes) {
        this.directory = directory;
        this.segmentBytes = segmentBytes;
        this.quotaBytes = quotaBytes;
    }

    /** Opens (creating) the spool in {@code directory} and recovers what a crash left. */
    public static SpoolLog open(Path directory, long segmentBytes, long quotaBytes) throws IOException {
        Files.createDirectories(directory);
        SpoolLog log = new SpoolLog(directory, segmentBytes, quotaBytes);
        log.recover();
        return log;
    }

    private void recover() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            files.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).forEach(p -> {
                String name = p.getFileName().toString();
                segments.put(Long.parseLong(name.substring(0, name.length() - SUFFIX.length())), p);
            });
        }
        committed = readCursor();
        long last = -1;
        for (Map.Entry<Long, Path> segment : segments.entrySet()) {
            boolean isLast = segment.getKey().equals(segments.lastKey());
            long[] scan = scan(segment.getValue(), isLast);
            if (scan[0] >= 0) {
                last = scan[0];
            }
            totalBytes.addAndGet(scan[1]);
        }
        nextAppend = Math.max(last + 1, Math.max(committed, segments.isEmpty() ? 0 : segments.lastKey()));
        appendedUpTo = nextAppend - 1;
        nextRead = committed;
        deleteBelow(committed);
        openWriter(segments.isEmpty() ? nextAppend : segments.lastKey());
        if (last >= committed) {
            LOGGER.atInfo().addKeyValue("pending", last - committed + 1).addKeyValue("dir", directory)
                    .log("spool holds events not yet on Kafka; replaying");
        }
    }

    /** Scans one segment: returns {last valid sequence or -1, valid length}; cuts a torn tail. */
    private long[] scan(Path path, boolean isLast) throws IOException {
        long last = -1;
        long position = 0;
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            while (true) {
                Entry entry = read(channel, position, size);
                if (entry == null) {
                    break;
                }
                last = entry.sequence();
                position += HEADER + entry.payload().length;
            }
            if (position < size) {
                if (isLast) {
                    LOGGER.atWarn().addKeyValue("segment", path.getFileName()).addKeyValue("cutBytes", size - position)
                            .log("cutting a torn write at the end of the spool");
                    channel.truncate(position);
                    channel.force(true);
                } else {
                    corrupt++;
                    LOGGER.atError().addKeyValue("segment", path.getFileName()).addKeyValue("lostBytes", size - position)
                            .log("corrupt record inside a spool segment; the rest of the segment is lost");
                }
            }
        }
        return new long[] {last, position};
    }

    /** Reads the record at {@code position}, or null when short or failing its CRC. */
    private static Entry read(FileChannel channel, long position, long size) throws IOException {
        if (position + HEADER > size) {
            return null;
        }
        ByteBuffer header = ByteBuffer.allocate(8);
        readFully(channel, header, position);
        int length = header.getInt(0);
        int crc = header.getInt(4);
        if (length < 8 || position + 8 + length > size) {
            return null;
        }
        ByteBuffer body = ByteBuffer.allocate(length);
        readFully(channel, body, position + 8);
        CRC32C check = new CRC32C();
        check.update(body.array(), 0, length);
        if ((int) check.getValue() != crc) {
            return null;
        }
        long sequence = body.getLong(0);
        byte[] payload = new byte[length - 8];
        System.arraycopy(body.array(), 8, payload, 0, payload.length);
        return new Entry(sequence, payload);
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("unexpected end of segment");
            }
        }
        buffer.flip();
    }

    private void openWriter(long base) throws IOException {
        Path path = directory.resolve(String.format("%020d%s", base, SUFFIX));
        segments.putIfAbsent(base, path);
        writerBase = base;
        writer = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        writerSize = writer.size();
        writer.position(writerSize);
    }

    /** Appends one record (appender thread); false when the disk quota would be exceeded. */
    public boolean append(byte[] payload) throws IOException {
        return append(java.util.List.of(payload)) == 1;
    }

    /**
     * Appends records in order with as few writes as possible (appender thread); returns how
     * many were taken: the first ones up to the disk quota.
     */
    public int append(java.util.List<byte[]> payloads) throws IOException {
        ByteBuffer pending = writeBuffer.clear();
        int taken = 0;
        for (byte[] payload : payloads) {
            int length = 8 + payload.length;
            long recordBytes = 8L + length;
            if (totalBytes.get() + pending.position() + recordBytes > quotaBytes) {
                break;
            }
            if (writerSize + pending.position() > 0 && writerSize + pending.position() + recordBytes > segmentBytes) {
                pending = flush(pending);
                writer.force(false);
                writer.close();
                openWriter(nextAppend);
            }
            if (pending.remaining() < recordBytes) {
                pending = flush(pending);
                if (pending.capacity() < recordBytes) {
                    pending = ByteBuffer.allocate((int) recordBytes); // one oversized record; not kept
                }
            }
            int start = pending.position();
            pending.putInt(length).putInt(0).putLong(nextAppend).put(payload);
            appendCrc.reset();
            appendCrc.update(pending.array(), start + 8, length);
            pending.putInt(start + 4, (int) appendCrc.getValue());
            nextAppend++;
            taken++;
        }
        flush(pending);
        return taken;
    }

    /** Writes what {@code pending} holds, then publishes it to the reader; returns it cleared. */
    private ByteBuffer flush(ByteBuffer pending) throws IOException {
        int bytes = pending.position();
        if (bytes == 0) {
            return pending;
        }
        pending.flip();
        while (pending.hasRemaining()) {
            writer.write(pending);
        }
        writerSize += bytes;
        totalBytes.addAndGet(bytes);
        appendedUpTo = nextAppend - 1;
        pending.clear();
        return pending;
    }

    /** The sequence number the next appended record gets (appender thread). */
    public long nextSequence() {
        return nextAppend;
    }

    /** The point just after the last record appended (appender thread). */
    public Position appendPosition() {
        return new Position(writerBase, writerSize, nextAppend);
    }

    /** Forces written records to the device (appender thread). */
    public void force() throws IOException {
        writer.force(false);
    }

    /** Highest sequence fully written, -1 when none. */
    public long appended() {
        return appendedUpTo;
    }

    /** Bytes on disk. */
    public long bytes() {
        return totalBytes.get();
    }

    /** Records written and not yet committed. */
    public long backlog() {
        return Math.max(0, appendedUpTo + 1 - committed);
    }

    /** Records lost to corruption found at open. */
    public long corruptSegments() {
        return corrupt;
    }

    /** The next record after the last one read (reader thread), or null when none is written yet. */
    public Entry readNext() throws IOException {
        while (nextRead <= appendedUpTo) {
            if (reader == null) {
                Map.Entry<Long, Path> segment = segments.floorEntry(nextRead);
                if (segment == null) {
                    segment = segments.ceilingEntry(nextRead);
                }
                if (segment == null) {
                    return null;
                }
                readSegment = segment.getKey();
                reader = FileChannel.open(segment.getValue(), StandardOpenOption.READ);
                readPosition = readSegment == seekSegment ? seekOffset : 0;
                seekSegment = -1;
                readAheadStart = -1;
            }
            Entry entry = readBuffered();
            if (entry == null) {
                if (!nextSegment()) {
                    return null;
                }
                continue;
            }
            readPosition += HEADER + entry.payload().length;
            if (entry.sequence() < nextRead) {
                continue;
            }
            nextRead = entry.sequence() + 1;
            return entry;
        }
        return null;
    }

    /** The record at {@code readPosition} of the reader segment, or null when short or failing its CRC. */
    private Entry readBuffered() throws IOException {
        Entry entry = parseBuffered(readPosition);
        if (entry != null) {
            return entry;
        }
        int wanted = HEADER;
        int offset = (int) (readPosition - readAheadStart);
        if (readAheadStart >= 0 && readPosition >= readAheadStart && offset + 8 <= readAheadLength) {
            wanted = Math.max(HEADER, 8 + readAhead.getInt(offset));
        }
        fill(readPosition, wanted);
        return parseBuffered(readPosition);
    }

    private Entry parseBuffered(long position) {
        if (readAheadStart < 0 || position < readAheadStart || position - readAheadStart > readAheadLength) {
            return null;
        }
        int offset = (int) (position - readAheadStart);
        if (offset + HEADER > readAheadLength) {
            return null;
        }
        int length = readAhead.getInt(offset);
        int crc = readAhead.getInt(offset + 4);
        if (length < 8 || (long) offset + 8 + length > readAheadLength) {
            return null;
        }
        CRC32C check = new CRC32C();
        check.update(readAhead.array(), offset + 8, length);
        if ((int) check.getValue() != crc) {
            return null;
        }
        long sequence = readAhead.getLong(offset + 8);
        byte[] payload = new byte[length - 8];
        System.arraycopy(readAhead.array(), offset + 16, payload, 0, payload.length);
        return new Entry(sequence, payload);
    }

    private void fill(long position, int wanted) throws IOException {
        long available = reader.size() - position;
        // A record longer than the buffer grows it, never beyond what the segment holds (a
        // corrupt length field must not allocate gigabytes).
        int capacity = (int) Math.max(READ_AHEAD, Math.min(wanted, available));
        if (readAhead.capacity() < capacity) {
            readAhead = ByteBuffer.allocate(capacity);
        }
        int n = (int) Math.max(0, Math.min(readAhead.capacity(), available));
        readAhead.clear().limit(n);
        readFully(reader, readAhead, position);
        readAheadStart = position;
        readAheadLength = n;
    }

    private boolean nextSegment() throws IOException {
        Long next = segments.higherKey(readSegment);
        if (next == null) {
            return false;
        }
        reader.close();
        reader = null;
        readAheadStart = -1;
        nextRead = Math.max(nextRead, next);
        return true;
    }

    /** The sequence of the record {@link #readNext} returns next (reader thread). */
    public long nextRead() {
        return nextRead;
    }

    /**
     * Moves the reader to {@code position} (reader thread): the records before it were taken from
     * the appender's hand-off instead of being read back. Never moves backwards.
     */
    public void skipTo(Position position) throws IOException {
        if (position.nextSequence() <= nextRead) {
            return;
        }
        if (reader != null && readSegment == position.segment()) {
            readPosition = position.offset();
        } else {
            if (reader != null) {
                reader.close();
                reader = null;
            }
            readAheadStart = -1;
            seekSegment = position.segment();
            seekOffset = position.offset();
        }
        nextRead = position.nextSequence();
    }

    /** Reads again from {@code sequence} (reader thread), after a failed send. */
    public void rewind(long sequence) throws IOException {
        if (reader != null) {
            reader.close();
            reader = null;
        }
        readAheadStart = -1;
        seekSegment = -1;
        nextRead = sequence;
    }

    /** Every record below {@code sequence} is on Kafka (reader thread): persist and free space. */
    public void commit(long sequence) throws IOException {
        if (sequence <= committed) {
            return;
        }
        committed = sequence;
        Path tmp = directory.resolve("cursor.tmp");
        Files.writeString(tmp, Long.toString(sequence));
        Files.move(tmp, directory.resolve("cursor"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        deleteBelow(sequence);
    }

    private void deleteBelow(long sequence) throws IOException {
        for (Map.Entry<Long, Path> segment : segments.entrySet()) {
            Long successor = segments.higherKey(segment.getKey());
            if (successor == null || successor > sequence) {
                break;
            }
            if (reader != null && readSegment == segment.getKey()) {
                continue;
            }
            long size = Files.size(segment.getValue());
            Files.deleteIfExists(segment.getValue());
            segments.remove(segment.getKey());
            totalBytes.addAndGet(-size);
        }
    }

    private long readCursor() throws IOException {
        Path cursor = directory.resolve("cursor");
        if (!Files.exists(cursor)) {
            return 0;
        }
        try {
            return Long.parseLong(Files.readString(cursor).trim());
        } catch (NumberFormatException e) {
            LOGGER.atError().addKeyValue("dir", directory).log("unreadable spool cursor; replaying the whole spool");
            return 0;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (writer != null) {
                writer.force(false);
                writer.close();
            }
        } finally {
            if (reader != null) {
                reader.close();
            }
        }
    }

    static UncheckedIOException unchecked(IOException e) {
        return new UncheckedIOException(e);
    }
}
