package io.waymark.eventsink;

import static java.util.Objects.requireNonNull;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import io.waymark.common.config.Config;
import io.waymark.common.config.HostPort;
import io.waymark.common.config.Secret;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The event sink's settings, read once at start-up from the layered {@link Config} (defaults,
 * properties file, {@code WAYMARK_*} environment). Every key, its environment variable and its
 * default are listed in {@code event-sink/README.md}; {@link #DEFAULTS} is the source of truth.
 *
 * @param bootstrapServers   {@code kafka.bootstrap-servers}
 * @param topicPrefix        {@code kafka.topic-prefix}
 * @param groupId            {@code event-sink.group-id}
 * @param maxPollRecords     {@code event-sink.max-poll-records}
 * @param contactPoints      {@code cassandra.contact-points}
 * @param localDatacenter    {@code cassandra.local-datacenter}
 * @param keyspace           {@code cassandra.keyspace}
 * @param replication        {@code cassandra.replication}
 * @param consistency        {@code cassandra.consistency}
 * @param requestTimeout     {@code cassandra.request-timeout}
 * @param username           {@code cassandra.username}, optional
 * @param password           {@code cassandra.password}, optional
 * @param retention          {@code event-sink.retention}: how long rows live (TTL from event time)
 * @param domainBuckets      {@code event-sink.domain-buckets}: sub-partitions per domain and day
 * @param maxInFlight        {@code event-sink.max-in-flight}: events being written at once
 * @param retryInitial       {@code event-sink.retry.initial-backoff}
 * @param retryMax           {@code event-sink.retry.max-backoff}
 * @param commitInterval     {@code event-sink.commit-interval}
 * @param revokeTimeout      {@code event-sink.revoke-timeout}
 * @param migrate            {@code event-sink.migrate}: apply schema migrations at start-up
 */
public record EventSinkConfig(
        String bootstrapServers,
        String topicPrefix,
        String groupId,
        int maxPollRecords,
        List<HostPort> contactPoints,
        String localDatacenter,
        String keyspace,
        Replication replication,
        DefaultConsistencyLevel consistency,
        Duration requestTimeout,
        Optional<String> username,
        Optional<Secret> password,
        Duration retention,
        int domainBuckets,
        int maxInFlight,
        Duration retryInitial,
        Duration retryMax,
        Duration commitInterval,
        Duration revokeTimeout,
        boolean migrate) {

    public static final String BOOTSTRAP_SERVERS = "kafka.bootstrap-servers";
    public static final String TOPIC_PREFIX = "kafka.topic-prefix";
    public static final String GROUP_ID = "event-sink.group-id";
    public static final String MAX_POLL_RECORDS = "event-sink.max-poll-records";
    public static final String CONTACT_POINTS = "cassandra.contact-points";
    public static final String LOCAL_DATACENTER = "cassandra.local-datacenter";
    public static final String KEYSPACE = "cassandra.keyspace";
    public static final String REPLICATION = "cassandra.replication";
    public static final String CONSISTENCY = "cassandra.consistency";
    public static final String REQUEST_TIMEOUT = "cassandra.request-timeout";
    public static final String USERNAME = "cassandra.username";
    public static final String PASSWORD = "cassandra.password";
    public static final String RETENTION = "event-sink.retention";
    public static final String DOMAIN_BUCKETS = "event-sink.domain-buckets";
    public static final String MAX_IN_FLIGHT = "event-sink.max-in-flight";
    public static final String RETRY_INITIAL = "event-sink.retry.initial-backoff";
    public static final String RETRY_MAX = "event-sink.retry.max-backoff";
    public static final String COMMIT_INTERVAL = "event-sink.commit-interval";
    public static final String REVOKE_TIMEOUT = "event-sink.revoke-timeout";
    public static final String MIGRATE = "event-sink.migrate";

    /** Built-in defaults of every key above, plus the admin port of this service. */
    public static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("admin.port", "9404"),
            Map.entry(BOOTSTRAP_SERVERS, "localhost:9092"),
            Map.entry(TOPIC_PREFIX, "waymark."),
            Map.entry(GROUP_ID, "waymark-event-sink"),
            Map.entry(MAX_POLL_RECORDS, "1000"),
            Map.entry(CONTACT_POINTS, "127.0.0.1:9042"),
            Map.entry(LOCAL_DATACENTER, "datacenter1"),
            Map.entry(KEYSPACE, "waymark_events"),
            Map.entry(REPLICATION, "datacenter1:1"),
            Map.entry(CONSISTENCY, "LOCAL_QUORUM"),
            Map.entry(REQUEST_TIMEOUT, "5s"),
            Map.entry(RETENTION, "90d"),
            Map.entry(DOMAIN_BUCKETS, "8"),
            Map.entry(MAX_IN_FLIGHT, "256"),
            Map.entry(RETRY_INITIAL, "100ms"),
            Map.entry(RETRY_MAX, "10s"),
            Map.entry(COMMIT_INTERVAL, "1s"),
            Map.entry(REVOKE_TIMEOUT, "10s"),
            Map.entry(MIGRATE, "true"));

    private static final Pattern KEYSPACE_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]{0,47}");

    public EventSinkConfig {
        requireNonNull(bootstrapServers, "bootstrapServers");
        requireNonNull(topicPrefix, "topicPrefix");
        requireNonNull(groupId, "groupId");
        contactPoints = List.copyOf(contactPoints);
        requireNonNull(localDatacenter, "localDatacenter");
        requireNonNull(replication, "replication");
        requireNonNull(consistency, "consistency");
        requireNonNull(requestTimeout, "requestTimeout");
        requireNonNull(username, "username");
        requireNonNull(password, "password");
        requireNonNull(retention, "retention");
        requireNonNull(retryInitial, "retryInitial");
        requireNonNull(retryMax, "retryMax");
        requireNonNull(commitInterval, "commitInterval");
        requireNonNull(revokeTimeout, "revokeTimeout");
        if (contactPoints.isEmpty()) {
            throw new IllegalArgumentException("at least one Cassandra contact point is needed");
        }
        if (keyspace == null || !KEYSPACE_NAME.matcher(keyspace).matches()) {
            throw new IllegalArgumentException("keyspace '" + keyspace + "' must match " + KEYSPACE_NAME);
        }
        if (retryMax.compareTo(retryInitial) < 0) {
            throw new IllegalArgumentException("retry max backoff " + retryMax + " is below the initial " + retryInitial);
        }
    }

    /** Reads and validates every key; a failure names the key, where it came from and the bad value. */
    public static EventSinkConfig from(Config config) {
        List<HostPort> points = new ArrayList<>();
        for (String entry : config.list(CONTACT_POINTS)) {
            try {
                points.add(HostPort.parse(entry));
            } catch (IllegalArgumentException e) {
                throw config.invalid(CONTACT_POINTS, config.string(CONTACT_POINTS), "a list of host:port");
            }
        }
        if (points.isEmpty()) {
            throw config.invalid(CONTACT_POINTS, "", "a list of host:port");
        }
        String keyspace = config.string(KEYSPACE);
        if (!KEYSPACE_NAME.matcher(keyspace).matches()) {
            throw config.invalid(KEYSPACE, keyspace, "a CQL identifier ([a-zA-Z][a-zA-Z0-9_]*, at most 48)");
        }
        Replication replication;
        try {
            replication = Replication.parse(config.string(REPLICATION));
        } catch (IllegalArgumentException e) {
            throw config.invalid(REPLICATION, config.string(REPLICATION), e.getMessage());
        }
        Duration retention = config.duration(RETENTION);
        if (retention.compareTo(Duration.ofHours(1)) < 0 || retention.toSeconds() > 20L * 365 * 86_400) {
            throw config.invalid(RETENTION, config.string(RETENTION), "a duration between 1h and 20 years (Cassandra's TTL limit)");
        }
        Duration initial = positive(config, RETRY_INITIAL);
        Duration max = positive(config, RETRY_MAX);
        if (max.compareTo(initial) < 0) {
            throw config.invalid(RETRY_MAX, config.string(RETRY_MAX), "at least " + RETRY_INITIAL + " (" + initial + ")");
        }
        return new EventSinkConfig(
                config.string(BOOTSTRAP_SERVERS),
                topicPrefix(config),
                config.string(GROUP_ID),
                config.intInRange(MAX_POLL_RECORDS, 1, 100_000),
                points,
                config.string(LOCAL_DATACENTER),
                keyspace,
                replication,
                config.enumValue(CONSISTENCY, DefaultConsistencyLevel.class),
                positive(config, REQUEST_TIMEOUT),
                config.optionalString(USERNAME),
                config.optionalSecret(PASSWORD),
                retention,
                config.intInRange(DOMAIN_BUCKETS, 1, 1024),
                config.intInRange(MAX_IN_FLIGHT, 1, 65_536),
                initial,
                max,
                positive(config, COMMIT_INTERVAL),
                positive(config, REVOKE_TIMEOUT),
                config.bool(MIGRATE));
    }

    private static String topicPrefix(Config config) {
        // an empty prefix is legal, so read the raw value rather than a required string
        String prefix = config.source().get(TOPIC_PREFIX).map(String::trim).orElse("");
        if (!prefix.matches("[a-zA-Z0-9._-]{0,200}")) {
            throw config.invalid(TOPIC_PREFIX, prefix, "a topic name prefix ([a-zA-Z0-9._-], at most 200)");
        }
        return prefix;
    }

    private static Duration positive(Config config, String key) {
        Duration value = config.duration(key);
        if (value.isZero()) {
            throw config.invalid(key, config.string(key), "a positive duration");
        }
        return value;
    }

    /**
     * Keyspace replication: {@code SimpleStrategy:<rf>} or {@code <dc>:<rf>[,<dc>:<rf>...]} for
     * {@code NetworkTopologyStrategy}. Used when the sink creates its keyspace; an existing
     * keyspace is never altered.
     */
    public record Replication(String strategy, Map<String, Integer> factors) {

        private static final Pattern DC = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

        public Replication {
            requireNonNull(strategy, "strategy");
            factors = Map.copyOf(factors);
        }

        /** Parses the setting; throws {@link IllegalArgumentException} saying what is expected. */
        public static Replication parse(String text) {
            String expected = "SimpleStrategy:<rf> or <dc>:<rf>[,<dc>:<rf>...] with 1 <= rf <= 15";
            Map<String, Integer> factors = new java.util.LinkedHashMap<>();
            boolean simple = false;
            for (String part : text.split(",")) {
                String[] pair = part.trim().split(":");
                if (pair.length != 2 || !DC.matcher(pair[0].trim()).matches()) {
                    throw new IllegalArgumentException(expected);
                }
                int rf;
                try {
                    rf = Integer.parseInt(pair[1].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(expected);
                }
                if (rf < 1 || rf > 15) {
                    throw new IllegalArgumentException(expected);
                }
                String name = pair[0].trim();
                if (name.equals("SimpleStrategy")) {
                    simple = true;
                }
                factors.put(name, rf);
            }
            if (simple) {
                if (factors.size() != 1) {
                    throw new IllegalArgumentException(expected);
                }
                return new Replication("SimpleStrategy", Map.of("replication_factor", factors.get("SimpleStrategy")));
            }
            return new Replication("NetworkTopologyStrategy", factors);
        }

        /** The CQL map literal, e.g. {@code {'class': 'NetworkTopologyStrategy', 'dc1': 3}}. */
        public String toCql() {
            StringBuilder cql = new StringBuilder("{'class': '").append(strategy).append('\'');
            factors.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> cql.append(", '").append(e.getKey()).append("': ").append(e.getValue()));
            return cql.append('}').toString();
        }
    }
}
