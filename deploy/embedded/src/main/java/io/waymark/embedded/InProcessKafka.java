package io.waymark.embedded;

import io.waymark.embedded.internal.RunDirectories;
import io.waymark.embedded.internal.kafka.KafkaBrokerConfig;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single combined KRaft node (broker and controller) running inside this JVM, built with
 * Kafka's own {@link KafkaClusterTestKit}. Ready in about three seconds and the cheapest way
 * to give a test a real broker; it cannot be killed separately from the test JVM, so fault
 * tests use {@link KafkaProcess} instead.
 */
public final class InProcessKafka implements KafkaCluster, AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(InProcessKafka.class);

    private final KafkaClusterTestKit cluster;
    private final Path directory;
    private final String bootstrapServers;

    private InProcessKafka(KafkaClusterTestKit cluster, Path directory) {
        this.cluster = cluster;
        this.directory = directory;
        this.bootstrapServers = cluster.bootstrapServers();
    }

    /** Formats storage under {@code directory}, starts the node and waits until it serves metadata. */
    public static InProcessKafka start(Path directory) {
        KafkaClusterTestKit cluster = null;
        try {
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBaseDirectory(directory)
                    .build();
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
            for (Map.Entry<String, String> entry : KafkaBrokerConfig.singleNodeDefaults().entrySet()) {
                builder.setConfigProp(entry.getKey(), entry.getValue());
            }
            cluster = builder.build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            InProcessKafka kafka = new InProcessKafka(cluster, directory);
            LOGGER.info("In-process Kafka ready bootstrapServers={} dir={}", kafka.bootstrapServers, directory);
            return kafka;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(cluster);
            throw new IllegalStateException("interrupted while starting in-process Kafka", e);
        } catch (Exception e) {
            closeQuietly(cluster);
            throw new IllegalStateException("in-process Kafka did not start in " + directory, e);
        }
    }

    /** Starts a node in a fresh directory under the run base (see {@code waymark.embedded.dir}). */
    public static InProcessKafka start() {
        return start(RunDirectories.create("kafka-inprocess"));
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while closing in-process Kafka", e);
        } catch (Exception e) {
            throw new IllegalStateException("closing in-process Kafka failed", e);
        } finally {
            RunDirectories.deleteKeepingLogs(directory);
        }
    }

    @Override
    public String toString() {
        return "InProcessKafka[" + bootstrapServers + "]";
    }

    private static void closeQuietly(KafkaClusterTestKit cluster) {
        if (cluster != null) {
            try {
                cluster.close();
            } catch (Exception e) {
                LOGGER.warn("Closing a half-started in-process Kafka failed", e);
            }
        }
    }
}
