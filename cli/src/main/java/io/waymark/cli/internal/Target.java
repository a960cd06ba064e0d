package io.waymark.cli.internal;

import static java.util.Objects.requireNonNull;

/**
 * The cluster a command works on, each setting with its origin.
 *
 * @param kafka        Kafka bootstrap servers
 * @param topicPrefix  prefix of every topic name (may be empty)
 * @param cassandra    Cassandra contact points, {@code host:port[,host:port]}
 * @param datacenter   Cassandra's local datacenter
 */
public record Target(Setting kafka, Setting topicPrefix, Setting cassandra, Setting datacenter) {

    public Target {
        requireNonNull(kafka, "kafka");
        requireNonNull(topicPrefix, "topicPrefix");
        requireNonNull(cassandra, "cassandra");
        requireNonNull(datacenter, "datacenter");
    }
}
