package io.waymark.embedded;

/**
 * A running Kafka cluster that a test or the local stack talks to through its bootstrap
 * servers only. {@link KafkaExtension} injects the JVM-wide shared one (an in-process KRaft
 * node, or an {@code apache/kafka} container when Docker answers); {@link KafkaProcess} is a
 * dedicated child-process broker for tests that kill and restart it.
 */
public interface KafkaCluster {

    /** The {@code bootstrap.servers} value for clients, e.g. {@code 127.0.0.1:40123}. */
    String bootstrapServers();
}
