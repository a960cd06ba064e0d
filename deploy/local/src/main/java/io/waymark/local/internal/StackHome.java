package io.waymark.local.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The layout of the local stack's home directory:
 * {@code data/<part>} (kept across restarts, wiped by {@code --fresh}), {@code logs/<part>.log},
 * {@code config/<service>.properties} (regenerated at every start), {@code keys.properties}
 * (generated once), {@code run/} (child process records) and {@code stack.properties} (present
 * while the stack runs).
 */
public record StackHome(Path root) {

    public StackHome {
        root = root.toAbsolutePath().normalize();
    }

    public Path data() {
        return root.resolve("data");
    }

    public Path data(String part) {
        return data().resolve(part);
    }

    public Path logs() {
        return root.resolve("logs");
    }

    public Path log(String part) {
        return logs().resolve(part + ".log");
    }

    public Path config() {
        return root.resolve("config");
    }

    public Path run() {
        return root.resolve("run");
    }

    /** Creates the directories; with {@code fresh} first deletes {@code data/} and everything in it. */
    public void prepare(boolean fresh) {
        try {
            if (fresh) {
                deleteTree(data());
            }
            Files.createDirectories(data());
            Files.createDirectories(logs());
            Files.createDirectories(config());
            Files.createDirectories(run());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the home directory " + root, e);
        }
    }

    /**
     * Makes {@code logs/<part>.log} point at a log a launcher writes inside its own directory
     * (Kafka's, Cassandra's and Pebble's), so every log is found in one place.
     */
    public void linkLog(String part, Path actual) {
        Path link = log(part);
        try {
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, link.getParent().relativize(actual));
        } catch (IOException | UnsupportedOperationException e) {
            // a missing shortcut is no reason to stop: the log is still in the data directory
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
