package io.waymark.schemas.kafka;

import static java.util.Objects.requireNonNull;

/**
 * A setting of an existing topic that differs from the catalog.
 *
 * @param topic    full topic name
 * @param setting  {@code partitions} or a topic config key such as {@code retention.ms}
 * @param expected what the catalog says
 * @param actual   what the cluster has
 */
public record TopicDrift(String topic, String setting, String expected, String actual) {

    /** The {@code setting} value for a partition-count difference. */
    public static final String PARTITIONS = "partitions";

    public TopicDrift {
        requireNonNull(topic, "topic");
        requireNonNull(setting, "setting");
        requireNonNull(expected, "expected");
        requireNonNull(actual, "actual");
    }

    @Override
    public String toString() {
        return topic + ": " + setting + " is " + actual + ", catalog says " + expected;
    }
}
