package io.waymark.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waymark.embedded.internal.LoopbackPorts;
import io.waymark.embedded.internal.ProcessReaper;
import io.waymark.embedded.internal.RunDirectories;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessCleanupIT {

    @Test
    void closedPebbleLeavesNoProcess(@TempDir Path dir) {
        // Given
        PebbleProcess pebble = PebbleProcess.start(dir, LoopbackPorts.free());
        List<Long> pids = pebble.pids();
        assertThat(pids).allMatch(ProcessCleanupIT::alive);

        // When
        pebble.close();

        // Then
        assertThat(pids).noneMatch(ProcessCleanupIT::alive);
        assertThat(dir.resolve("pebble.log")).exists();
    }

    @Test
    void serversOfAJvmThatExitsWithoutClosingAreStoppedByItsShutdownHook(@TempDir Path dir) throws Exception {
        // Given a plain java -cp program that starts a Kafka child and Pebble
        Process launcher = launch(dir, "exit", "kafka", "pebble");

        // When it exits without closing them
        String printed = awaitExit(launcher, dir);
        assertThat(launcher.exitValue()).as(printed).isZero();

        // Then every server it started is gone too
        List<Long> pids = pids(printed);
        assertThat(pids).as(printed).hasSize(3);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(pids).noneMatch(ProcessCleanupIT::alive));
    }

    @Test
    void serversOfASigkilledJvmAreSweptByTheNextLaunch(@TempDir Path dir) throws Exception {
        // Given a JVM that started Pebble and was then SIGKILLed, so no shutdown hook ran
        Process launcher = launch(dir, "hang", "pebble");
        Path output = dir.resolve("launcher.out");
        List<Long> pids = new ArrayList<>();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                pids.addAll(pids(Files.readString(output, StandardCharsets.UTF_8)));
                return !pids.isEmpty() || !launcher.isAlive();
            });
        } finally {
            launcher.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(pids).as(Files.readString(output)).hasSize(2).allMatch(ProcessCleanupIT::alive);

        // When the orphan sweep runs (as it does before the first launch of every JVM)
        ProcessReaper.sweepOrphans();

        // Then the orphans are gone
        assertThat(pids).noneMatch(ProcessCleanupIT::alive);
    }

    private static Process launch(Path dir, String mode, String... servers) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-D" + RunDirectories.PROPERTY + "=" + RunDirectories.base(),
                "-cp", System.getProperty("java.class.path"),
                AbandoningLauncher.class.getName(), dir.toString(), mode));
        command.addAll(Arrays.asList(servers));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("launcher.out").toFile())
                .start();
    }

    private static String awaitExit(Process launcher, Path dir) throws Exception {
        try {
            assertThat(launcher.waitFor(180, TimeUnit.SECONDS)).as("launcher exited").isTrue();
        } finally {
            launcher.destroyForcibly();
        }
        return Files.readString(dir.resolve("launcher.out"), StandardCharsets.UTF_8);
    }

    private static List<Long> pids(String printed) {
        return printed.lines().filter(line -> line.startsWith("PIDS "))
                .flatMap(line -> Arrays.stream(line.substring(5).trim().split(" ")))
                .map(Long::valueOf)
                .collect(Collectors.toList());
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
