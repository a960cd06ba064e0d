package io.waymark.embedded;

import io.waymark.embedded.internal.ChildLogging;
import io.waymark.embedded.internal.ChildProcess;
import io.waymark.embedded.internal.JavaCommand;
import io.waymark.embedded.internal.LogFile;
import io.waymark.embedded.internal.Poll;
import io.waymark.embedded.internal.RunDirectories;
import io.waymark.embedded.internal.cassandra.CassandraConfig;
import io.waymark.embedded.internal.cassandra.CqlProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Cassandra 5.0 node in a child JVM ({@code org.apache.cassandra.service.CassandraDaemon}),
 * on loopback with free ports and all its files in one directory. In-process is not an option:
 * Cassandra installs a JVM-wide security manager, mlocks the host JVM and brings Netty 4.1.
 *
 * {@code launch} creates and starts a node; {@link #stop()} and {@link #start()} cycle it.
 *
 * <p>The classpath is {@code cassandra-all} alone, resolved at build time by
 * {@code waymark-cassandra-runtime} ({@code -Dwaymark.cassandra.classpath} overrides it). The
 * node is ready when its log says {@code Startup complete} and a CQL query answers; stop is a
 * SIGTERM (Cassandra flushes), and {@link #start()} brings it back on the same data and ports.
 */
public final class CassandraProcess implements CassandraNode, AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(CassandraProcess.class);
    private static final String READY_MARKER = "Startup complete";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration STOP_GRACE = Duration.ofSeconds(60);

    private final CassandraConfig config;
    private final Path yaml;
    private final boolean ownsDirectory;
    private ChildProcess process;

    private CassandraProcess(CassandraConfig config, boolean ownsDirectory) {
        this.config = config;
        this.yaml = config.write();
        this.ownsDirectory = ownsDirectory;
    }

    /** Starts a node with its data in {@code directory} (kept on close) and waits until CQL answers. */
    public static CassandraProcess launch(Path directory) {
        return launch(directory, false);
    }

    /**
     * Starts a node with its data in {@code directory} (kept on close) on the given internode
     * and CQL ports; existing data in the directory is reused (the local stack's restarts).
     */
    public static CassandraProcess launch(Path directory, int storagePort, int nativePort) {
        return launch(directory, storagePort, nativePort, false);
    }

    /** Like {@link #launch(Path)} in a fresh run directory that {@link #close()} empties (logs are kept). */
    public static CassandraProcess launch() {
        return launch(RunDirectories.create("cassandra"), true);
    }

    private static CassandraProcess launch(Path directory, boolean ownsDirectory) {
        int[] ports = FreePorts.distinct(2);
        return launch(directory, ports[0], ports[1], ownsDirectory);
    }

    private static CassandraProcess launch(Path directory, int storagePort, int nativePort, boolean ownsDirectory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
        CassandraProcess node = new CassandraProcess(
                new CassandraConfig(storagePort, nativePort, directory.toAbsolutePath()), ownsDirectory);
        node.start();
        return node;
    }

    @Override
    public InetSocketAddress contactPoint() {
        return new InetSocketAddress("127.0.0.1", config.nativePort());
    }

    @Override
    public String localDatacenter() {
        return CassandraConfig.DATACENTER;
    }

    /** The node's directory: data, commit log, {@code cassandra.yaml}, {@code cassandra.log}. */
    public Path directory() {
        return config.directory();
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The process id of the node's JVM. */
    public synchronized long pid() {
        return process.pid();
    }

    @Override
    public synchronized void start() {
        if (isAlive()) {
            return;
        }
        long begin = System.nanoTime();
        Path log = config.directory().resolve("cassandra.log");
        long logOffset = LogFile.size(log);
        Path dir = config.directory();
        process = ChildProcess.start("cassandra",
                new JavaCommand()
                        .jvm("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
                                "-XX:TieredStopAtLevel=1",
                                "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
                                "--add-opens", "java.base/jdk.internal.ref=ALL-UNNAMED",
                                "--add-opens", "java.base/java.io=ALL-UNNAMED",
                                "-Djava.net.preferIPv4Stack=true",
                                "-Dcassandra.config=" + yaml.toUri(),
                                "-Dcassandra.storagedir=" + dir,
                                "-Dcassandra.logdir=" + dir.resolve("logs"),
                                "-Dcassandra-foreground=yes",
                                "-Dcassandra.skip_wait_for_gossip_to_settle=0",
                                "-Dcassandra.ring_delay_ms=100",
                                "-Dcassandra.unsafesystem=true",
                                ChildLogging.logbackOption(dir))
                        .classpath(JavaCommand.cassandraClasspath())
                        .main("org.apache.cassandra.service.CassandraDaemon")
                        .toList(),
                dir, log, Map.of());
        ChildProcess started = process;
        try {
            Poll.until("Cassandra " + started, READY_TIMEOUT, Duration.ofMillis(250),
                    () -> LogFile.contains(log, logOffset, READY_MARKER), started::isAlive,
                    () -> "log " + log + ":\n" + LogFile.tail(log));
            Poll.until("Cassandra CQL " + started, Duration.ofSeconds(60), Duration.ofMillis(500),
                    () -> CqlProbe.answers(contactPoint(), localDatacenter()), started::isAlive,
                    () -> "log " + log + ":\n" + LogFile.tail(log));
        } catch (RuntimeException e) {
            started.kill();
            throw e;
        }
        LOGGER.info("Cassandra child ready contactPoint={} pid={} in {} ms", contactPoint(), started.pid(),
                (System.nanoTime() - begin) / 1_000_000);
    }

    @Override
    public synchronized void stop() {
        if (process != null) {
            process.terminate(STOP_GRACE);
        }
    }

    /** SIGKILL, for tests of a crash; {@link #start()} replays the commit log. */
    public synchronized void kill() {
        if (process != null) {
            process.kill();
        }
    }

    @Override
    public synchronized void close() {
        stop();
        if (ownsDirectory) {
            RunDirectories.deleteKeepingLogs(config.directory());
        }
    }

    @Override
    public String toString() {
        return "CassandraProcess[" + contactPoint() + ", " + config.directory() + "]";
    }
}
