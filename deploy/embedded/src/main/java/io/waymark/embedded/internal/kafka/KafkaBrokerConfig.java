package io.waymark.embedded.internal.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The {@code server.properties} of a one-node KRaft cluster (combined broker and controller)
 * on loopback. The replication settings are not optional with one broker: the internal topics
 * default to three replicas, and a Kafka Streams app then waits forever in REBALANCING.
 */
public record KafkaBrokerConfig(int port, int controllerPort, Path logDir) {

    /** Settings every single-node cluster needs, in-process or child process. */
    public static Map<String, String> singleNodeDefaults() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("offsets.topic.replication.factor", "1");
        config.put("offsets.topic.num.partitions", "3");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("transaction.state.log.num.partitions", "3");
        config.put("share.coordinator.state.topic.replication.factor", "1");
        config.put("share.coordinator.state.topic.min.isr", "1");
        config.put("group.initial.rebalance.delay.ms", "0");
        config.put("num.partitions", "1");
        config.put("default.replication.factor", "1");
        config.put("min.insync.replicas", "1");
        config.put("auto.create.topics.enable", "true");
        return config;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Writes the file; the same file serves {@code StorageTool format} and {@code kafka.Kafka}. */
    public Path write(Path file) {
        Properties properties = new Properties();
        properties.setProperty("process.roles", "broker,controller");
        properties.setProperty("node.id", "1");
        properties.setProperty("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        properties.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        properties.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        properties.setProperty("controller.listener.names", "CONTROLLER");
        properties.setProperty("inter.broker.listener.name", "PLAINTEXT");
        properties.setProperty("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        properties.setProperty("log.dirs", logDir.toAbsolutePath().toString());
        singleNodeDefaults().forEach(properties::setProperty);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(out, "one-node KRaft cluster written by waymark-embedded");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
