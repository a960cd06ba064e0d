package io.waymark.embedded.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cleans up after a JVM that died without running its shutdown hooks (SIGKILL, the OOM
 * killer): every child gets a small record under {@code <run base>/.pids} naming its pid, its
 * start time and the pid of the JVM that started it, removed when the child exits. The first
 * launch in a later JVM kills the recorded children whose owner is gone; the start time guards
 * against a recycled pid.
 */
final class OrphanSweeper {

    private static final Logger LOGGER = LoggerFactory.getLogger(OrphanSweeper.class);

    private OrphanSweeper() {
    }

    static void record(ProcessHandle child) {
        try {
            Path dir = Files.createDirectories(directory());
            Files.writeString(dir.resolve(Long.toString(child.pid())),
                    startMillis(child) + " " + ProcessHandle.current().pid(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            LOGGER.debug("Cannot record child pid={}", child.pid(), e);
        }
    }

    static void forget(ProcessHandle child) {
        try {
            Files.deleteIfExists(directory().resolve(Long.toString(child.pid())));
        } catch (IOException e) {
            LOGGER.debug("Cannot forget child pid={}", child.pid(), e);
        }
    }

    static void sweep() {
        Path dir = directory();
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> records = Files.newDirectoryStream(dir)) {
            for (Path record : records) {
                sweep(record);
            }
        } catch (IOException | RuntimeException e) {
            LOGGER.debug("Orphan sweep of {} failed", dir, e);
        }
    }

    private static void sweep(Path record) throws IOException {
        String[] fields = Files.readString(record, StandardCharsets.US_ASCII).trim().split(" ");
        long pid = Long.parseLong(record.getFileName().toString());
        long started = Long.parseLong(fields[0]);
        long owner = Long.parseLong(fields[1]);
        if (ProcessHandle.of(owner).filter(ProcessHandle::isAlive).isPresent()) {
            return;
        }
        Optional<ProcessHandle> orphan = ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(handle -> startMillis(handle) == started);
        if (orphan.isPresent()) {
            LOGGER.warn("Killing server left behind by a dead JVM pid={} ownerPid={} command={}", pid, owner,
                    orphan.get().info().command().orElse("?"));
            ProcessReaper.killTree(orphan.get(), Duration.ofSeconds(10));
        }
        Files.deleteIfExists(record);
    }

    private static long startMillis(ProcessHandle handle) {
        return handle.info().startInstant().map(Instant::toEpochMilli).orElse(-1L);
    }

    private static Path directory() {
        return RunDirectories.base().resolve(".pids");
    }
}
