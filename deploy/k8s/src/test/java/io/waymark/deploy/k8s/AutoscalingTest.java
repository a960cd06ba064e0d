package io.waymark.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.schemas.kafka.Topics;
import org.junit.jupiter.api.Test;

/** Horizontal scaling stays within what Kafka can hand out: no more consumers than partitions. */
class AutoscalingTest {

    private static final Resources BASE = Resources.ofKustomization(DeployFiles.K8S.resolve("base"));
    private static final Topics TOPICS = Topics.defaults();

    @Test
    void rewriterScalesUpToOneStreamThreadPerOutboundPartition() {
        // Given the rewriter's autoscaler and its stream threads per pod
        JsonNode hpa = autoscalerOf("waymark-rewriter");
        int threads = Integer.parseInt(EdgeExposureTest.literalEnv(ServiceDeploymentsTest.container(ServiceSpec.named("rewriter")))
                .get(ReadmeSettings.environmentVariable("rewriter.threads")));

        // Then at its maximum every thread still gets a partition of outbound
        assertThat(hpa.path("maxReplicas").asInt() * threads).isLessThanOrEqualTo(TOPICS.outbound().partitions());
        assertThat(hpa.path("minReplicas").asInt()).isBetween(2, hpa.path("maxReplicas").asInt());
    }

    @Test
    void eventSinkScalesUpToOneConsumerPerTrackingEventsPartition() {
        JsonNode hpa = autoscalerOf("waymark-event-sink");

        assertThat(hpa.path("maxReplicas").asInt()).isLessThanOrEqualTo(TOPICS.trackingEvents().partitions());
        assertThat(hpa.path("minReplicas").asInt()).isBetween(2, hpa.path("maxReplicas").asInt());
    }

    @Test
    void autoscaledDeploymentsRequestTheCpuTheirTargetIsAPercentageOf() {
        for (JsonNode hpa : BASE.ofKind("HorizontalPodAutoscaler")) {
            JsonNode target = BASE.get("Deployment", hpa.path("spec").path("scaleTargetRef").path("name").asText());
            assertThat(target.path("spec").path("template").path("spec").path("containers").get(0)
                    .path("resources").path("requests").has("cpu")).as("%s requests cpu", Resources.name(target)).isTrue();
        }
    }

    private static JsonNode autoscalerOf(String deployment) {
        return BASE.ofKind("HorizontalPodAutoscaler").stream()
                .filter(h -> h.path("spec").path("scaleTargetRef").path("name").asText().equals(deployment))
                .findFirst().orElseThrow(() -> new AssertionError("no HorizontalPodAutoscaler for " + deployment))
                .path("spec");
    }
}
