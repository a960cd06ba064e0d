package io.waymark.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.schemas.kafka.Topic;
import io.waymark.schemas.kafka.Topics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class KafkaTopicManifestsTest {

    private static final java.nio.file.Path COMMITTED = DeployFiles.K8S.resolve(KafkaTopicManifests.COMMITTED_FILE);

    @Test
    void committedFileIsWhatTheCatalogRendersTo() {
        // Given the committed manifests and the catalog of this build
        String committed = DeployFiles.read(COMMITTED);

        // When the generator renders the catalog again
        String rendered = KafkaTopicManifests.render();

        // Then nothing differs
        assertThat(committed)
                .as("deploy/k8s/%s is out of date with io.waymark.schemas.kafka.Topics; regenerate it with "
                        + "./mvnw -B -o -pl deploy/k8s compile exec:java@kafka-topics", KafkaTopicManifests.COMMITTED_FILE)
                .isEqualTo(rendered);
    }

    @Test
    void everyCatalogTopicIsAKafkaTopicWithItsPartitionsAndConfigs() {
        // Given the parsed KafkaTopic resources
        Map<String, JsonNode> byTopic = new TreeMap<>();
        Resources.of(List.of(COMMITTED)).ofKind("KafkaTopic")
                .forEach(t -> byTopic.put(t.path("spec").path("topicName").asText(), t));

        // Then they are exactly the catalog's topics, each with the catalog's settings
        List<Topic<?, ?>> catalog = Topics.defaults().all();
        assertThat(byTopic.keySet()).containsExactlyInAnyOrderElementsOf(catalog.stream().map(Topic::name).toList());
        for (Topic<?, ?> topic : catalog) {
            JsonNode spec = byTopic.get(topic.name()).path("spec");
            assertThat(spec.path("partitions").asInt()).as("partitions of %s", topic).isEqualTo(topic.partitions());
            Map<String, String> configs = new LinkedHashMap<>();
            spec.path("config").fields().forEachRemaining(e -> configs.put(e.getKey(), e.getValue().asText()));
            Map<String, String> expected = new LinkedHashMap<>(topic.configs());
            expected.put("min.insync.replicas", Integer.toString(KafkaTopicManifests.MIN_IN_SYNC_REPLICAS));
            assertThat(configs).as("configs of %s", topic).isEqualTo(expected);
        }
    }

    @Test
    void topicsBelongToTheExampleKafkaClusterAndFitItsBrokers() {
        // Given the example Kafka cluster and its node pool
        Resources infra = Resources.ofKustomization(DeployFiles.K8S.resolve("infra"));
        JsonNode kafka = infra.ofKind("Kafka").get(0);
        int brokers = infra.ofKind("KafkaNodePool").stream()
                .filter(p -> p.path("spec").path("roles").toString().contains("broker"))
                .mapToInt(p -> p.path("spec").path("replicas").asInt()).sum();

        // Then every topic names that cluster, is a valid resource name and has no more replicas than brokers
        for (JsonNode topic : Resources.of(List.of(COMMITTED)).ofKind("KafkaTopic")) {
            String name = Resources.name(topic);
            assertThat(topic.path("metadata").path("labels").path("strimzi.io/cluster").asText())
                    .as("cluster of %s", name).isEqualTo(Resources.name(kafka));
            assertThat(name).as("RFC 1123 subdomain").matches("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");
            assertThat(topic.path("spec").path("replicas").asInt()).as("replicas of %s", name)
                    .isBetween(KafkaTopicManifests.MIN_IN_SYNC_REPLICAS, brokers);
        }
    }
}
