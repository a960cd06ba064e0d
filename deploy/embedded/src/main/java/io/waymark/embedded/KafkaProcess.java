package io.waymark.embedded;

import io.waymark.embedded.internal.ChildLogging;
import io.waymark.embedded.internal.ChildProcess;
import io.waymark.embedded.internal.JavaCommand;
import io.waymark.embedded.internal.LogFile;
import io.waymark.embedded.internal.RunDirectories;
import io.waymark.embedded.internal.kafka.KafkaBrokerConfig;
import io.waymark.embedded.internal.kafka.KafkaReadiness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A one-node KRaft broker in a child JVM ({@code kafka.Kafka server.properties}), for tests
 * that crash the broker and for the local stack. {@link #kill()} is a SIGKILL, as a power cut
 * would look to the broker; {@link #restart()} starts it again on the same data directory and
 * the same port, so clients reconnect without new configuration.
 *
 * <p>The storage is formatted once with {@code kafka.tools.StorageTool}. The child runs on the
 * classpath of this JVM (which holds {@code kafka_2.13}) unless {@code -Dwaymark.kafka.classpath}
 * says otherwise. Output goes to {@code kafka.log} in the directory.
 */
public final class KafkaProcess implements KafkaCluster, AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(KafkaProcess.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final Path directory;
    private final KafkaBrokerConfig config;
    private final Path propertiesFile;
    private final boolean ownsDirectory;
    private ChildProcess process;

    private KafkaProcess(Path directory, KafkaBrokerConfig config, boolean ownsDirectory) {
        this.directory = directory;
        this.config = config;
        this.propertiesFile = directory.resolve("server.properties");
        this.ownsDirectory = ownsDirectory;
    }

    /**
     * Formats a new broker in {@code directory} (which the caller owns and which is kept on
     * close), starts it on free ports and waits until it serves metadata.
     */
    public static KafkaProcess start(Path directory) {
        return start(directory, false);
    }

    /**
     * Starts a broker in {@code directory} (kept on close) on the given client and controller
     * ports; formats the storage only when it is not formatted yet, so a broker stopped earlier
     * comes back with its topics and records (the local stack's restarts).
     */
    public static KafkaProcess start(Path directory, int port, int controllerPort) {
        return start(directory, port, controllerPort, false);
    }

    /** Like {@link #start(Path)} in a fresh run directory that {@link #close()} empties (logs are kept). */
    public static KafkaProcess start() {
        return start(RunDirectories.create("kafka-process"), true);
    }

    private static KafkaProcess start(Path directory, boolean ownsDirectory) {
        int[] ports = FreePorts.distinct(2);
        return start(directory, ports[0], ports[1], ownsDirectory);
    }

    private static KafkaProcess start(Path directory, int port, int controllerPort, boolean ownsDirectory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
        KafkaBrokerConfig config = new KafkaBrokerConfig(port, controllerPort,
                directory.resolve("data").toAbsolutePath());
        KafkaProcess kafka = new KafkaProcess(directory.toAbsolutePath(), config, ownsDirectory);
        if (!Files.exists(config.logDir().resolve("meta.properties"))) {
            kafka.format();
        } else {
            config.write(kafka.propertiesFile);
        }
        kafka.launch();
        return kafka;
    }

    @Override
    public String bootstrapServers() {
        return config.bootstrapServers();
    }

    /** The broker's data and log directory. */
    public Path directory() {
        return directory;
    }

    /** The process id of the running broker JVM. */
    public synchronized long pid() {
        return process.pid();
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL: no shutdown, no flush; the next {@link #restart()} recovers the logs. */
    public synchronized void kill() {
        if (process != null) {
            process.kill();
        }
    }

    /** SIGTERM and a clean shutdown (SIGKILL if it takes longer than 30 s). */
    public synchronized void stop() {
        if (process != null) {
            process.terminate(STOP_GRACE);
        }
    }

    /** Stops the broker if it runs, then starts it on the same data and port and waits for it. */
    public synchronized void restart() {
        stop();
        launch();
    }

    @Override
    public synchronized void close() {
        stop();
        if (ownsDirectory) {
            RunDirectories.deleteKeepingLogs(directory);
        }
    }

    @Override
    public String toString() {
        return "KafkaProcess[" + bootstrapServers() + ", " + directory + "]";
    }

    private void format() {
        config.write(propertiesFile);
        String clusterId = Uuid.randomUuid().toString();
        ChildProcess tool = ChildProcess.start("kafka-storage-format",
                new JavaCommand()
                        .jvm("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                                ChildLogging.logbackOption(directory))
                        .classpath(JavaCommand.kafkaClasspath())
                        .main("kafka.tools.StorageTool", "format", "-t", clusterId, "-c",
                                propertiesFile.toString(), "--standalone")
                        .toList(),
                directory, directory.resolve("storage-format.log"), Map.of());
        int exit = tool.awaitExit(Duration.ofSeconds(60));
        if (exit != 0) {
            throw new IllegalStateException("StorageTool format exited with " + exit + ":\n"
                    + LogFile.tail(tool.logFile()));
        }
        LOGGER.info("Formatted Kafka storage clusterId={} dir={}", clusterId, config.logDir());
    }

    private synchronized void launch() {
        long begin = System.nanoTime();
        process = ChildProcess.start("kafka",
                new JavaCommand()
                        .jvm("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                                "-XX:+ExitOnOutOfMemoryError", "-Djava.awt.headless=true",
                                ChildLogging.logbackOption(directory))
                        .classpath(JavaCommand.kafkaClasspath())
                        .main("kafka.Kafka", propertiesFile.toString())
                        .toList(),
                directory, directory.resolve("kafka.log"), Map.of());
        try {
            KafkaReadiness.await(bootstrapServers(), process, READY_TIMEOUT);
        } catch (RuntimeException e) {
            process.kill();
            throw e;
        }
        LOGGER.info("Kafka child ready bootstrapServers={} pid={} in {} ms", bootstrapServers(), process.pid(),
                (System.nanoTime() - begin) / 1_000_000);
    }
}
