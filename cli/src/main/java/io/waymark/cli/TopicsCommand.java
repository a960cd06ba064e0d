package io.waymark.cli;

import io.waymark.cli.internal.KafkaConnection;
import io.waymark.cli.internal.KafkaOptions;
import io.waymark.schemas.kafka.Topic;
import io.waymark.schemas.kafka.TopicAdmin;
import io.waymark.schemas.kafka.TopicDrift;
import io.waymark.schemas.kafka.TopicReport;
import io.waymark.schemas.kafka.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code waymark topics create|describe}: the topic catalog on a cluster. */
@Command(name = "topics", mixinStandardHelpOptions = true,
        description = "Create the catalog's topics, or describe them as the cluster has them.",
        subcommands = {TopicsCommand.Create.class, TopicsCommand.Describe.class})
public final class TopicsCommand {

    private TopicsCommand() {
    }

    /** {@code topics create}. */
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Create every topic of the catalog that is missing (TopicAdmin.ensure) and report "
                    + "existing ones whose partitions or configs differ from the catalog (drift). Existing topics "
                    + "are never altered. Safe to run again: a second run creates nothing."})
    static final class Create extends CliCommand {

        @Mixin
        KafkaOptions kafka;

        @Option(names = "--replication-factor", paramLabel = "N",
                description = "Replication factor of new topics (default: the broker's default.replication.factor).")
        Short replicationFactor;

        @Option(names = "--max-partitions", paramLabel = "N",
                description = "Create no topic with more than N partitions (small clusters, tests; default: the "
                        + "catalog's counts).")
        Integer maxPartitions;

        @Override
        public Integer call() {
            if (replicationFactor != null && replicationFactor < 1) {
                throw new ArgumentException("--replication-factor must be 1 or more, was " + replicationFactor);
            }
            if (maxPartitions != null && maxPartitions < 1) {
                throw new ArgumentException("--max-partitions must be 1 or more, was " + maxPartitions);
            }
            try (KafkaConnection connection = kafka.connect(environment())) {
                Topics topics = maxPartitions == null ? connection.topics()
                        : connection.topics().withMaxPartitions(maxPartitions);
                TopicReport report = new TopicAdmin(connection.admin(), Optional.ofNullable(replicationFactor),
                        connection.timeout()).ensure(topics.all());
                report.created().forEach(t -> out().println("created   " + t));
                report.existing().forEach(t -> out().println("existing  " + t));
                for (TopicDrift drift : report.drifts()) {
                    out().println("drift     " + drift);
                }
                out().printf("%d created, %d existing, %d drifted settings%n", report.created().size(),
                        report.existing().size(), report.drifts().size());
                out().flush();
                return ExitCodes.OK;
            }
        }
    }

    /** {@code topics describe}. */
    @Command(name = "describe", mixinStandardHelpOptions = true,
            description = "Each topic of the catalog as the cluster has it: partitions, replication factor, "
                    + "cleanup policy and the sum of its partitions' end offsets; MISSING when it does not exist. "
                    + "Other dlq.* topics under the prefix are listed too.")
    static final class Describe extends CliCommand {

        @Mixin
        KafkaOptions kafka;

        @Override
        public Integer call() throws Exception {
            try (KafkaConnection connection = kafka.connect(environment())) {
                Admin admin = connection.admin();
                long timeout = connection.timeout().toMillis();
                Set<String> present = get(admin.listTopics().names(), timeout, connection);
                List<Topic<?, ?>> catalog = new ArrayList<>(connection.topics().all());
                present.stream().sorted()
                        .map(name -> connection.topics().byName(name))
                        .flatMap(Optional::stream)
                        .filter(t -> catalog.stream().noneMatch(c -> c.name().equals(t.name())))
                        .forEach(catalog::add);
                List<String> existing = catalog.stream().map(Topic::name).filter(present::contains).toList();
                Map<String, TopicDescription> descriptions = existing.isEmpty() ? Map.of()
                        : get(admin.describeTopics(existing).allTopicNames(), timeout, connection);
                Map<ConfigResource, Config> configs = existing.isEmpty() ? Map.of()
                        : get(admin.describeConfigs(existing.stream()
                        .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList()).all(), timeout, connection);
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                descriptions.values().forEach(d -> d.partitions().forEach(
                        p -> latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
                Map<TopicPartition, ListOffsetsResultInfo> ends = latest.isEmpty() ? Map.of()
                        : get(admin.listOffsets(latest).all(), timeout, connection);

                String format = "%-" + width(catalog) + "s  %10s  %11s  %-14s  %11s%n";
                out().printf(format, "TOPIC", "PARTITIONS", "REPLICATION", "CLEANUP", "END OFFSETS");
                int missing = 0;
                for (Topic<?, ?> topic : catalog) {
                    TopicDescription d = descriptions.get(topic.name());
                    if (d == null) {
                        missing++;
                        out().printf(format, topic.name(), "MISSING", "-", "-", "-");
                        continue;
                    }
                    int partitions = d.partitions().size();
                    String partitionText = partitions == topic.partitions() ? Integer.toString(partitions)
                            : partitions + " (" + topic.partitions() + ")";
                    int replication = d.partitions().isEmpty() ? 0 : d.partitions().get(0).replicas().size();
                    ConfigEntry cleanup = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()))
                            .get(TopicConfig.CLEANUP_POLICY_CONFIG);
                    long endSum = d.partitions().stream().mapToLong(p -> ends.get(
                            new TopicPartition(d.name(), p.partition())).offset()).sum();
                    out().printf(format, topic.name(), partitionText, replication,
                            cleanup == null ? "?" : cleanup.value(), endSum);
                }
                out().printf("%d topics, %d missing; a partition count in parentheses is the catalog's%n",
                        catalog.size(), missing);
                out().flush();
                return ExitCodes.OK;
            }
        }

        private static int width(List<Topic<?, ?>> topics) {
            return Math.max(5, topics.stream().mapToInt(t -> t.name().length()).max().orElse(5));
        }
    }

    static <T> T get(KafkaFuture<T> future, long timeoutMs, KafkaConnection connection) throws InterruptedException {
        try {
            return future.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw KafkaConnection.unreachable(connection.target(), connection.timeout(), e);
        } catch (ExecutionException e) {
            throw new KafkaException(e.getCause().getMessage(), e.getCause());
        }
    }
}
