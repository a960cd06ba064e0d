package io.waymark.schemas.kafka;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;

/**
 * A Kafka topic of the Waymark contract: its name, how keys and values are (de)serialized, and
 * the topic configuration it is created with. Instances come from {@link Topics}; no other code
 * spells a topic name.
 *
 * @param logicalName     name without prefix, e.g. {@code domain-status} or {@code dlq.edge}
 * @param name            full name on the cluster, e.g. {@code waymark.domain-status}
 * @param keySerde        serde of keys (UTF-8 strings everywhere)
 * @param valueSerde      serde of values ({@link WaymarkSerde}, or raw bytes for dead letters)
 * @param cleanupPolicy   {@code cleanup.policy}
 * @param partitions      partition count to create the topic with
 * @param retention       {@code retention.ms}; {@link #RETAIN_FOREVER} for -1
 * @param maxMessageBytes {@code max.message.bytes}; producers set {@code max.request.size} and
 *                        consumers {@code max.partition.fetch.bytes} at least this high
 * @param extraConfigs    further topic configs (compaction lags, segment size...)
 */
public record Topic<K, V>(String logicalName, String name, Serde<K> keySerde, Serde<V> valueSerde,
                          CleanupPolicy cleanupPolicy, int partitions, Duration retention,
                          int maxMessageBytes, Map<String, String> extraConfigs) {

    /** Retention of -1: Kafka never deletes by age (compacted topics). */
    public static final Duration RETAIN_FOREVER = Duration.ofMillis(-1);

    private static final Pattern LEGAL_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final Set<String> MANAGED = Set.of(TopicConfig.CLEANUP_POLICY_CONFIG,
            TopicConfig.RETENTION_MS_CONFIG, TopicConfig.MAX_MESSAGE_BYTES_CONFIG);

    public Topic {
        requireNonNull(logicalName, "logicalName");
        requireNonNull(name, "name");
        requireNonNull(keySerde, "keySerde");
        requireNonNull(valueSerde, "valueSerde");
        requireNonNull(cleanupPolicy, "cleanupPolicy");
        requireNonNull(retention, "retention");
        requireNonNull(extraConfigs, "extraConfigs");
        if (!LEGAL_NAME.matcher(name).matches() || ".".equals(name) || "..".equals(name)) {
            throw new IllegalArgumentException("topic name '" + name
                    + "' is not a legal Kafka topic name ([a-zA-Z0-9._-], at most 249 characters)");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions of " + name + " must be 1 or more, was " + partitions);
        }
        if (retention.isNegative() && !retention.equals(RETAIN_FOREVER)) {
            throw new IllegalArgumentException("retention of " + name + " must be positive or RETAIN_FOREVER, was "
                    + retention);
        }
        if (maxMessageBytes < 1) {
            throw new IllegalArgumentException("maxMessageBytes of " + name + " must be positive, was "
                    + maxMessageBytes);
        }
        for (String key : extraConfigs.keySet()) {
            if (MANAGED.contains(key)) {
                throw new IllegalArgumentException("extraConfigs of " + name + " must not set " + key
                        + ": it is a field of Topic");
            }
        }
        extraConfigs = Map.copyOf(extraConfigs);
    }

    /** Every topic config this topic is created with, in a stable order. */
    public Map<String, String> configs() {
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy.configValue());
        configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis()));
        configs.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(maxMessageBytes));
        extraConfigs.keySet().stream().sorted().forEach(k -> configs.put(k, extraConfigs.get(k)));
        return configs;
    }

    /** The same topic with another partition count. */
    public Topic<K, V> withPartitions(int count) {
        return new Topic<>(logicalName, name, keySerde, valueSerde, cleanupPolicy, count, retention,
                maxMessageBytes, extraConfigs);
    }

    @Override
    public String toString() {
        return name;
    }
}
