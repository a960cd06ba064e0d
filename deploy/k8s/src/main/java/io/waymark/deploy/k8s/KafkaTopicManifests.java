package io.waymark.deploy.k8s;

import static java.util.Objects.requireNonNull;

import io.waymark.schemas.kafka.Topic;
import io.waymark.schemas.kafka.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Renders the topic catalog of {@code schemas} ({@link Topics}) for the two deployments: as
 * Strimzi {@code KafkaTopic} resources, so the Topic Operator creates exactly the topics the
 * services expect, and as the {@code kafka-topics.sh} script the compose file's one-shot
 * {@code topics} service runs. Names, partitions and every topic config come from the catalog,
 * the replication settings from the deployment. Both outputs are committed
 * ({@link #COMMITTED_FILE}, {@link #COMPOSE_SCRIPT}); a test renders them again and fails when a
 * committed file differs.
 *
 * <p>Regenerate after a catalog change, from the repository root:
 * {@code ./mvnw -B -o -pl deploy/k8s compile exec:java@kafka-topics}.
 */
public final class KafkaTopicManifests {

    /** Name of the Strimzi {@code Kafka} resource the topics belong to ({@code strimzi.io/cluster}). */
    public static final String CLUSTER = "waymark";
    /** Replicas of every topic: three brokers, one may be down while writes with acks=all go on. */
    public static final int REPLICAS = 3;
    /** With {@link #REPLICAS} 3: an acknowledged write is on two brokers at least. */
    public static final int MIN_IN_SYNC_REPLICAS = 2;
    /** Where the rendered manifests live, relative to the module. */
    public static final String COMMITTED_FILE = "base/kafka-topics.yaml";
    /** Where the compose topic script lives, relative to the module. */
    public static final String COMPOSE_SCRIPT = "../compose/create-topics.sh";
    /** One broker on one host: fewer partitions than a cluster needs ({@link Topics#withMaxPartitions}). */
    public static final int COMPOSE_MAX_PARTITIONS = 12;

    private KafkaTopicManifests() {
    }

    /** The catalog with the default prefix, rendered as one multi-document YAML file. */
    public static String render() {
        return render(Topics.defaults(), CLUSTER, REPLICAS, MIN_IN_SYNC_REPLICAS);
    }

    /** Every topic of {@code topics.all()} as a {@code KafkaTopic} of {@code cluster}, in catalog order. */
    public static String render(Topics topics, String cluster, int replicas, int minInSyncReplicas) {
        requireNonNull(topics, "topics");
        requireNonNull(cluster, "cluster");
        if (replicas < 1 || minInSyncReplicas < 1 || minInSyncReplicas > replicas) {
            throw new IllegalArgumentException("need 1 <= min.insync.replicas (" + minInSyncReplicas
                    + ") <= replicas (" + replicas + ")");
        }
        StringBuilder out = new StringBuilder();
        out.append("# Generated from io.waymark.schemas.kafka.Topics by ")
                .append(KafkaTopicManifests.class.getName()).append(". Do not edit:\n")
                .append("# ./mvnw -B -o -pl deploy/k8s compile exec:java@kafka-topics\n");
        for (Topic<?, ?> topic : topics.all()) {
            out.append("---\n")
                    .append("apiVersion: kafka.strimzi.io/v1beta2\n")
                    .append("kind: KafkaTopic\n")
                    .append("metadata:\n")
                    .append("  name: ").append(resourceName(topic)).append('\n')
                    .append("  labels:\n")
                    .append("    strimzi.io/cluster: ").append(cluster).append('\n')
                    .append("    app.kubernetes.io/part-of: waymark\n")
                    .append("spec:\n")
                    .append("  topicName: ").append(topic.name()).append('\n')
                    .append("  partitions: ").append(topic.partitions()).append('\n')
                    .append("  replicas: ").append(replicas).append('\n')
                    .append("  config:\n");
            for (Map.Entry<String, String> config : topic.configs().entrySet()) {
                out.append("    ").append(config.getKey()).append(": \"").append(config.getValue()).append("\"\n");
            }
            out.append("    min.insync.replicas: \"").append(minInSyncReplicas).append("\"\n");
        }
        return out.toString();
    }

    /** The compose script for the default catalog: one broker, at most {@link #COMPOSE_MAX_PARTITIONS} partitions. */
    public static String renderScript() {
        return renderScript(Topics.defaults().withMaxPartitions(COMPOSE_MAX_PARTITIONS), 1);
    }

    /**
     * A POSIX shell script creating every topic of the catalog that does not exist yet with
     * {@code kafka-topics.sh}; the bootstrap servers come from its first argument.
     */
    public static String renderScript(Topics topics, int replicationFactor) {
        requireNonNull(topics, "topics");
        StringBuilder out = new StringBuilder();
        out.append("#!/bin/sh\n")
                .append("# Generated from io.waymark.schemas.kafka.Topics by ")
                .append(KafkaTopicManifests.class.getName()).append(". Do not edit:\n")
                .append("# ./mvnw -B -o -pl deploy/k8s compile exec:java@kafka-topics\n")
                .append("# Creates the topics missing on the broker given as the first argument (idempotent).\n")
                .append("set -eu\n")
                .append("BOOTSTRAP=${1:?usage: create-topics.sh <bootstrap-servers>}\n")
                .append("TOPICS=${KAFKA_TOPICS_SH:-/opt/kafka/bin/kafka-topics.sh}\n");
        for (Topic<?, ?> topic : topics.all()) {
            out.append("\"$TOPICS\" --bootstrap-server \"$BOOTSTRAP\" --create --if-not-exists --topic ")
                    .append(topic.name())
                    .append(" --partitions ").append(topic.partitions())
                    .append(" --replication-factor ").append(replicationFactor);
            topic.configs().forEach((k, v) -> out.append(" --config ").append(k).append('=').append(v));
            out.append('\n');
        }
        out.append("echo \"topics ready on $BOOTSTRAP\"\n");
        return out.toString();
    }

    /**
     * The Kubernetes name of a topic's resource: the topic name lower-cased, which is a valid
     * RFC 1123 subdomain for every name the catalog allows except ones with {@code _}.
     */
    static String resourceName(Topic<?, ?> topic) {
        return topic.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Writes {@link #render()} and {@link #renderScript()} below the module directory given as the only argument. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: KafkaTopicManifests <deploy/k8s directory>");
            System.exit(2);
        }
        Path module = Path.of(args[0]);
        write(module.resolve(COMMITTED_FILE), render());
        write(module.resolve(COMPOSE_SCRIPT).normalize(), renderScript());
    }

    private static void write(Path target, String content) throws IOException {
        Files.writeString(target, content, StandardCharsets.UTF_8);
        System.out.println("wrote " + target.toAbsolutePath());
    }
}
