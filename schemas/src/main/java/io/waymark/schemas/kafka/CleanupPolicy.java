package io.waymark.schemas.kafka;

/** Kafka's {@code cleanup.policy} of a topic. */
public enum CleanupPolicy {
    /** Segments older than {@code retention.ms} are deleted. */
    DELETE("delete"),
    /** The newest record per key is kept; a tombstone removes the key after {@code delete.retention.ms}. */
    COMPACT("compact"),
    /** Compacted, and whatever is older than {@code retention.ms} is deleted as well. */
    COMPACT_DELETE("compact,delete");

    private final String configValue;

    CleanupPolicy(String configValue) {
        this.configValue = configValue;
    }

    /** The value of the topic config {@code cleanup.policy}. */
    public String configValue() {
        return configValue;
    }
}
