package io.waymark.embedded.internal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a child's log file: whether a marker line has appeared since a given offset (the
 * readiness signal of Cassandra), and the last lines for an error message.
 */
public final class LogFile {

    private static final int TAIL_BYTES = 8 * 1024;

    private LogFile() {
    }

    /** Current size, to look for a marker written after this point only (restarts append). */
    public static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0L;
        } catch (IOException e) {
            return 0L;
        }
    }

    /** Whether {@code marker} occurs in the file after byte {@code from}. */
    public static boolean contains(Path file, long from, String marker) {
        if (!Files.exists(file)) {
            return false;
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (length <= from) {
                return false;
            }
            byte[] bytes = new byte[(int) Math.min(Integer.MAX_VALUE - 8, length - from)];
            in.seek(from);
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8).contains(marker);
        } catch (IOException e) {
            return false;
        }
    }

    /** The last few kilobytes, for error messages. */
    public static String tail(Path file) {
        if (!Files.exists(file)) {
            return "(no log at " + file + ")";
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long start = Math.max(0, in.length() - TAIL_BYTES);
            byte[] bytes = new byte[(int) (in.length() - start)];
            in.seek(start);
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }
}
