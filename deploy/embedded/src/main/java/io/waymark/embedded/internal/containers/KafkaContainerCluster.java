package io.waymark.embedded.internal.containers;

import io.waymark.embedded.KafkaCluster;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The shared Kafka as an {@code apache/kafka} container (KRaft, one node), used when a Docker
 * engine answers. The image can be changed with {@code -Dwaymark.kafka.image}.
 */
public final class KafkaContainerCluster implements KafkaCluster, AutoCloseable {

    /** Overrides the image. */
    public static final String IMAGE_PROPERTY = "waymark.kafka.image";
    private static final String DEFAULT_IMAGE = "apache/kafka:4.3.1";

    private final KafkaContainer container;

    private KafkaContainerCluster(KafkaContainer container) {
        this.container = container;
    }

    public static KafkaContainerCluster start() {
        KafkaContainer container = new KafkaContainer(
                DockerImageName.parse(System.getProperty(IMAGE_PROPERTY, DEFAULT_IMAGE)))
                .withEnv("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
        container.start();
        return new KafkaContainerCluster(container);
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public void close() {
        container.stop();
    }

    @Override
    public String toString() {
        return "KafkaContainerCluster[" + container.getDockerImageName() + "]";
    }
}
