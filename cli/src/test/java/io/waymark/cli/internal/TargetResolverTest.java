package io.waymark.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.cli.CliEnvironment;
import io.waymark.local.LocalEndpoints;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetResolverTest {

    private static final Map<String, String> VARIABLES = Map.of(
            TargetResolver.KAFKA_VARIABLE, "env-kafka:9092",
            TargetResolver.PREFIX_VARIABLE, "env.",
            TargetResolver.CASSANDRA_VARIABLE, "env-cassandra:9042",
            TargetResolver.DATACENTER_VARIABLE, "env-dc");

    @TempDir
    Path home;

    @Test
    void flagsWinOverEverything() {
        // Given variables and a running stack
        TargetResolver resolver = new TargetResolver(environment(VARIABLES, true));

        // When every flag is given
        Target target = resolver.resolve("flag-kafka:1", "flag.", "flag-cassandra:2", "flag-dc");

        // Then the flags are used, and say so
        assertThat(target.kafka()).isEqualTo(new Setting("flag-kafka:1", "--kafka"));
        assertThat(target.topicPrefix()).isEqualTo(new Setting("flag.", "--topic-prefix"));
        assertThat(target.cassandra()).isEqualTo(new Setting("flag-cassandra:2", "--cassandra"));
        assertThat(target.datacenter()).isEqualTo(new Setting("flag-dc", "--datacenter"));
    }

    @Test
    void variablesWinOverTheLocalStack() {
        Target target = new TargetResolver(environment(VARIABLES, true)).resolve(null, null, null, null);

        assertThat(target.kafka()).isEqualTo(new Setting("env-kafka:9092", TargetResolver.KAFKA_VARIABLE));
        assertThat(target.topicPrefix()).isEqualTo(new Setting("env.", TargetResolver.PREFIX_VARIABLE));
        assertThat(target.cassandra()).isEqualTo(new Setting("env-cassandra:9042", TargetResolver.CASSANDRA_VARIABLE));
        assertThat(target.datacenter()).isEqualTo(new Setting("env-dc", TargetResolver.DATACENTER_VARIABLE));
    }

    @Test
    void aRunningStackWinsOverTheDefaults() {
        Target target = new TargetResolver(environment(Map.of(), true)).resolve(null, null, null, null);

        assertThat(target.kafka().value()).isEqualTo("127.0.0.1:41092");
        assertThat(target.cassandra().value()).isEqualTo("127.0.0.1:41042");
        assertThat(target.topicPrefix().value()).isEqualTo("running.");
        assertThat(target.kafka().origin()).isEqualTo("the local stack running in " + home);
    }

    @Test
    void withoutAnythingTheLocalStackDefaultsAreUsed() {
        Target target = new TargetResolver(environment(Map.of(), false)).resolve(null, null, null, null);

        LocalEndpoints defaults = LocalEndpoints.defaults(home);
        assertThat(target.kafka()).isEqualTo(new Setting(defaults.kafkaBootstrapServers(), "the local stack's default"));
        assertThat(target.topicPrefix().value()).isEqualTo(defaults.topicPrefix());
        assertThat(target.cassandra().value()).isEqualTo(defaults.cassandraContactPoint());
        assertThat(target.datacenter().value()).isEqualTo(defaults.cassandraDatacenter());
    }

    @Test
    void eachSettingIsResolvedOnItsOwn() {
        // Given only the Kafka variable and the --datacenter flag
        TargetResolver resolver = new TargetResolver(environment(
                Map.of(TargetResolver.KAFKA_VARIABLE, "env-kafka:9092"), true));

        Target target = resolver.resolve(null, null, null, "flag-dc");

        assertThat(target.kafka().origin()).isEqualTo(TargetResolver.KAFKA_VARIABLE);
        assertThat(target.topicPrefix().value()).isEqualTo("running.");
        assertThat(target.datacenter().origin()).isEqualTo("--datacenter");
    }

    @Test
    void anEmptyPrefixIsAPrefixButABlankAddressIsUnset() {
        // Given an empty prefix variable and a blank Kafka variable
        TargetResolver resolver = new TargetResolver(environment(Map.of(
                TargetResolver.PREFIX_VARIABLE, "", TargetResolver.KAFKA_VARIABLE, "  "), false));

        Target target = resolver.resolve(null, null, null, null);

        assertThat(target.topicPrefix()).isEqualTo(new Setting("", TargetResolver.PREFIX_VARIABLE));
        assertThat(target.kafka().origin()).isEqualTo("the local stack's default");
    }

    private CliEnvironment environment(Map<String, String> variables, boolean running) {
        LocalEndpoints stack = new LocalEndpoints("127.0.0.1:41092", "running.", "127.0.0.1:41042", "dc-running",
                41080, 41443, URI.create("https://127.0.0.1:41140/dir"), home.resolve("roots.pem"),
                home.resolve("keys.properties"), home);
        return new CliEnvironment(variables, home, h -> h.equals(home) && running ? Optional.of(stack) : Optional.empty(),
                Duration.ofSeconds(5));
    }
}
