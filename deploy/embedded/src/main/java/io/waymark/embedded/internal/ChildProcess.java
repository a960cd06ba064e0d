package io.waymark.embedded.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One server process started by this JVM: its output appended to a log file in its run
 * directory, registered with the {@link ProcessReaper} until it has exited. Stopping means
 * SIGTERM with a grace period, then SIGKILL of the whole process tree.
 */
public final class ChildProcess {

    private static final Logger LOGGER = LoggerFactory.getLogger(ChildProcess.class);

    private final String name;
    private final Process process;
    private final Path logFile;

    private ChildProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    /** Starts {@code command} in {@code workDir}, stdout and stderr appended to {@code logFile}. */
    public static ChildProcess start(String name, List<String> command, Path workDir, Path logFile,
            Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            ProcessReaper.register(process.toHandle());
            process.onExit().thenRun(() -> ProcessReaper.unregister(process.toHandle()));
            LOGGER.info("Started {} pid={} log={}", name, process.pid(), logFile);
            LOGGER.debug("{} command: {}", name, command);
            return new ChildProcess(name, process, logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command.get(0), e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    public Path logFile() {
        return logFile;
    }

    /** Runs a short-lived tool to completion and fails with its log when it fails. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
                throw new IllegalStateException(name + " did not finish within " + timeout + "; log "
                        + logFile + ":\n" + LogFile.tail(logFile));
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            throw new IllegalStateException(name + ": interrupted", e);
        }
    }

    /** SIGKILL for the process and its descendants, as a crash would look. */
    public void kill() {
        LOGGER.info("Killing {} pid={}", name, process.pid());
        ProcessReaper.killTree(process.toHandle(), Duration.ofSeconds(10));
    }

    /** SIGTERM, then SIGKILL of the tree if it has not exited after {@code grace}. */
    public void terminate(Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        LOGGER.info("Stopping {} pid={}", name, process.pid());
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOGGER.warn("{} pid={} ignored SIGTERM for {}, killing it", name, process.pid(), grace);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ProcessReaper.killTree(process.toHandle(), Duration.ofSeconds(10));
    }

    @Override
    public String toString() {
        return name + "[pid=" + process.pid() + "]";
    }
}
