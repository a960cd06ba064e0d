package io.waymark.embedded.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/**
 * Where servers keep their data and logs: {@code -Dwaymark.embedded.dir} if set, else
 * {@code target/waymark-embedded} of the module under test (Maven runs tests with the module as
 * working directory), else a directory in {@code java.io.tmpdir}. Each run gets a fresh
 * subdirectory.
 */
public final class RunDirectories {

    /** The system property naming the base directory. */
    public static final String PROPERTY = "waymark.embedded.dir";

    private RunDirectories() {
    }

    public static Path base() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured).toAbsolutePath();
        }
        Path cwd = Paths.get("").toAbsolutePath();
        if (Files.isDirectory(cwd.resolve("target")) || Files.exists(cwd.resolve("pom.xml"))) {
            return cwd.resolve("target").resolve("waymark-embedded");
        }
        return Paths.get(System.getProperty("java.io.tmpdir")).resolve("waymark-embedded");
    }

    /** A new, empty directory such as {@code target/waymark-embedded/cassandra-123}. */
    public static Path create(String prefix) {
        try {
            Path base = Files.createDirectories(base());
            return Files.createTempDirectory(base, prefix + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a run directory under " + base(), e);
        }
    }

    /** Deletes {@code dir} and everything below it; missing is fine. */
    public static void delete(Path dir) {
        delete(dir, false);
    }

    /**
     * Deletes the data below {@code dir} but keeps the servers' own {@code *.log} files directly
     * in it, so the log of a failed run can still be read after the JVM is gone.
     */
    public static void deleteKeepingLogs(Path dir) {
        delete(dir, true);
    }

    private static void delete(Path dir, boolean keepLogs) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (!(keepLogs && isServerLog(dir, file))) {
                        Files.deleteIfExists(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    try (Stream<Path> children = Files.list(d)) {
                        if (children.findAny().isEmpty()) {
                            Files.delete(d);
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    private static boolean isServerLog(Path dir, Path file) {
        // only top-level files: Kafka segments and Cassandra commit logs are *.log too
        return dir.equals(file.getParent()) && file.getFileName().toString().endsWith(".log");
    }
}
