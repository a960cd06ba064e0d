package io.waymark.edge.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class SpoolLogTest {

    @TempDir
    Path dir;

    private static byte[] payload(int i) {
        return ("event-" + i + "-" + "x".repeat(100)).getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> readAll(SpoolLog log) throws IOException {
        List<String> out = new ArrayList<>();
        for (SpoolLog.Entry e; (e = log.readNext()) != null; ) {
            out.add(new String(e.payload(), StandardCharsets.UTF_8).split("-x")[0].replaceAll("-x+$", ""));
        }
        return out;
    }

    private static List<String> expected(int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(new String(payload(i), StandardCharsets.UTF_8).split("-x")[0]);
        }
        return out;
    }

    private long segmentCount() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".seg")).count();
        }
    }

    @Test
    void recordsAreReadBackInOrderAcrossSegmentsAndAfterReopen() throws Exception {
        // Given
        try (SpoolLog log = SpoolLog.open(dir, 64 << 10, 1 << 30)) {
            for (int i = 0; i < 2000; i++) {
                assertThat(log.append(payload(i))).isTrue();
            }
            // When
            List<String> first = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                SpoolLog.Entry e = log.readNext();
                assertThat(e.sequence()).isEqualTo(i);
                first.add(new String(e.payload(), StandardCharsets.UTF_8).split("-x")[0]);
            }
            log.commit(500);
            // Then
            assertThat(first).isEqualTo(expected(0, 500));
            assertThat(segmentCount()).isGreaterThan(1);
        }
        // When: a new process opens the spool
        try (SpoolLog reopened = SpoolLog.open(dir, 64 << 10, 1 << 30)) {
            // Then: replay starts at the cursor, in order
            assertThat(readAll(reopened)).isEqualTo(expected(500, 2000));
            assertThat(reopened.backlog()).isEqualTo(1500);
            assertThat(reopened.append(payload(2000))).isTrue();
            assertThat(reopened.readNext().sequence()).isEqualTo(2000);
        }
    }

    @Test
    void aTornWriteAtTheEndIsCutAndAppendingContinues() throws Exception {
        // Given
        try (SpoolLog log = SpoolLog.open(dir, 1 << 20, 1 << 30)) {
            for (int i = 0; i < 10; i++) {
                log.append(payload(i));
            }
        }
        Path segment;
        try (Stream<Path> files = Files.list(dir)) {
            segment = files.filter(p -> p.toString().endsWith(".seg")).findFirst().orElseThrow();
        }
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            channel.write(ByteBuffer.wrap(new byte[] {0, 0, 0, 50, 1, 2, 3}));
        }
        // When
        try (SpoolLog log = SpoolLog.open(dir, 1 << 20, 1 << 30)) {
            log.append(payload(10));
            // Then
            assertThat(readAll(log)).isEqualTo(expected(0, 11));
        }
    }

    @Test
    void aFlippedBitFailsTheCrc() throws Exception {
        // Given
        try (SpoolLog log = SpoolLog.open(dir, 1 << 20, 1 << 30)) {
            for (int i = 0; i < 3; i++) {
                log.append(payload(i));
            }
        }
        Path segment;
        try (Stream<Path> files = Files.list(dir)) {
            segment = files.filter(p -> p.toString().endsWith(".seg")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(segment);
        int recordBytes = bytes.length / 3;
        bytes[recordBytes * 2 + 30] ^= 0x01;
        Files.write(segment, bytes);
        // When
        try (SpoolLog log = SpoolLog.open(dir, 1 << 20, 1 << 30)) {
            // Then: the damaged last record is cut, the two before it survive
            assertThat(readAll(log)).isEqualTo(expected(0, 2));
        }
    }

    @Test
    void theQuotaRefusesNewRecordsUntilSpaceIsCommitted() throws Exception {
        // Given
        try (SpoolLog log = SpoolLog.open(dir, 64 << 10, 256 << 10)) {
            int accepted = 0;
            while (log.append(payload(accepted))) {
                accepted++;
            }
            // Then
            assertThat(log.bytes()).isLessThanOrEqualTo(256 << 10);
            assertThat(accepted).isGreaterThan(1000);
            // When: everything is sent and committed
            while (log.readNext() != null) {
                // read all
            }
            log.commit(accepted);
            // Then: the sent segments are gone and appends work again
            assertThat(log.append(payload(accepted))).isTrue();
            assertThat(log.bytes()).isLessThan(128 << 10);
        }
    }

    @Test
    void rewindReadsAgainFromTheGivenSequence() throws Exception {
        // Given
        try (SpoolLog log = SpoolLog.open(dir, 64 << 10, 1 << 30)) {
            for (int i = 0; i < 1000; i++) {
                log.append(payload(i));
            }
            readAll(log);
            // When
            log.rewind(10);
            // Then
            assertThat(readAll(log)).isEqualTo(expected(10, 1000));
        }
    }

    @Test
    void recordsAppendedAfterTheReaderCaughtUpAndRecordsLargerThanTheReadAheadAreRead() throws Exception {
        // Given a reader that has drained everything written so far
        try (SpoolLog log = SpoolLog.open(dir, 1 << 20, 1 << 30)) {
            for (int i = 0; i < 10; i++) {
                log.append(payload(i));
            }
            assertThat(readAll(log)).isEqualTo(expected(0, 10));
            // When more records arrive, one of them 200 KiB (over the 64 KiB read-ahead)
            byte[] big = new byte[200 << 10];
            java.util.Arrays.fill(big, (byte) 'b');
            log.append(payload(10));
            log.append(big);
            log.append(payload(11));
            // Then each is read, whole and in order
            SpoolLog.Entry first = log.readNext();
            SpoolLog.Entry second = log.readNext();
            SpoolLog.Entry third = log.readNext();
            assertThat(new String(first.payload(), StandardCharsets.UTF_8)).isEqualTo(new String(payload(10), StandardCharsets.UTF_8));
            assertThat(second.payload()).isEqualTo(big);
            assertThat(third.sequence()).isEqualTo(second.sequence() + 1);
            assertThat(new String(third.payload(), StandardCharsets.UTF_8)).isEqualTo(new String(payload(11), StandardCharsets.UTF_8));
            assertThat(log.readNext()).isNull();
        }
    }

    @Test
    void aReaderMovedPastHandedOffRecordsReadsOnFromThereAcrossSegmentsAndAfterARewind() throws Exception {
        // Given records appended in batches, each batch's end position kept as the appender hands it off
        try (SpoolLog log = SpoolLog.open(dir, 64 << 10, 1 << 30)) {
            List<SpoolLog.Position> ends = new ArrayList<>();
            for (int batch = 0; batch < 20; batch++) {
                List<byte[]> payloads = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    payloads.add(payload(batch * 50 + i));
                }
                assertThat(log.nextSequence()).isEqualTo(batch * 50L);
                assertThat(log.append(payloads)).isEqualTo(50);
                ends.add(log.appendPosition());
            }
            assertThat(segmentCount()).isGreaterThan(1);
            // When the reader reads batch 0 back, takes batches 1-11 from memory (crossing segments), reads on
            assertThat(readAll(log).subList(0, 50)).isEqualTo(expected(0, 50));
            log.rewind(50);
            log.skipTo(ends.get(11));
            // Then it continues right after batch 11, record by record, to the end
            assertThat(log.nextRead()).isEqualTo(600);
            assertThat(readAll(log)).isEqualTo(expected(600, 1000));
            // And a position behind the reader does not move it back
            log.skipTo(ends.get(3));
            assertThat(log.nextRead()).isEqualTo(1000);
            // And a rewind after a skip reads from the rewind point again
            log.rewind(590);
            assertThat(readAll(log)).isEqualTo(expected(590, 1000));
        }
    }

    @Test
    void skippingWithinTheOpenSegmentKeepsTheReaderOnIt() throws Exception {
        // Given a reader positioned inside one segment
        try (SpoolLog log = SpoolLog.open(dir, 1 << 20, 1 << 30)) {
            log.append(payload(0));
            assertThat(readAll(log)).isEqualTo(expected(0, 1));
            log.append(List.of(payload(1), payload(2)));
            SpoolLog.Position afterTwo = log.appendPosition();
            log.append(payload(3));
            // When the two handed-off records are skipped
            log.skipTo(afterTwo);
            // Then the next read is record 3
            assertThat(readAll(log)).isEqualTo(expected(3, 4));
        }
    }
}
