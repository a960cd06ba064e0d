package io.waymark.cli.internal;

import io.waymark.cli.CliEnvironment;
import io.waymark.local.LocalEndpoints;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decides which cluster a command talks to, setting by setting: an explicit flag, else the
 * {@code WAYMARK_*} variable (the same names the services read, see {@code event-sink/README.md}),
 * else the local stack running in the home directory ({@code <home>/stack.properties}), else the
 * local stack's fixed default ports.
 */
public final class TargetResolver {

    /** Kafka bootstrap servers. */
    public static final String KAFKA_VARIABLE = "WAYMARK_KAFKA_BOOTSTRAP_SERVERS";
    /** Topic prefix. */
    public static final String PREFIX_VARIABLE = "WAYMARK_KAFKA_TOPIC_PREFIX";
    /** Cassandra contact points. */
    public static final String CASSANDRA_VARIABLE = "WAYMARK_CASSANDRA_CONTACT_POINTS";
    /** Cassandra local datacenter. */
    public static final String DATACENTER_VARIABLE = "WAYMARK_CASSANDRA_LOCAL_DATACENTER";

    private final CliEnvironment environment;

    public TargetResolver(CliEnvironment environment) {
        this.environment = environment;
    }

    /**
     * @param kafka       {@code --kafka}, null when not given
     * @param topicPrefix {@code --topic-prefix}, null when not given (an empty string is a prefix)
     * @param cassandra   {@code --cassandra}, null when not given
     * @param datacenter  {@code --datacenter}, null when not given
     */
    public Target resolve(String kafka, String topicPrefix, String cassandra, String datacenter) {
        Optional<LocalEndpoints> running = environment.runningStack().apply(environment.home());
        LocalEndpoints defaults = LocalEndpoints.defaults(environment.home());
        return new Target(
                pick("--kafka", kafka, KAFKA_VARIABLE, running, defaults, LocalEndpoints::kafkaBootstrapServers),
                prefix(topicPrefix, running, defaults),
                pick("--cassandra", cassandra, CASSANDRA_VARIABLE, running, defaults,
                        LocalEndpoints::cassandraContactPoint),
                pick("--datacenter", datacenter, DATACENTER_VARIABLE, running, defaults,
                        LocalEndpoints::cassandraDatacenter));
    }

    private Setting pick(String flag, String flagValue, String variable, Optional<LocalEndpoints> running,
                         LocalEndpoints defaults, Function<LocalEndpoints, String> field) {
        if (flagValue != null && !flagValue.isBlank()) {
            return new Setting(flagValue.trim(), flag);
        }
        Optional<String> fromEnv = environment.variable(variable);
        if (fromEnv.isPresent()) {
            return new Setting(fromEnv.get(), variable);
        }
        return fromStack(running, defaults, field);
    }

    private Setting prefix(String flagValue, Optional<LocalEndpoints> running, LocalEndpoints defaults) {
        // an empty prefix is legal, so a given-but-empty flag or variable counts
        if (flagValue != null) {
            return new Setting(flagValue.trim(), "--topic-prefix");
        }
        String fromEnv = environment.variables().get(PREFIX_VARIABLE);
        if (fromEnv != null) {
            return new Setting(fromEnv.trim(), PREFIX_VARIABLE);
        }
        return fromStack(running, defaults, LocalEndpoints::topicPrefix);
    }

    private Setting fromStack(Optional<LocalEndpoints> running, LocalEndpoints defaults,
                              Function<LocalEndpoints, String> field) {
        if (running.isPresent()) {
            return new Setting(field.apply(running.get()),
                    "the local stack running in " + environment.home());
        }
        return new Setting(field.apply(defaults), "the local stack's default");
    }
}
